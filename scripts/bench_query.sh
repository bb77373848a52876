#!/usr/bin/env bash
# Search speed (issue 5's target: median < 5 ms, p99 < 50 ms on 100,000 documents): builds the
# benchmark programs, generates a synthetic corpus once, indexes it once, and measures
# Searcher::search in-process against plain Xapian on the same index.
#
# Usage: scripts/bench_query.sh [DOCS] [extra bench-query options...]
#   scripts/bench_query.sh                        # 100,000 documents, 1,000 queries, 5 runs
#   scripts/bench_query.sh 20000 --runs 3         # a quicker look
#   THINKDEX_BUILD_DIR=build-x scripts/bench_query.sh
# The corpus and its index are cached under $THINKDEX_BUILD_DIR/bench-data (default
# build-bench/bench-data) and reused while the corpus is unchanged; delete that folder or pass
# --rebuild to start afresh. The figures go to stdout and to bench-data/query-DOCS.txt/.json;
# each records the commit, the machine and its load.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-100000}
[ $# -gt 0 ] && shift
seed=${THINKDEX_BENCH_SEED:-1}
build=${THINKDEX_BUILD_DIR:-build-bench}
data="$build/bench-data"

cmake -S . -B "$build" -DTHINKDEX_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target gen-corpus bench-query -j"$(nproc)"
mkdir -p "$data"

corpus="$data/corpus-$docs-seed$seed.jsonl"
if [ ! -s "$corpus" ]; then
    "$build/bench/gen-corpus" --docs "$docs" --seed "$seed" --out "$corpus.tmp"
    mv "$corpus.tmp" "$corpus"
fi

"$build/bench/bench-query" --corpus "$corpus" --db "$data/index-$docs-seed$seed" \
    --json "$data/query-$docs.json" "$@" | tee "$data/query-$docs.txt"
