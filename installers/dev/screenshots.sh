#!/bin/sh
# Takes screenshots of the desktop app as a person sees it: a real X server
# (Xvfb), a real local-mode daemon in a temporary home, ImageMagick's import.
# Fills it with demo domains, mailboxes, aliases and some mail through
# mailsteadctl and SMTP, then opens the app once per main page (--page) and
# writes docs/screenshots/PAGE.png; screenshots-wizard.sh adds the setup
# wizard's pages. Usage: installers/dev/screenshots.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${MAILSTEAD_BUILD_DIR:-$root/build}}
out=$root/docs/screenshots
mkdir -p "$out"

display_base=90
. "$root/installers/dev/screenshot-session.sh"
ms domain add example.test --quota 100M --max-mailboxes 50 --description "Main office"
ms domain add example.org --alias-for example.test
ms domain add shop.example --quota 50M --description "Web shop"
ms domain add family.example --description "The family"
for who in "alice:Alice Baker:8M" "bob:Bob Carter:20M" "carol:Carol Diaz:20M" "dave:Dave Evans:0"; do
    IFS=: read -r local name quota <<EOF_MAILBOX
$who
EOF_MAILBOX
    echo "a long password" | ms mailbox add "$local@example.test" --password-stdin --name "$name" --quota "$quota"
done
echo "a long password" | ms mailbox add orders@shop.example --password-stdin --name "Orders" --quota 16M
echo "a long password" | ms mailbox add grandma@family.example --password-stdin --name "Grandma"
ms mailbox set dave@example.test --active no
ms alias add @example.test alice@example.test
ms alias add sales@example.test alice@example.test bob@example.test
ms alias add info@shop.example orders@shop.example
# Some mail, so that the usage bars have something to show.
smtp_port=$(awk '/listening smtp / {split($NF, a, ":"); print a[length(a)]; exit}' "$home/daemon.out")
if [ -n "$smtp_port" ]; then
    python3 - "$smtp_port" <<'EOF_MAIL'
import smtplib, sys
body = "Subject: Quarterly figures\r\n\r\n" + ("All the figures, line by line.\r\n" * 40000)
with smtplib.SMTP("127.0.0.1", int(sys.argv[1])) as smtp:
    for rcpt in ["alice@example.test"] * 6 + ["bob@example.test"] * 2 + ["orders@shop.example"] * 3:
        smtp.sendmail("boss@example.net", [rcpt], body)
EOF_MAIL
fi

# One run of the app per page: --page opens it on that page.
shoot() {
    MAILSTEAD_SOCKET="$sock" "$build/app/mailstead" --page "$1" >/dev/null 2>&1 &
    app=$!
    sleep 2
    # The log page shows the daemon's event.log: give it something to say.
    if [ "$1" = log ]; then
        ms domain add demo.example --description "Added while the log was open"
        ms domain remove demo.example
    fi
    sleep 2
    # Crop to the window: a bare X server has no desktop around it.
    geometry=$(xwininfo -name Mailstead 2>/dev/null | awk '
        /Absolute upper-left X/ {x=$4} /Absolute upper-left Y/ {y=$4}
        /Width:/ {w=$2} /Height:/ {h=$2} END {if (w) printf "%dx%d+%d+%d", w, h, x, y}')
    import -window root ${geometry:+-crop "$geometry"} +repage "$out/$1.png"
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=""
    echo "screenshots: wrote $out/$1.png"
}
for page in status domains mailboxes aliases log; do
    shoot "$page"
done

# The setup wizard, page by page, on a fresh daemon of its own (local mode
# ports: this one stops first).
kill "$daemon" 2>/dev/null || true
wait "$daemon" 2>/dev/null || true
daemon=""
"$root/installers/dev/screenshots-wizard.sh" "$build"
