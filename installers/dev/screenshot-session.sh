# screenshot-session.sh - sourced by screenshots.sh and screenshots-wizard.sh:
# a temporary home, a real X server (Xvfb) on DISPLAY, a fresh local-mode
# mailsteadd in that home, and a cleanup on exit. Expects $build and
# $display_base (the first of 9 display numbers to choose from); sets
# $home, $daemon, $ctl, $sock, $app (empty) and the function ms (mailsteadctl
# on that daemon, output dropped).
home=$(mktemp -d)
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
export XDG_RUNTIME_DIR="$home/runtime"
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/mailstead" && chmod 700 "$XDG_RUNTIME_DIR"
unset MAILSTEAD_SOCKET

display=:$(( display_base + $$ % 9 ))
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
ms() { "$ctl" --socket "$sock" "$@" >/dev/null; }
