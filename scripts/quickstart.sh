#!/usr/bin/env bash
# The main job on a fresh machine: installs dependencies, builds, serves the bundled sample
# site on 127.0.0.1, crawls it, indexes it and runs a sample search. The index is left in
# ./data, where `thinkdex search` run from the repository root finds it. Every server this
# script starts is stopped when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${THINKDEX_SAMPLE_PORT:-8089}
build_dir=${THINKDEX_BUILD_DIR:-build}

./scripts/install-deps.sh
echo "== building"
THINKDEX_TARGETS="thinkdex thinkdex-cgi serve-site" ./scripts/build.sh

thinkdex="$build_dir/cli/thinkdex"
site_log=$(mktemp)
echo "== serving the sample site (tests/data/site) on http://127.0.0.1:$port/"
"$build_dir/tests/support/serve-site" tests/data/site "$port" >"$site_log" 2>&1 &
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

# config/sample-site.toml names the site on port 8089; another port is given as a seed.
seed_flags=()
[ "$port" = 8089 ] || seed_flags=(--seed "http://127.0.0.1:$port/")
echo "== crawling http://127.0.0.1:$port/"
"$thinkdex" crawl --config config/sample-site.toml "${seed_flags[@]}"
echo "== indexing"
"$thinkdex" index --config config/sample-site.toml
echo "== searching: \"Shanghai Cooperation Organisation\""
"$thinkdex" search --config config/sample-site.toml '"Shanghai Cooperation Organisation"'

cat <<MSG

== done. The index is in ./data. Try:
  $thinkdex search central asia
  $thinkdex search --author "Natasha Kuhrt" --since 2024 russia
  $thinkdex search --json water
  $thinkdex status
The CGI search page, without a web server:
  QUERY_STRING='q=central+asia' THINKDEX_DATA_DIR=\$PWD/data $build_dir/cli/thinkdex.cgi
Deploying it under Apache, lighttpd or nginx: see README.md.
MSG
