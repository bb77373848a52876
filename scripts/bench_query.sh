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
source scripts/bench_corpus.sh
bench_corpus "$docs"

"$build/bench/bench-query" --corpus "$corpus" --db "$index" \
    --json "$data/query-$docs.json" "$@" | tee "$data/query-$docs.txt"
