#!/usr/bin/env bash
# Indexing speed from the crawl store: serves the real pages of the dev sets in ../shared/bench
# (wcxb-dev and article-body, about 1,150 pages from over 1,000 sites) on 127.0.0.1, crawls them
# once, then times `thinkdex index --rebuild` with index.threads = 1 (the baseline) and with
# one thread per core, RUNS times each (default 3), and prints medians of wall and CPU time,
# documents per second, the ratio and the index's size on disk.
# Usage: scripts/bench_index.sh [RUNS] [SHARED_BENCH_DIR]     (a Release-like build: RelWithDebInfo)
# $THINKDEX_BIN times that thinkdex program instead of building one (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench_dev_pages.sh "$@"  # sets runs, work, thinkdex, base, pages
dev_pages_config 0
"$thinkdex" crawl -q --config "$work/thinkdex.toml"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(uname -srm), $(nproc) cores; $pages pages"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
measure() {  # measure THREADS: prints "wall cpu docs" medians
    local walls=() cpus=() docs=0
    for _ in $(seq "$runs"); do
        sed "s/^\[crawl\]/[index]\nthreads = $1\n[crawl]/" "$work/thinkdex.toml" >"$work/threads.toml"
        /usr/bin/time -f '%e %U %S' -o "$work/time" \
            "$thinkdex" index -q --rebuild --config "$work/threads.toml" >"$work/index.out"
        read -r wall user sys <"$work/time"
        walls+=("$wall")
        cpus+=("$(awk "BEGIN {print $user + $sys}")")
        docs=$(grep -o '[0-9]* documents' "$work/index.out" | grep -o '^[0-9]*')
    done
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $docs"
}
read -r wall1 cpu1 docs <<<"$(measure 1)"
read -r walln cpun _ <<<"$(measure "$(nproc)")"
size_kb=$(du -sk "$work/data/index" | cut -f1)
awk -v w1="$wall1" -v c1="$cpu1" -v wn="$walln" -v cn="$cpun" -v d="$docs" -v n="$(nproc)" \
    -v kb="$size_kb" 'BEGIN {
    printf "index --rebuild, %d documents, medians of '"$runs"' runs\n", d
    printf "  1 thread:   %6.2f s wall, %6.2f s CPU, %6.1f docs/s\n", w1, c1, d / w1
    printf "  %d threads:  %6.2f s wall, %6.2f s CPU, %6.1f docs/s\n", n, wn, cn, d / wn
    printf "  speed-up (wall): %.2fx\n", w1 / wn
    printf "  index size: %d KB (%.1f KB per document)\n", kb, kb / d
}'
