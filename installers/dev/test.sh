#!/bin/sh
# Installs what is needed, builds, and runs the whole test suite: unit tests,
# end-to-end tests against a real mailsteadd, and a short libFuzzer run of
# every fuzz target (a separate clang build of shared/ and tests/fuzz).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${MAILSTEAD_BUILD_DIR:-$root/build}
fuzzbuild=${MAILSTEAD_FUZZ_BUILD_DIR:-$root/build-fuzz}
jobs=${MAILSTEAD_JOBS:-$(nproc)}
export CCACHE_BASEDIR="$root"

"$here/setup.sh"
"$here/build.sh"
if [ ! -f "$fuzzbuild/build.ninja" ]; then
    CCACHE_DISABLE=1 cmake -S "$root" -B "$fuzzbuild" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++-14 -DMAILSTEAD_FUZZ=ON -DMAILSTEAD_ONLY_FUZZ=ON \
        -DMAILSTEAD_BUILD_TESTS=OFF -DMAILSTEAD_BUILD_APP=OFF
fi
cmake --build "$fuzzbuild" -j "$jobs"

status=0
# The fuzz run first, so the suite's summary is the last thing printed.
ctest --test-dir "$fuzzbuild" -j "$jobs" --output-on-failure || status=1
ctest --test-dir "$build" -j "$jobs" --output-on-failure || status=1
exit $status
