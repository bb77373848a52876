#!/usr/bin/env bash
# Extraction quality on the dev sets in ../shared/bench (article-body, readability): runs
# `thinkdex extract` over every page and scores it with score_extraction.py.
# Usage: scripts/bench_extraction.sh [SHARED_BENCH_DIR]   (output under build/bench-extraction/)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-../shared/bench}
thinkdex=${THINKDEX_BIN:-build/cli/thinkdex}
out=${THINKDEX_BUILD_DIR:-build}/bench-extraction
[ -d "$bench/article-body" ] || { echo "bench_extraction: no $bench/article-body" >&2; exit 2; }
mkdir -p "$out"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(uname -srm), $(nproc) cores"

for set in article-body readability; do
    case $set in
        article-body) pages=("$bench/$set"/html/*.html.gz) ;;
        readability) pages=("$bench/$set"/*.html.gz) ;;
    esac
    "$thinkdex" extract -q "${pages[@]}" >"$out/$set.jsonl"
    echo "== $set (${#pages[@]} pages)"
    python3 "$bench/score_extraction.py" --n-bootstrap 200 "$out/$set.jsonl" "$bench/$set/truth.jsonl"
done
