#!/usr/bin/env bash
# Configures and builds thinkdex in ./build (or $THINKDEX_BUILD_DIR). Extra arguments go to
# the CMake configure step, e.g. ./scripts/build.sh -DTHINKDEX_WERROR=ON. $THINKDEX_TARGETS
# (space separated) builds only those targets; $CMAKE_BUILD_PARALLEL_LEVEL sets the number of
# jobs (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${THINKDEX_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
targets=()
for t in ${THINKDEX_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build_dir" -j"${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" "${targets[@]}"
