#!/usr/bin/env bash
# Crawler speed and memory (issue 4's targets: >= 500 pages/s and < 200 MB against 50 local
# hosts with no delay; < 300 MB with 1,000,000 URLs discovered): builds bench-crawl in a Release
# build and runs it. It serves 50 sites on 127.0.0.1 .. 127.0.0.50 (10,000 pages), crawls them
# with crawl() and fetches the same URLs with a bare libcurl multi handle as the baseline, each
# in a fresh process whose peak RSS is measured, and reports medians over the runs and the
# ratio; then a crawl that discovers 1,000,000 URLs through a sitemap index and fetches 1,000.
#
# Usage: scripts/bench_crawl.sh [bench-crawl options...]
#   scripts/bench_crawl.sh                          # 10,000 pages, 5 runs, then the million run
#   scripts/bench_crawl.sh --runs 3 --skip-million  # a quicker look
#   THINKDEX_BUILD_DIR=build-x scripts/bench_crawl.sh
# Output (with commit, machine and load) goes to stdout and to $BUILD_DIR/bench-crawl.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${THINKDEX_BUILD_DIR:-build-bench-crawl}
cmake -S . -B "$build" -DTHINKDEX_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target bench-crawl -j"$(nproc)"
"$build/bench/bench-crawl" "$@" | tee "$build/bench-crawl.txt"
