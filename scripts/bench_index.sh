#!/usr/bin/env bash
# Indexing speed from the crawl store: serves the real pages of the dev sets in ../shared/bench
# (wcxb-dev and article-body, about 1,150 pages from over 1,000 sites) on 127.0.0.1, crawls them
# once, then times `thinkdex index --rebuild` with index.threads = 1 (the baseline) and with
# one thread per core, RUNS times each (default 3), and prints medians of wall and CPU time,
# documents per second and the ratio.
# Usage: scripts/bench_index.sh [RUNS] [SHARED_BENCH_DIR]     (a Release-like build: RelWithDebInfo)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
bench=${2:-../shared/bench}
build_dir=${THINKDEX_BUILD_DIR:-build}
[ -d "$bench/wcxb-dev/html" ] || { echo "bench_index: no $bench/wcxb-dev (the dev sets)" >&2; exit 2; }
THINKDEX_TARGETS="thinkdex serve-site" ./scripts/build.sh >/dev/null
thinkdex=$PWD/$build_dir/cli/thinkdex
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

site=$work/site
mkdir -p "$site/p"
for f in "$bench"/wcxb-dev/html/*.html.gz "$bench"/article-body/html/*.html.gz; do
    name=$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f" .gz)
    gzip -dc "$f" >"$site/p/$name"
done
"$build_dir/tests/support/serve-site" "$site" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q '^http://' "$work/server.log" && break; sleep 0.1; done
base=$(head -1 "$work/server.log")
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    for f in "$site"/p/*; do echo "<url><loc>$base/p/$(basename "$f")</loc></url>"; done
    echo '</urlset>'
} >"$site/sitemap.xml"
pages=$(ls "$site/p" | wc -l)
cat >"$work/thinkdex.toml" <<TOML
data_dir = "$work/data"
[crawl]
delay_ms = 0
max_depth = 0
max_pages = $((pages + 10))
[[crawl.sources]]
name = "Dev pages"
seed = "$base/"
sitemaps = ["$base/sitemap.xml"]
TOML
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
awk -v w1="$wall1" -v c1="$cpu1" -v wn="$walln" -v cn="$cpun" -v d="$docs" -v n="$(nproc)" 'BEGIN {
    printf "index --rebuild, %d documents, medians of '"$runs"' runs\n", d
    printf "  1 thread:   %6.2f s wall, %6.2f s CPU, %6.1f docs/s\n", w1, c1, d / w1
    printf "  %d threads:  %6.2f s wall, %6.2f s CPU, %6.1f docs/s\n", n, wn, cn, d / wn
    printf "  speed-up (wall): %.2fx\n", w1 / wn
}'
