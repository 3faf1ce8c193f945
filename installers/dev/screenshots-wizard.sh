#!/bin/sh
# Takes a screenshot of each page of the setup wizard as a person sees it:
# a real X server (Xvfb), a fresh local-mode daemon in a temporary home,
# ImageMagick's import; writes docs/screenshots/wizard-PAGE.png. The first
# page shows because the app opens the wizard on a daemon without domains;
# the others through the wizard's resume: the progress a person leaves in
# the app's settings file when closing the wizard on that page, with the
# domain and mailbox added through mailsteadctl where a page needs them.
# Called by screenshots.sh. Usage: installers/dev/screenshots-wizard.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${MAILSTEAD_BUILD_DIR:-$root/build}}
out=$root/docs/screenshots
mkdir -p "$out"

display_base=80
. "$root/installers/dev/screenshot-session.sh"
# The name a person would enter; the local daemon calls itself after the machine.
hostname=mail.example.test

# progress PAGE_ID [KEY=VALUE...]: the wizard's saved state (WizardProgress.h).
progress() {
    page=$1
    shift
    {
        echo "[setup_wizard]"
        echo "page=$page"
        printf 'values\\hostname=%s\n' "$hostname"
        for pair in "$@"; do printf 'values\\%s\n' "$pair"; done
    } > "$XDG_CONFIG_HOME/mailstead/mailstead.conf"
}

# shoot NAME: starts the app, which opens the wizard, and saves the wizard's window.
shoot() {
    MAILSTEAD_SOCKET="$sock" "$build/app/mailstead" >/dev/null 2>&1 &
    app=$!
    sleep 4
    window=$(xwininfo -root -tree 2>/dev/null | awk '/"Set up Mailstead/ {print $1; exit}')
    geometry=""
    if [ -n "$window" ]; then
        geometry=$(xwininfo -id "$window" | awk '
            /Absolute upper-left X/ {x=$4} /Absolute upper-left Y/ {y=$4}
            /Width:/ {w=$2} /Height:/ {h=$2} END {if (w) printf "%dx%d+%d+%d", w, h, x, y}')
    fi
    import -window root ${geometry:+-crop "$geometry"} +repage "$out/wizard-$1.png"
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=""
    echo "screenshots: wrote $out/wizard-$1.png"
}

shoot welcome
progress 1
shoot hostname
progress 2 domain=example.test
shoot domain
ms domain add example.test
progress 3 domain=example.test added_domain=example.test
shoot dns
progress 4 domain=example.test added_domain=example.test
shoot certificate
progress 5 domain=example.test added_domain=example.test mailbox_local_part=alice \
    "mailbox_name=Alice Baker"
shoot mailbox
echo "a long password" | ms mailbox add alice@example.test --password-stdin --name "Alice Baker"
progress 6 domain=example.test added_domain=example.test mailbox_local_part=alice \
    added_mailbox=alice@example.test
shoot summary
