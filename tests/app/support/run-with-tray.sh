#!/bin/sh
# run-with-tray.sh - run one test on an X server that has a system tray
#
# Usage: run-with-tray.sh PROGRAM [ARGS...]
# Starts Xvfb on a free display (it names the display through -displayfd)
# and trayer, a small XEmbed system tray, on it; then runs PROGRAM with
# QT_QPA_PLATFORM=xcb, so that QSystemTrayIcon meets a real tray as on a
# desktop. Hermetic: no session bus (Qt then uses the XEmbed tray, not the
# desktop's), and fresh XDG directories, so the user's settings are not
# read. Both servers are stopped by PID when PROGRAM ends; its exit status
# is the script's.
set -eu

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailstead-tray.XXXXXX")
xvfb_pid=
trayer_pid=
cleanup() {
    for pid in $trayer_pid $xvfb_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
tries=0
until [ -s "$tmp/display" ]; do
    tries=$((tries + 1))
    if [ "$tries" -ge 100 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
        echo "run-with-tray.sh: Xvfb did not start:" >&2
        cat "$tmp/xvfb.log" >&2
        exit 1
    fi
    sleep 0.1
done
DISPLAY=:$(cat "$tmp/display")
export DISPLAY

trayer --edge top --align right --widthtype request --height 24 >"$tmp/trayer.log" 2>&1 &
trayer_pid=$!

unset DBUS_SESSION_BUS_ADDRESS
export QT_QPA_PLATFORM=xcb
export XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# The program waits for the tray itself (QSystemTrayIcon::isSystemTrayAvailable).
status=0
"$@" || status=$?
exit "$status"
