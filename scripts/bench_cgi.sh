#!/usr/bin/env bash
# CGI answer time (issue 6's target: median under 50 ms for a one-word query on the 100,000-
# document index): N requests for the search page through lighttpd (mod_cgi, the README's
# snippet) on 127.0.0.1, each timed by curl from the request to the last byte (time_total:
# the server starts thinkdex.cgi, which opens the index, searches, renders and exits). The
# baseline, measured in the same run and alternating request by request with the search so
# that both see the same machine load, is a trivial CGI shell script through the same server:
# what any CGI costs here. Reports median and p90 of each and their ratio.
#
# Usage: scripts/bench_cgi.sh INDEX [N] [WORD]
#   INDEX  a thinkdex index directory (e.g. data/index, or one made with `thinkdex index
#          --jsonl FILE --db DIR`)
#   N      requests of each kind (default 200), after 10 warm-up requests each
#   WORD   the one-word query (default "security")
# The CGI program is $THINKDEX_CGI, else it is built (RelWithDebInfo, like the other
# benchmarks) in $THINKDEX_BUILD_DIR (default build-bench). Needs lighttpd, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: scripts/bench_cgi.sh INDEX [N] [WORD]}
n=${2:-200}
word=${3:-security}
[ -d "$index" ] || { echo "bench_cgi: no index directory '$index'" >&2; exit 2; }
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench_cgi: N must be a positive number (got '$n')" >&2; exit 2; }
[[ $word =~ ^[[:alnum:]]+$ ]] || { echo "bench_cgi: WORD must be one word (got '$word')" >&2; exit 2; }
index=$(cd "$index" && pwd)
lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
for tool in "$lighttpd" curl python3; do
    command -v "$tool" >/dev/null || { echo "bench_cgi: $tool is not installed (scripts/install-deps.sh)" >&2; exit 2; }
done

cgi=${THINKDEX_CGI:-}
if [ -z "$cgi" ]; then
    build=${THINKDEX_BUILD_DIR:-build-bench}
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build" --target thinkdex-cgi -j"$(nproc)" >/dev/null
    cgi=$build/cli/thinkdex.cgi
fi
cgi=$(cd "$(dirname "$cgi")" && pwd)/$(basename "$cgi")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/thinkdex-bench-cgi.XXXXXX")
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/www"
printf '#!/bin/sh\nprintf "Status: 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\nok\\n"\n' >"$tmp/www/baseline.cgi"
chmod +x "$tmp/www/baseline.cgi"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/lighttpd.conf" <<EOF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.document-root = "$tmp/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$tmp/error.log"
alias.url += ("/search" => "$cgi")
\$HTTP["url"] =~ "^/search" {
    cgi.assign = ("" => "")
    setenv.add-environment = ("THINKDEX_INDEX" => "$index", "THINKDEX_CONFIG" => "/dev/null")
}
\$HTTP["url"] =~ "^/baseline" {
    cgi.assign = (".cgi" => "")
}
EOF
"$lighttpd" -D -f "$tmp/lighttpd.conf" &
server=$!
base=http://127.0.0.1:$port
for _ in $(seq 100); do curl -s -o /dev/null "$base/baseline.cgi" && break; sleep 0.05; done

search_url="$base/search?q=$word"
status=$(curl -s -o "$tmp/page.html" -w '%{http_code}' "$search_url")
if [ "$status" != 200 ] || ! grep -q '<ol class="results"' "$tmp/page.html"; then
    echo "bench_cgi: the search page did not answer with results (HTTP $status):" >&2
    sed -n 's/.*role="status"[^>]*>\([^<]*\).*/\1/p' "$tmp/page.html" >&2
    cat "$tmp/error.log" >&2
    exit 1
fi
total=$(sed -nE 's/.*of (about )?([0-9]+) results?.*/\2/p' "$tmp/page.html" | head -1)

# Warm-up (page cache, lighttpd), then alternate: baseline, search, baseline, search, ...
for _ in $(seq 10); do
    curl -s -o /dev/null "$base/baseline.cgi"
    curl -s -o /dev/null "$search_url"
done
: >"$tmp/baseline.txt"
: >"$tmp/search.txt"
for _ in $(seq "$n"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$base/baseline.cgi" >>"$tmp/baseline.txt"
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$search_url" >>"$tmp/search.txt"
done
if grep -qv '^200 ' "$tmp/search.txt"; then
    echo "bench_cgi: $(grep -cv '^200 ' "$tmp/search.txt") search requests did not answer 200" >&2
    exit 1
fi

docs=$(QUERY_STRING=format=opensearch THINKDEX_INDEX=$index THINKDEX_CONFIG=/dev/null "$cgi" |
    sed -nE 's/.*Search ([0-9]+) think-tank publications.*/\1/p')
echo "bench_cgi: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (modified)'), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "index: $index ($docs documents); query: '$word' ($total results); $n requests each, through lighttpd $("$lighttpd" -v 2>&1 | head -1 | sed -E 's/^lighttpd\/([^ ]+).*/\1/')"
python3 - "$tmp/baseline.txt" "$tmp/search.txt" <<'PY'
import statistics, sys

def times(path):
    return sorted(float(line.split()[-1]) * 1000 for line in open(path) if line.strip())

def p90(xs):
    return xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]

base, search = times(sys.argv[1]), times(sys.argv[2])
bm, sm = statistics.median(base), statistics.median(search)
print(f"{'':<32}{'median':>10}{'p90':>10}")
print(f"{'baseline (trivial CGI script)':<32}{bm:>8.1f} ms{p90(base):>7.1f} ms")
print(f"{'thinkdex.cgi search page':<32}{sm:>8.1f} ms{p90(search):>7.1f} ms")
print(f"ratio (search / baseline): median {sm / bm:.2f}, p90 {p90(search) / p90(base):.2f}; "
      f"thinkdex's own share of the median: {sm - bm:.1f} ms")
PY
