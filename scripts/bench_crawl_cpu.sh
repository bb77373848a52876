#!/usr/bin/env bash
# Crawl CPU per page (issue 15): serves the real pages of the dev sets in ../shared/bench
# (wcxb-dev and article-body, about 1,150 pages from over 1,000 sites) on 127.0.0.1, lists them
# in a sitemap, and times `thinkdex crawl` of them into a fresh store, RUNS times (default 3),
# with crawl.max_depth = 0 (every page at the depth limit: its links would be discarded) and
# = 1 (every page read for links), each with max_pages = the pages and the seed, so that both
# fetch the same pages (the frontier hands out shallow URLs first). Prints medians of wall time
# and of the crawler's CPU time (user + system) per fetched page.
# Usage: scripts/bench_crawl_cpu.sh [RUNS] [SHARED_BENCH_DIR]  (a Release-like build: RelWithDebInfo)
# $THINKDEX_BIN times that thinkdex program instead of building one (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench_dev_pages.sh "$@"  # sets runs, work, thinkdex, base, pages
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (modified)'), $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $pages pages; $thinkdex"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
measure() {  # measure MAX_DEPTH: prints "wall cpu_ms_per_page fetched" medians
    local walls=() cpus=() fetched=0
    for _ in $(seq "$runs"); do
        rm -rf "$work/data"
        dev_pages_config "$1"
        /usr/bin/time -f '%e %U %S' -o "$work/time" \
            "$thinkdex" crawl -q --json --config "$work/thinkdex.toml" >"$work/crawl.json"
        read -r wall user sys <"$work/time"
        fetched=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fetched"])' "$work/crawl.json")
        walls+=("$wall")
        cpus+=("$(awk "BEGIN {print ($user + $sys) * 1000 / $fetched}")")
    done
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $fetched"
}
echo "crawl of the sitemap's pages into a fresh store, medians of $runs runs"
for depth in 0 1; do
    read -r wall cpu fetched <<<"$(measure "$depth")"
    printf "  max_depth = %d: %6.2f s wall, %5.1f CPU ms per page (%d fetched)\n" \
        "$depth" "$wall" "$cpu" "$fetched"
done
