#!/usr/bin/env bash
# Installs the dependencies, builds with warnings as errors, and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh -DTHINKDEX_WERROR=ON
ctest --test-dir "${THINKDEX_BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
