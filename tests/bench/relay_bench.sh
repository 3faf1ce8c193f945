#!/bin/bash
# Relay benchmark: mailsteadd against Postfix relaying to smtp-sink, side by
# side, without and with DKIM signing (Postfix + OpenDKIM as a milter).
# Usage: tests/bench/relay_bench.sh [BUILD_DIR] [--count N] [--size B] [--sessions S] ...
# See tests/bench/README.md. Not part of the test suite.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec python3 "$here/relay_bench/relay.py" "$@"
