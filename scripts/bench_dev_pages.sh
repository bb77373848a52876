# Sourced by scripts/bench_index.sh, bench_crawl_cpu.sh and bench_peers.sh with their arguments
# ([RUNS] [SHARED_BENCH_DIR]): serves the real pages of the dev sets (wcxb-dev and article-body,
# about 1,150 pages from over 1,000 sites) on 127.0.0.1 with Python's http.server, listed in
# $base/sitemap.xml. Not tests/support's serve-site: cpp-httplib compresses each answer the
# client accepts compressed (brotli, when the crawler still let libcurl decode), which made it
# serve about 2 pages a second.
# Sets $runs (default 3), $build_dir ($THINKDEX_BUILD_DIR, default build), $work (a temp dir
# removed on exit, with the server stopped), $thinkdex (the program to time: $THINKDEX_BIN, else
# built), $site (the served directory; the pages are in $site/p), $base (the server's URL) and
# $pages; defines dev_pages_config.
runs=${1:-3}
bench=${2:-../shared/bench}
build_dir=${THINKDEX_BUILD_DIR:-build}
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
[ -d "$bench/wcxb-dev/html" ] || { echo "$(basename "$0"): no $bench/wcxb-dev (the dev sets)" >&2; exit 2; }
if [ -n "${THINKDEX_BIN:-}" ]; then
    thinkdex=$(realpath "$THINKDEX_BIN")
else
    THINKDEX_TARGETS=thinkdex ./scripts/build.sh >/dev/null
    thinkdex=$PWD/$build_dir/cli/thinkdex
fi
site=$work/site
mkdir -p "$site/p"
for f in "$bench"/wcxb-dev/html/*.html.gz "$bench"/article-body/html/*.html.gz; do
    name=$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f" .gz)
    gzip -dc "$f" >"$site/p/$name"
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port" >"$work/server.log" 2>&1 &
server=$!
base=http://127.0.0.1:$port
for _ in $(seq 50); do curl -s -o /dev/null "$base/" && break; sleep 0.1; done
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    for f in "$site"/p/*; do echo "<url><loc>$base/p/$(basename "$f")</loc></url>"; done
    echo '</urlset>'
} >"$site/sitemap.xml"
pages=$(ls "$site/p" | wc -l)

# dev_pages_config MAX_DEPTH: a config that crawls the sitemap's pages into $work/data, written
# to $work/thinkdex.toml.
dev_pages_config() {
    cat >"$work/thinkdex.toml" <<TOML
data_dir = "$work/data"
[crawl]
delay_ms = 0
max_depth = $1
max_pages = $((pages + 10))
[[crawl.sources]]
name = "Dev pages"
seed = "$base/"
sitemaps = ["$base/sitemap.xml"]
TOML
}
