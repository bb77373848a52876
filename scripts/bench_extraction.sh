#!/usr/bin/env bash
# Extraction quality and speed on the dev sets in ../shared/bench (article-body, readability,
# wcxb-dev): runs `thinkdex extract` over every page, splits each set into a fixed tuning half and
# a confirmation half (scripts/extraction_split.py: by the MD5 of the page id), and scores both
# halves with score_extraction.py, plus page kind on wcxb-dev. Then measures extract() against bare
# gumbo parsing with bench-extract-speed (one and two threads).
# Usage: scripts/bench_extraction.sh [SHARED_BENCH_DIR]   (output under build/bench-extraction/)
# Environment: THINKDEX_BUILD_DIR (default build), THINKDEX_BIN (default $BUILD_DIR/cli/thinkdex),
# THINKDEX_THREADS (extract --threads, default: all cores), THINKDEX_SKIP_SPEED=1 (quality only),
# THINKDEX_SETS (default "article-body readability wcxb-dev"), THINKDEX_BRIEF=1 (SUMMARY lines only),
# THINKDEX_NO_URLS=1 (extract the files without the page URLs that the truth files give).
# The speed bench is built here (configuring -DTHINKDEX_BUILD_BENCH=ON if needed); use a
# Release build for figures worth reporting.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-../shared/bench}
build=${THINKDEX_BUILD_DIR:-build}
thinkdex=${THINKDEX_BIN:-$build/cli/thinkdex}
threads=${THINKDEX_THREADS:-$(nproc)}
sets=${THINKDEX_SETS:-article-body readability wcxb-dev}
out=$build/bench-extraction
[ -d "$bench/article-body" ] || { echo "bench_extraction: no $bench/article-body" >&2; exit 2; }
mkdir -p "$out"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(uname -srm), $(nproc) cores"

score() {  # score PREDICTIONS TRUTH LABEL
    if [ "${THINKDEX_BRIEF:-0}" = 1 ]; then
        python3 "$bench/score_extraction.py" --n-bootstrap 0 --label "$3" "$1" "$2" | tail -n 1
    else
        python3 "$bench/score_extraction.py" --n-bootstrap 200 --label "$3" "$1" "$2"
    fi
}

for set in $sets; do
    # Each page with the URL it was fetched from where the truth file has one (wcxb-dev,
    # article-body), as `thinkdex index` knows every stored page's URL;
    # THINKDEX_NO_URLS=1 extracts the files alone.
    if [ "${THINKDEX_NO_URLS:-0}" = 1 ]; then
        case $set in
            readability) args=("$bench/$set"/*.html.gz) ;;
            *) args=("$bench/$set"/html/*.html.gz) ;;
        esac
    else
        mapfile -d '' args < <(python3 scripts/extraction_split.py pages "$bench/$set/truth.jsonl")
    fi
    start=$(date +%s.%N)
    "$thinkdex" extract -q --threads "$threads" "${args[@]}" >"$out/$set.jsonl"
    end=$(date +%s.%N)
    pages=$(grep -c . "$out/$set.jsonl")
    echo "== $set ($pages pages, $(awk "BEGIN{printf \"%.2f\", $end-$start}") s with --threads $threads)"
    python3 scripts/extraction_split.py split "$bench/$set/truth.jsonl" "$out"
    for half in tune confirm; do
        score "$out/$set.jsonl" "$out/$set-$half.jsonl" "$set-$half"
        if [ "$set" = wcxb-dev ]; then
            python3 scripts/extraction_split.py kind "$out/$set.jsonl" "$out/$set-$half.jsonl" |
                { [ "${THINKDEX_BRIEF:-0}" = 1 ] && tail -n 1 || cat; }
        fi
    done
done

[ "${THINKDEX_SKIP_SPEED:-0}" = 1 ] && exit 0
echo "== speed (bench-extract-speed on the article-body pages)"
# (re)built every time, so that the figures are those of the sources in the tree
grep -q '^THINKDEX_BUILD_BENCH:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null ||
    cmake -S . -B "$build" -DTHINKDEX_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target bench-extract-speed -j"$(nproc)" >/dev/null
"$build/bench/bench-extract-speed" "$bench/article-body"
