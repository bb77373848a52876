#!/usr/bin/env bash
# Ranking quality on the relevance collections in ../shared/bench/relevance (Cranfield, SciFact
# train queries): imports each collection with `thinkdex index --jsonl`, runs every query with
# `thinkdex search --batch`, and scores the TREC run with score_ranking.py.
# Usage: scripts/bench_ranking.sh [SHARED_BENCH_DIR]   (output under build/bench-ranking/)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-../shared/bench}
thinkdex=${THINKDEX_BIN:-build/cli/thinkdex}
out=${THINKDEX_BUILD_DIR:-build}/bench-ranking
[ -d "$bench/relevance" ] || { echo "bench_ranking: no $bench/relevance" >&2; exit 2; }
mkdir -p "$out"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(uname -srm), $(nproc) cores"

run_collection() {
    local name=$1 queries=$2 qrels=$3
    local dir="$bench/relevance/$name"
    rm -rf "$out/$name.db"
    "$thinkdex" index -q --jsonl "$dir/docs.jsonl" --db "$out/$name.db" >/dev/null
    "$thinkdex" search -q --db "$out/$name.db" --batch "$dir/$queries" --run "$out/$name.run" \
        --limit 1000
    echo "== $name ($queries)"
    python3 "$bench/score_ranking.py" "$dir/$qrels" "$out/$name.run"
}

run_collection cranfield queries.jsonl qrels.tsv
run_collection scifact queries_train.jsonl qrels_train.tsv
