#!/bin/sh
# Takes screenshots of the desktop app as a person sees it: a real X server
# (Xvfb), a real local-mode daemon in a temporary home, ImageMagick's import.
# Writes docs/screenshots/*.png. Usage: installers/dev/screenshots.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${MAILSTEAD_BUILD_DIR:-$root/build}}
out=$root/docs/screenshots
mkdir -p "$out"

home=$(mktemp -d)
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
export XDG_RUNTIME_DIR="$home/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset MAILSTEAD_SOCKET

display=:$(( 90 + $$ % 9 ))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
daemon=""
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    [ -n "$daemon" ] && kill "$daemon" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    sleep 1
    rm -rf "$home"
}
trap cleanup EXIT INT TERM
export DISPLAY="$display"
sleep 1

# As root, local mode is not available: run the daemon as nobody then.
ctl="$build/daemon/ctl/mailsteadctl"
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody:nogroup "$home"
    chmod 755 "$home"
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$build/daemon/mailsteadd" > "$home/daemon.out" 2>&1 &
    daemon=$!
    ctl_as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
else
    "$build/daemon/mailsteadd" > "$home/daemon.out" 2>&1 &
    daemon=$!
    ctl_as=""
fi
for _ in $(seq 1 100); do grep -q "mailsteadd: ready" "$home/daemon.out" 2>/dev/null && break; sleep 0.1; done
sock="$XDG_RUNTIME_DIR/mailstead/admin.sock"
$ctl_as "$ctl" --socket "$sock" domain add example.test --quota 10G >/dev/null
echo "a long password" | $ctl_as "$ctl" --socket "$sock" mailbox add alice@example.test --password-stdin --name "Alice" >/dev/null
$ctl_as "$ctl" --socket "$sock" alias add @example.test alice@example.test >/dev/null

# The app runs as the same user as the daemon so it may use the socket.
if [ "$(id -u)" -eq 0 ]; then
    xhost +local: >/dev/null 2>&1 || true
    MAILSTEAD_SOCKET="$sock" setpriv --reuid=nobody --regid=nogroup --clear-groups "$build/app/mailstead" >/dev/null 2>&1 &
else
    MAILSTEAD_SOCKET="$sock" "$build/app/mailstead" >/dev/null 2>&1 &
fi
app=$!
sleep 4
import -window root "$out/status.png"
echo "screenshots: wrote $out/status.png"
