#!/usr/bin/env bash
# thinkdex against Xapian's own Omega, on the same pages in one run (issue 15's table):
#   - indexing: `thinkdex index --rebuild` from the crawl store against `omindex` over the same
#     files (docs/s by wall and by CPU time, peak RSS, size per document);
#   - CGI answers: thinkdex.cgi against omega through one lighttpd, HTML and JSON, the same
#     one-word queries, requests alternated so that both see the same machine load (median,
#     p95); omega's JSON is a small template written here, as Omega ships none;
#   - one search as a process: `thinkdex search --json` against `quest`.
# Each figure is a median over RUNS runs (default 3) and every ratio is thinkdex ÷ Omega.
# The pages are the dev sets' real pages (wcxb-dev and article-body, about 1,150 from over
# 1,000 sites), served on 127.0.0.1 for thinkdex's crawl (not timed) and read from the same
# files by omindex. Installs xapian-omega if it is missing (apt-get).
# Usage: scripts/bench_peers.sh [RUNS] [SHARED_BENCH_DIR]
# $THINKDEX_BIN / $THINKDEX_CGI time those programs instead of building them (RelWithDebInfo,
# in $THINKDEX_BUILD_DIR, default build-bench); $THINKDEX_BENCH_REQUESTS sets requests per
# query and kind (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly omega_cgi=/usr/lib/cgi-bin/omega/omega
if ! command -v omindex >/dev/null || [ ! -x "$omega_cgi" ]; then
    echo "bench_peers: installing xapian-omega" >&2
    apt-get install -y -qq xapian-omega >/dev/null
fi
for tool in quest lighttpd curl python3; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
        { echo "bench_peers: $tool is not installed (scripts/install-deps.sh all)" >&2; exit 2; }
done

export THINKDEX_BUILD_DIR=${THINKDEX_BUILD_DIR:-build-bench}
if [ -z "${THINKDEX_BIN:-}" ] || [ -z "${THINKDEX_CGI:-}" ]; then
    cmake -S . -B "$THINKDEX_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$THINKDEX_BUILD_DIR" --target thinkdex thinkdex-cgi -j"$(nproc)" >/dev/null
    THINKDEX_BIN=${THINKDEX_BIN:-$THINKDEX_BUILD_DIR/cli/thinkdex}
    THINKDEX_CGI=${THINKDEX_CGI:-$THINKDEX_BUILD_DIR/cli/thinkdex.cgi}
fi
export THINKDEX_BIN
cgi=$(realpath "$THINKDEX_CGI")
source scripts/bench_dev_pages.sh "$@"  # sets runs, work, thinkdex, site, base, pages
requests=${THINKDEX_BENCH_REQUESTS:-20}

dev_pages_config 0
"$thinkdex" crawl -q --config "$work/thinkdex.toml"

# Indexing, alternating the two indexers run by run; each builds its database anew.
mkdir -p "$work/omega/data" "$work/omega/templates" "$work/omega/log" "$work/omega/cdb"
: >"$work/index.txt"
for _ in $(seq "$runs"); do
    /usr/bin/time -f 'thinkdex %e %U %S %M' -a -o "$work/index.txt" \
        "$thinkdex" index -q --rebuild --config "$work/thinkdex.toml" >"$work/index.out"
    /usr/bin/time -f 'omindex %e %U %S %M' -a -o "$work/index.txt" \
        omindex --overwrite --db "$work/omega/data/default" --url / "$site/p" >/dev/null
done
thinkdex_docs=$(grep -o '[0-9]* documents' "$work/index.out" | grep -o '^[0-9]*')
omega_docs=$(xapian-delve "$work/omega/data/default" | sed -nE 's/^number of documents = ([0-9]+)/\1/p')
thinkdex_kb=$(du -sk "$work/data/index" | cut -f1)
omega_kb=$(du -sk "$work/omega/data/default" | cut -f1)

# Omega's configuration and a JSON template of the fields thinkdex's JSON also gives.
cp /usr/share/xapian-omega/templates/query "$work/omega/templates/"
cp -r /usr/share/xapian-omega/templates/inc "$work/omega/templates/"
cat >"$work/omega/templates/json" <<'TEMPLATE'
$httpheader{Content-Type,application/json}{"total":$msize,"results":[$hitlist{$if{$ne{$hit,$topdoc},$.}{"rank":$add{$hit,1},"url":"$json{$field{url}}","title":"$json{$field{caption}}","snippet":"$json{$snippet{$field{sample}}}"$)}]}
TEMPLATE
cat >"$work/omega/omega.conf" <<CONF
database_dir $work/omega/data
template_dir $work/omega/templates
log_dir $work/omega/log
cdb_dir $work/omega/cdb
CONF

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/www"
cat >"$work/lighttpd.conf" <<EOF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.document-root = "$work/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$work/lighttpd-error.log"
alias.url += ("/thinkdex" => "$cgi", "/omega" => "$omega_cgi")
\$HTTP["url"] =~ "^/(thinkdex|omega)" {
    cgi.assign = ("" => "")
    setenv.add-environment = ("THINKDEX_INDEX" => "$work/data/index", "THINKDEX_CONFIG" => "/dev/null",
                              "OMEGA_CONFIG_FILE" => "$work/omega/omega.conf")
}
EOF
lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
"$lighttpd" -D -f "$work/lighttpd.conf" &
web=$!
trap 'kill "$web" 2>/dev/null; [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/omega" && break; sleep 0.05; done

echo "bench_peers: commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%Y-%m-%dT%H:%M:%SZ)," \
    "$(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "pages: $pages; thinkdex indexed $thinkdex_docs documents, omindex $omega_docs"
python3 scripts/bench_peers_measure.py --runs "$runs" --requests "$requests" \
    --index-times "$work/index.txt" --docs "$thinkdex_docs" "$omega_docs" --kb "$thinkdex_kb" "$omega_kb" \
    --web "http://127.0.0.1:$port" --thinkdex "$thinkdex" --thinkdex-index "$work/data/index" \
    --omega-db "$work/omega/data/default"
