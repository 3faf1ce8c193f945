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

ctl="$build/daemon/ctl/mailsteadctl"
"$build/daemon/mailsteadd" --local > "$home/daemon.out" 2>&1 &
daemon=$!
for _ in $(seq 1 100); do grep -q "mailsteadd: ready" "$home/daemon.out" 2>/dev/null && break; sleep 0.1; done
sock="$XDG_RUNTIME_DIR/mailstead/admin.sock"
"$ctl" --socket "$sock" domain add example.test --quota 10G >/dev/null
"$ctl" --socket "$sock" domain add example.org --alias-for example.test >/dev/null
echo "a long password" | "$ctl" --socket "$sock" mailbox add alice@example.test --password-stdin --name "Alice" >/dev/null
echo "a long password" | "$ctl" --socket "$sock" mailbox add bob@example.test --password-stdin --name "Bob" >/dev/null
"$ctl" --socket "$sock" alias add @example.test alice@example.test >/dev/null

MAILSTEAD_SOCKET="$sock" "$build/app/mailstead" >/dev/null 2>&1 &
app=$!
sleep 4
# Crop to the window: a bare X server has no desktop around it.
geometry=$(xwininfo -name Mailstead 2>/dev/null | awk '
    /Absolute upper-left X/ {x=$4} /Absolute upper-left Y/ {y=$4}
    /Width:/ {w=$2} /Height:/ {h=$2} END {if (w) printf "%dx%d+%d+%d", w, h, x, y}')
import -window root ${geometry:+-crop "$geometry"} +repage "$out/status.png"
echo "screenshots: wrote $out/status.png"
