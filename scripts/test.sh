#!/usr/bin/env bash
# Installs the dependencies, builds with warnings as errors, and runs every test with ctest.
# Then it builds again with AddressSanitizer and UndefinedBehaviorSanitizer (in build-asan,
# -O1 -g) and runs every test once more under them, stopping at the first finding
# (THINKDEX_SANITIZE_RUN=0 skips this). Last, each fuzz target runs the same 2,000 inputs
# (scripts/fuzz.sh with THINKDEX_FUZZ_RUNS; =0 skips this), or, with THINKDEX_FUZZ_SECONDS=N,
# N seconds of fresh fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh -DTHINKDEX_WERROR=ON
ctest --test-dir "${THINKDEX_BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"

if [ "${THINKDEX_SANITIZE_RUN:-1}" = 1 ]; then
    echo "test.sh: the same tests under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan)"
    asan_dir=${THINKDEX_ASAN_BUILD_DIR:-build-asan}
    THINKDEX_BUILD_DIR=$asan_dir ./scripts/build.sh -DTHINKDEX_WERROR=ON \
        -DTHINKDEX_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g"
    export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    ctest --test-dir "$asan_dir" --output-on-failure -j"$(nproc)"
fi

if [ -n "${THINKDEX_FUZZ_SECONDS:-}" ]; then
    ./scripts/fuzz.sh "$THINKDEX_FUZZ_SECONDS"
elif [ "${THINKDEX_FUZZ_RUNS:=2000}" != 0 ]; then
    THINKDEX_FUZZ_RUNS=$THINKDEX_FUZZ_RUNS ./scripts/fuzz.sh
fi
