#!/bin/sh
# Quick start: installs what is needed, builds, and runs Mailstead in local
# mode (data in $XDG_DATA_HOME/mailstead, ports 10025, 10587, ... on
# 127.0.0.1). With a display, the desktop app starts and supervises the
# daemon; without one, the daemon runs in the foreground and prints its
# ports and admin socket. Stop it with Ctrl-C.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${MAILSTEAD_BUILD_DIR:-$root/build}
"$here/setup.sh"
"$here/build.sh"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build/app/mailstead" ]; then
    exec "$build/app/mailstead"
fi
echo "run: no display; starting mailsteadd in the foreground (local mode)."
echo "run: administer it from another terminal with $build/daemon/ctl/mailsteadctl"
exec "$build/daemon/mailsteadd" --local
