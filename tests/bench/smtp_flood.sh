#!/bin/bash
# SMTP flood benchmark: mailsteadd against Postfix + Dovecot LMTP, side by side.
# Usage: tests/bench/smtp_flood.sh [BUILD_DIR] [--load1 N] [--load2 N] [--repeat R] ...
# See tests/bench/README.md. Not part of the test suite.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec python3 "$here/smtp_flood/flood.py" "$@"
