#!/bin/sh
# Configures and builds Mailstead into ./build (or $MAILSTEAD_BUILD_DIR).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MAILSTEAD_BUILD_DIR:-$root/build}
jobs=${MAILSTEAD_JOBS:-$(nproc)}
# Paths relative to the checkout, so ccache hits across clones and build dirs.
export CCACHE_BASEDIR="$root"
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
fi
cmake --build "$build" -j "$jobs"
