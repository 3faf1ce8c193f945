#!/bin/bash
# IMAP benchmark: mailsteadd against Dovecot, side by side in one run.
# Usage: tests/bench/imap_bench.sh [BUILD_DIR] [--messages N] [--clients 1,20] [--repeat R] [--idle K] ...
# See tests/bench/README.md. Not part of the test suite.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec python3 "$here/imap_bench/bench.py" "$@"
