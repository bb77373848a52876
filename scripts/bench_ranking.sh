#!/usr/bin/env bash
# Ranking quality on the relevance collections in ../shared/bench/relevance (Cranfield, SciFact
# train queries): imports each collection with `thinkdex index --jsonl`, runs every query with
# `thinkdex search --batch`, and scores the TREC run with score_ranking.py. Each collection is
# searched twice on the same index: with thinkdex's ranking and with plain Xapian BM25
# (THINKDEX_RANKING=plain), the baseline, and the delta is printed.
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
    local start=$SECONDS
    "$thinkdex" search -q --db "$out/$name.db" --batch "$dir/$queries" --run "$out/$name.run" \
        --limit 1000
    local tuned_s=$((SECONDS - start))
    start=$SECONDS
    THINKDEX_RANKING=plain "$thinkdex" search -q --db "$out/$name.db" --batch "$dir/$queries" \
        --run "$out/$name.plain.run" --limit 1000
    local plain_s=$((SECONDS - start))
    echo "== $name ($queries): thinkdex ${tuned_s}s, plain BM25 ${plain_s}s"
    python3 "$bench/score_ranking.py" "$dir/$qrels" "$out/$name.run" "$out/$name.plain.run"
    python3 - "$dir/$qrels" "$out/$name.run" "$out/$name.plain.run" "$bench/score_ranking.py" <<'PY'
import json, subprocess, sys
qrels, tuned, plain, scorer = sys.argv[1:5]
def mean(run):
    out = subprocess.run([sys.executable, scorer, "--json", qrels, run], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["mean"]
t, p = mean(tuned), mean(plain)
print("delta vs plain BM25: " + "  ".join(f"{k} {t[k] - p[k]:+.4f}" for k in t))
PY
}

run_collection cranfield queries.jsonl qrels.tsv
run_collection scifact queries_train.jsonl qrels_train.tsv
