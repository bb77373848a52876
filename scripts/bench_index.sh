#!/usr/bin/env bash
# Indexing speed from the crawl store: serves the real pages of the dev sets in ../shared/bench
# (wcxb-dev and article-body, about 1,150 pages from over 1,000 sites) on 127.0.0.1, crawls them
# once, then times `thinkdex index` into a fresh index with index.threads = 1 (the baseline) and
# with one thread per core, RUNS times each (default 3), and prints medians of wall and CPU
# time, documents per second, the ratio and the index's size on disk.
# Usage: scripts/bench_index.sh [RUNS] [SHARED_BENCH_DIR]     (a Release-like build: RelWithDebInfo)
# $THINKDEX_BIN times that thinkdex program instead of building one.
# $THINKDEX_BASELINE_BIN also times that program, in the same run, runs alternated, and prints
# each median's ratio (THINKDEX_BIN ÷ baseline): a before/after on one loaded machine.
# $THINKDEX_STORE_DIR keeps the crawl store there: the first call crawls and saves it, later
# calls index that store without crawling (the pages' URLs name a port of that first server,
# which indexing never fetches).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench_dev_pages.sh "$@"  # sets runs, work, thinkdex, base, pages
dev_pages_config 0
kept=${THINKDEX_STORE_DIR:-}
if [ -n "$kept" ] && [ -f "$kept/crawl.sqlite" ]; then
    mkdir -p "$work/data"
    cp "$kept/crawl.sqlite" "$work/data/"
else
    "$thinkdex" crawl -q --config "$work/thinkdex.toml"
    [ -z "$kept" ] || { mkdir -p "$kept" && cp "$work/data/crawl.sqlite" "$kept/"; }
fi
programs=("$thinkdex")
[ -z "${THINKDEX_BASELINE_BIN:-}" ] || programs+=("$(realpath "$THINKDEX_BASELINE_BIN")")
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(uname -srm), $(nproc) cores; $pages pages"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# measure THREADS: for each program, prints "wall cpu docs" medians on a line. The programs
# take turns within each run, so that a change in the machine's load falls on both.
measure() {
    local -A walls cpus
    local docs=0 p
    sed "s/^\[crawl\]/[index]\nthreads = $1\n[crawl]/" "$work/thinkdex.toml" >"$work/threads.toml"
    for _ in $(seq "$runs"); do
        for p in "${!programs[@]}"; do
            rm -rf "$work/data/index"
            /usr/bin/time -f '%e %U %S' -o "$work/time" \
                "${programs[$p]}" index -q --config "$work/threads.toml" >"$work/index.out"
            read -r wall user sys <"$work/time"
            walls[$p]+="$wall "
            cpus[$p]+="$(awk "BEGIN {print $user + $sys}") "
            docs=$(grep -o '[0-9]* documents' "$work/index.out" | grep -o '^[0-9]*')
        done
    done
    for p in "${!programs[@]}"; do
        echo "$(tr ' ' '\n' <<<"${walls[$p]}" | grep . | median)" \
            "$(tr ' ' '\n' <<<"${cpus[$p]}" | grep . | median) $docs"
    done
}
mapfile -t one < <(measure 1)
mapfile -t all < <(measure "$(nproc)")
size_kb=$(du -sk "$work/data/index" | cut -f1)
report() {  # report NAME LINE_1_THREAD LINE_N_THREADS
    read -r w1 c1 docs <<<"$2"
    read -r wn cn _ <<<"$3"
    awk -v name="$1" -v w1="$w1" -v c1="$c1" -v wn="$wn" -v cn="$cn" -v d="$docs" \
        -v n="$(nproc)" 'BEGIN {
        printf "%s: index into a fresh index, %d documents, medians of '"$runs"' runs\n", name, d
        printf "  1 thread:   %6.2f s wall, %6.2f s CPU, %6.1f docs/s\n", w1, c1, d / w1
        printf "  %d threads:  %6.2f s wall, %6.2f s CPU, %6.1f docs/s\n", n, wn, cn, d / wn
        printf "  speed-up (wall): %.2fx\n", w1 / wn
    }'
}
report "$thinkdex" "${one[0]}" "${all[0]}"
if [ "${#programs[@]}" -gt 1 ]; then
    report "${programs[1]} (baseline)" "${one[1]}" "${all[1]}"
    read -r w1 c1 _ <<<"${one[0]}"; read -r b1 bc1 _ <<<"${one[1]}"
    read -r wn cn _ <<<"${all[0]}"; read -r bn bcn _ <<<"${all[1]}"
    awk -v w1="$w1" -v c1="$c1" -v b1="$b1" -v bc1="$bc1" -v wn="$wn" -v cn="$cn" -v bn="$bn" \
        -v bcn="$bcn" -v n="$(nproc)" 'BEGIN {
        printf "ratio to the baseline (lower is faster)\n"
        printf "  1 thread:   wall %.2f, CPU %.2f\n", w1 / b1, c1 / bc1
        printf "  %d threads:  wall %.2f, CPU %.2f\n", n, wn / bn, cn / bcn
    }'
fi
echo "index size: $size_kb KB ($(awk -v kb="$size_kb" -v d="$(cut -d' ' -f3 <<<"${one[0]}")" \
    'BEGIN {printf "%.1f", kb / d}') KB per document; the last program run)"
