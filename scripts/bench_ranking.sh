#!/usr/bin/env bash
# Ranking quality on the relevance collections in ../shared/bench/relevance (Cranfield, SciFact
# train queries): imports each collection with `thinkdex index --jsonl`, runs every query with
# `thinkdex search --batch`, and scores the TREC run with score_ranking.py. Each collection is
# searched twice on the same index: with thinkdex's ranking and with plain Xapian BM25
# (THINKDEX_RANKING=plain), the baseline, and the delta is printed, for all queries and for
# each half of them (split by a hash of the query id: tune on one, confirm on the other).
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
    python3 - "$dir/$qrels" "$out/$name.run" "$out/$name.plain.run" "$bench/score_ranking.py" \
        "$out/$name" <<'PY'
import hashlib, json, subprocess, sys
qrels, tuned, plain, scorer, prefix = sys.argv[1:6]
def mean(qrels_file, run):
    out = subprocess.run([sys.executable, scorer, "--json", qrels_file, run], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["mean"]
t, p = mean(qrels, tuned), mean(qrels, plain)
print("delta vs plain BM25: " + "  ".join(f"{k} {t[k] - p[k]:+.4f}" for k in t))
# The queries split in two halves by a hash of their id, fixed across runs: settings are tuned
# on the first and confirmed on the second.
halves = {"tune": [], "confirm": []}
with open(qrels) as f:
    for line in f:
        fields = line.split()
        if len(fields) < 3 or fields[0] in ("query-id", "qid"):
            continue
        digest = hashlib.sha1(fields[0].encode()).digest()[0]
        halves["tune" if digest % 2 == 0 else "confirm"].append(line)
for half, lines in halves.items():
    path = f"{prefix}.qrels.{half}"
    with open(path, "w") as f:
        f.writelines(lines)
    t, p = mean(path, tuned), mean(path, plain)
    queries = len({line.split()[0] for line in lines})
    print(f"{half} half ({queries} queries): nDCG@10 thinkdex {t['nDCG@10']:.4f}, "
          f"plain {p['nDCG@10']:.4f}, delta {t['nDCG@10'] - p['nDCG@10']:+.4f}")
PY
}

run_collection cranfield queries.jsonl qrels.tsv
run_collection scifact queries_train.jsonl qrels_train.tsv
