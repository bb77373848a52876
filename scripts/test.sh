#!/usr/bin/env bash
# Installs the dependencies, builds with warnings as errors, and runs every test with ctest.
# Then it builds again with AddressSanitizer and UndefinedBehaviorSanitizer (in build-asan,
# -O1 -g) and runs every test once more under them, stopping at the first finding
# (THINKDEX_SANITIZE_RUN=0 skips this); THINKDEX_FUZZ_SECONDS=N last runs each fuzz target for
# N seconds (scripts/fuzz.sh).
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

fuzz_seconds=${THINKDEX_FUZZ_SECONDS:-0}
[ "$fuzz_seconds" = 0 ] || ./scripts/fuzz.sh "$fuzz_seconds"
