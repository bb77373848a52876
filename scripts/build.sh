#!/usr/bin/env bash
# Configures and builds thinkdex in ./build (or $THINKDEX_BUILD_DIR). Extra arguments go to
# the CMake configure step, e.g. ./scripts/build.sh -DTHINKDEX_WERROR=ON
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${THINKDEX_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
