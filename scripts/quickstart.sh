#!/usr/bin/env bash
# The main job on a fresh machine: installs dependencies, builds, serves the bundled sample
# site on 127.0.0.1, crawls it, indexes it and runs a sample search. The index is left in
# ./data, where `thinkdex search` run from the repository root finds it. Every server this
# script starts is stopped when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${THINKDEX_SAMPLE_PORT:-8089}
build_dir=${THINKDEX_BUILD_DIR:-build}

./scripts/install-deps.sh build
echo "== building"
THINKDEX_TARGETS="thinkdex thinkdex-cgi serve-site thinkdex_sample_site_pdf" ./scripts/build.sh

thinkdex="$build_dir/cli/thinkdex"
# The sample site's robots.txt, sitemap and feed must name absolute URLs; they are written for
# 127.0.0.1:8089. On another port, a copy with that origin rewritten is served instead, and the
# config written below names the same port, so robots.txt, the sitemap and the feed all work.
site=tests/data/site
if [ "$port" != 8089 ]; then
    site=$build_dir/sample-site-$port
    rm -rf "$site"
    cp -rL tests/data/site "$site"  # -L: the mirrored seed page is a symbolic link
    grep -rlF '127.0.0.1:8089' "$site" | xargs sed -i "s/127\.0\.0\.1:8089/127.0.0.1:$port/g"
fi
# The water brief's PDF report, made from its groff source by the build, served beside the site.
site_pdfs=$build_dir/tests/site-pdf
# ./thinkdex.toml: the config that thinkdex run from here reads by default, so a later
# `thinkdex crawl` or `thinkdex search` knows the sample site. A file already there is the
# user's own and is left alone.
config=thinkdex.toml
if [ -e "$config" ] && ! grep -q '^# Written by scripts/quickstart.sh' "$config"; then
    config=$build_dir/sample-site.toml
    echo "quickstart: ./thinkdex.toml exists and is not ours; using $config"
fi
{
    echo "# Written by scripts/quickstart.sh for the sample site on 127.0.0.1:$port; delete it"
    echo "# or replace it with your own (see config/thinkdex.toml). From config/sample-site.toml."
    sed "s/127\.0\.0\.1:8089/127.0.0.1:$port/g" config/sample-site.toml
} >"$config"

site_log=$(mktemp)
echo "== serving the sample site ($site) on http://127.0.0.1:$port/"
"$build_dir/tests/support/serve-site" "$site" "$port" "$site_pdfs" >"$site_log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$site_log"' EXIT
for _ in $(seq 50); do
    grep -q "^http://" "$site_log" && break
    if ! kill -0 "$server" 2>/dev/null; then
        echo "quickstart: the sample site server did not start:" >&2
        cat "$site_log" >&2
        echo "(is port $port taken? set THINKDEX_SAMPLE_PORT)" >&2
        exit 1
    fi
    sleep 0.1
done

echo "== crawling http://127.0.0.1:$port/ (config: $config)"
"$thinkdex" crawl --config "$config"
echo "== indexing"
"$thinkdex" index --config "$config"
echo "== searching: \"Shanghai Cooperation Organisation\""
"$thinkdex" search --config "$config" '"Shanghai Cooperation Organisation"'
echo "== searching: saxaul (a word only inside the water brief's PDF report)"
"$thinkdex" search --config "$config" saxaul

cat <<MSG

== done. The index is in ./data. Try:
  $thinkdex search central asia
  $thinkdex search --author "Natasha Kuhrt" --since 2024 russia
  $thinkdex search --json water
  $thinkdex search saxaul
  $thinkdex status
The CGI search page, without a web server:
  QUERY_STRING='q=central+asia' THINKDEX_DATA_DIR=\$PWD/data $build_dir/cli/thinkdex.cgi
Deploying it under Apache, lighttpd or nginx: see README.md.
MSG
