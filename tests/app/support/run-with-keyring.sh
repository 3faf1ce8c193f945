#!/bin/sh
# run-with-keyring.sh - run one test against a real Secret Service
#
# Usage: run-with-keyring.sh PROGRAM [ARGS...]
# Starts a private D-Bus session bus (dbus-run-session), a gnome-keyring
# daemon on it whose login keyring is created and unlocked with a test
# password, and then PROGRAM, as on a desktop where the user logged in.
# Hermetic: HOME and the XDG directories are a new temporary directory, so
# the user's own keyring is never touched; the keyring daemon is stopped by
# its PID and the directory removed when PROGRAM ends. The exit status is
# PROGRAM's.
set -eu

if [ "${MAILSTEAD_KEYRING_BUS:-}" != "private" ]; then
    MAILSTEAD_KEYRING_BUS=private exec dbus-run-session -- "$0" "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailstead-keyring.XXXXXX")
keyring_pid=
cleanup() {
    if [ -n "$keyring_pid" ]; then
        kill "$keyring_pid" 2>/dev/null || true
        wait "$keyring_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

export HOME="$tmp/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$HOME" "$XDG_RUNTIME_DIR"

# --unlock reads the password on stdin and creates the login keyring with it.
printf '%s' "mailstead-test-password" |
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$tmp/keyring.log" 2>&1 &
keyring_pid=$!

# Wait (at most 10 s) until the keyring owns the Secret Service's name;
# asking earlier would have the bus start another, locked, instance.
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; do
    tries=$((tries + 1))
    if [ "$tries" -ge 100 ] || ! kill -0 "$keyring_pid" 2>/dev/null; then
        echo "run-with-keyring.sh: gnome-keyring-daemon did not start:" >&2
        cat "$tmp/keyring.log" >&2
        exit 1
    fi
    sleep 0.1
done

status=0
"$@" || status=$?
exit "$status"
