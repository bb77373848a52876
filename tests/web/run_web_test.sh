#!/usr/bin/env bash
# The search page under a real web server, over an index of the sample site built with the real
# `thinkdex crawl` and `thinkdex index` against serve-site on 127.0.0.1. Each server is set up
# with the README's snippet for it (paths replaced), on 127.0.0.1 and a free port, in the
# foreground, and stopped at the end.
#
#   run_web_test.sh lighttpd|apache|nginx|browser --build-dir DIR --work-dir DIR --thinkdex BIN
#                   --cgi BIN --serve-site BIN --site DIR --css FILE --readme FILE
#
# lighttpd, apache (mod_cgi), nginx (with fcgiwrap): curl checks (results, a facet link, paging,
#           escaping, 400, HEAD, 405, the Atom feed and the OpenSearch description, a citation,
#           the stylesheet) plus HTML validation with tidy and XML with xmllint.
# browser:  under lighttpd, runs browser_test.mjs (playwright-core driving Debian's
#           /usr/bin/chromium; no browser is ever downloaded); the screenshots land in
#           WORK_DIR/screenshots.
# Exit 77 (skipped) only when a program the mode needs is not installed.
set -euo pipefail

mode=$1
shift
while [ $# -gt 0 ]; do
    case $1 in
        --build-dir) build_dir=$2 ;;
        --work-dir) work_dir=$2 ;;
        --thinkdex) thinkdex=$2 ;;
        --cgi) cgi=$2 ;;
        --serve-site) serve_site=$2 ;;
        --site) site=$2 ;;
        --css) css=$2 ;;
        --readme) readme=$2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
here=$(cd "$(dirname "$0")" && pwd)

find_program() {  # find_program NAME: its path (also in /usr/sbin), or "" when not installed
    command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || true
}
need() {  # need NAME...: skips the test when a program is not installed
    for program in "$@"; do
        if [ -z "$(find_program "$program")" ]; then
            echo "SKIP: $program is not installed (scripts/install-deps.sh installs it)"
            exit 77
        fi
    done
}
need curl python3
case $mode in
    lighttpd) need lighttpd ;;
    browser) need lighttpd node npm chromium ;;
    apache) need apache2 ;;
    nginx) need nginx fcgiwrap ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
lighttpd=$(find_program lighttpd)
apache=$(find_program apache2)
nginx=$(find_program nginx)
fcgiwrap=$(find_program fcgiwrap)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/thinkdex-web.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

failures=0
check() {  # check DESCRIPTION COMMAND...: runs the command, counts and reports a failure
    local what=$1
    shift
    if "$@"; then
        echo "ok: $what"
    else
        echo "FAIL: $what"
        failures=$((failures + 1))
    fi
}
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- an index of the sample site, built the way a user builds one ---
"$serve_site" "$site" 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/serve.out" ] && break; sleep 0.05; done
site_url=$(head -1 "$tmp/serve.out")
if [ -z "$site_url" ]; then
    echo "FAIL: serve-site did not start: $(cat "$tmp/serve.err")"
    exit 1
fi
cat >"$tmp/thinkdex.toml" <<EOF
data_dir = "$tmp/data"
[crawl]
delay_ms = 0
[[crawl.sources]]
seed = "$site_url/"
[log]
level = "warn"
EOF
"$thinkdex" crawl --config "$tmp/thinkdex.toml"
"$thinkdex" index --config "$tmp/thinkdex.toml"

# --- the web server, configured with the README's snippet for it ---
# The snippets are written for a `cmake --install` into /usr/local and an index in
# /var/lib/thinkdex; here those are directories of $tmp. As root, Apache and nginx serve as
# www-data, which must be able to read them.
prefix=$tmp/prefix
mkdir -p "$prefix/libexec/thinkdex" "$prefix/share/thinkdex" "$tmp/logs" "$tmp/run"
cp "$cgi" "$prefix/libexec/thinkdex/thinkdex.cgi"
cp "$css" "$prefix/share/thinkdex/thinkdex.css"
chmod -R a+rX "$tmp"
snippet() {  # snippet LANGUAGE: the README's ```LANGUAGE block with this test's paths
    python3 - "$readme" "$1" "$prefix" "$tmp/data" "$tmp/run/fcgiwrap.sock" <<'PY'
import re, sys
readme, lang, prefix, data, sock = sys.argv[1:]
blocks = re.findall(r"^```" + lang + r"\n(.*?)^```", open(readme, encoding="utf-8").read(),
                    re.S | re.M)
if not blocks:
    sys.exit(f"README.md has no ```{lang} snippet")
print(blocks[0].replace("/usr/local", prefix).replace("/var/lib/thinkdex", data)
      .replace("/run/fcgiwrap.socket", sock), end="")
PY
}
server=$mode
[ "$mode" = browser ] && server=lighttpd
port=$(free_port)
error_log=$tmp/logs/error.log
case $server in
    lighttpd)
        {
            cat <<CONF
server.modules = ("mod_access", "mod_accesslog")
server.document-root = "$tmp/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$error_log"
accesslog.filename = "$tmp/logs/access.log"
mimetype.assign = (".css" => "text/css; charset=utf-8")
CONF
            snippet lighttpd
        } >"$tmp/lighttpd.conf"
        mkdir -p "$tmp/www"
        "$lighttpd" -tt -f "$tmp/lighttpd.conf"
        "$lighttpd" -D -f "$tmp/lighttpd.conf" &
        pids+=($!)
        ;;
    apache)
        modules=/usr/lib/apache2/modules
        {
            cat <<CONF
ServerRoot "$tmp"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$tmp/run/apache.pid"
DefaultRuntimeDir "$tmp/run"
Mutex file:$tmp/run default
ErrorLog "$error_log"
LogLevel warn
LoadModule mpm_prefork_module $modules/mod_mpm_prefork.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule alias_module $modules/mod_alias.so
LoadModule cgi_module $modules/mod_cgi.so
LoadModule env_module $modules/mod_env.so
LoadModule mime_module $modules/mod_mime.so
TypesConfig /etc/mime.types
$([ "$(id -u)" -eq 0 ] && printf 'User www-data\nGroup www-data\n')
<Directory />
    Require all denied
</Directory>
CONF
            snippet apache
        } >"$tmp/apache.conf"
        "$apache" -t -f "$tmp/apache.conf"
        # -X: one process in the foreground, which the cleanup stops.
        "$apache" -X -f "$tmp/apache.conf" &
        pids+=($!)
        ;;
    nginx)
        # fcgiwrap in the foreground on a socket of this test; the socket is for any user,
        # as Debian's is for www-data, nginx's worker.
        (umask 0 && exec "$fcgiwrap" -s "unix:$tmp/run/fcgiwrap.sock") 2>>"$error_log" &
        pids+=($!)
        mkdir -p "$tmp/nginx"
        # `include fastcgi_params` is relative to the config's directory (/etc/nginx).
        cp /etc/nginx/fastcgi_params "$tmp/"
        {
            cat <<CONF
daemon off;
pid $tmp/run/nginx.pid;
error_log $error_log warn;
$([ "$(id -u)" -eq 0 ] && echo 'user www-data;')
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log $tmp/logs/access.log;
    client_body_temp_path $tmp/nginx/body;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    proxy_temp_path $tmp/nginx/proxy;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    server {
        listen 127.0.0.1:$port;
        server_name 127.0.0.1;
$(snippet nginx | sed 's/^/        /')
    }
}
CONF
        } >"$tmp/nginx.conf"
        "$nginx" -t -q -e "$error_log" -p "$tmp/nginx" -c "$tmp/nginx.conf"
        "$nginx" -e "$error_log" -p "$tmp/nginx" -c "$tmp/nginx.conf" &
        pids+=($!)
        ;;
esac
base="http://127.0.0.1:$port/search"
for _ in $(seq 100); do curl -s -o /dev/null "$base" && break; sleep 0.05; done

fetch() {  # fetch NAME QUERY [curl options]: body to $tmp/NAME.html, status to $tmp/NAME.status
    local name=$1 query=$2
    shift 2
    curl -s -o "$tmp/$name.body" -D "$tmp/$name.headers" -w '%{http_code}' "$@" \
        "$base${query:+?$query}" >"$tmp/$name.status"
}
status() { cat "$tmp/$1.status"; }
# The href of the first link whose text is $2 in page $1, unescaped (&amp; -> &, leading ?).
href_of() {
    python3 - "$tmp/$1.body" "$2" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', page):
    if re.sub(r"<[^>]+>", "", html.unescape(m.group(2))).strip() == sys.argv[2]:
        print(html.unescape(m.group(1)).lstrip("?"))
        break
PY
}

if [ "$mode" = browser ]; then
    npm_dir="$work_dir/npm"
    mkdir -p "$npm_dir"
    cp "$here/package.json" "$here/package-lock.json" "$here/browser_test.mjs" "$npm_dir/"
    if ! cmp -s "$here/package-lock.json" "$npm_dir/node_modules/.package-lock.json.installed"; then
        (cd "$npm_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
        cp "$here/package-lock.json" "$npm_dir/node_modules/.package-lock.json.installed"
    fi
    mkdir -p "$work_dir/screenshots"
    node "$npm_dir/browser_test.mjs" "$base" "$work_dir/screenshots" "$tmp/chromium-profile"
    exit $?
fi

# --- results for a phrase: the seed brief, marked up as a list ---
fetch phrase 'q=%22Shanghai+Cooperation+Organisation%22'
check "phrase search answers 200" test "$(status phrase)" = 200
check "the seed brief is found" contains "$tmp/phrase.body" '>Sino-Russian Relations in Central Asia</a>'
check "its author and date are shown" contains "$tmp/phrase.body" '<time datetime="2025-08-26">2025-08-26</time>'
check "the match is marked" contains "$tmp/phrase.body" '<mark>Shanghai'
check "the content type is HTML" grep -qi '^Content-Type: text/html; charset=utf-8' "$tmp/phrase.headers"

# --- a facet link narrows the results to its count ---
fetch asia 'q=central+asia'
facet=$(href_of asia 'Natasha Kuhrt')
facet_count=$(python3 -c 'import re,sys; m=re.search(r">Natasha Kuhrt</a> <span class=\"count\">\((\d+)\)", open(sys.argv[1]).read()); print(m.group(1) if m else "")' "$tmp/asia.body")
check "the author facet offers Natasha Kuhrt with a count" test -n "$facet" -a -n "$facet_count"
fetch facet "$facet"
check "the facet link answers 200" test "$(status facet)" = 200
check "the facet link shows as many results as its count ($facet_count)" \
    grep -qE "of $facet_count results? for" "$tmp/facet.body"
check "the active filter can be removed" contains "$tmp/facet.body" 'title="Remove this filter">✕ Natasha Kuhrt</a>'

# --- paging: every dated publication, 10 a page ---
fetch page1 'since=2000'
total=$(sed -nE 's/.*Results 1–10 of ([0-9]+) results.*/\1/p' "$tmp/page1.body" | head -1)
check "page 1 lists results 1-10 of more than 10 (${total:-?})" test "${total:-0}" -gt 10
next=$(href_of page1 'Next →')
check "page 1 links the next page" test -n "$next"
fetch page2 "$next"
last=$((total < 20 ? total : 20))
check "page 2 lists results 11-$last" contains "$tmp/page2.body" "Results 11–$last of $total results"
if [ "$total" -le 20 ]; then
    check "page 2 has no next page" lacks "$tmp/page2.body" 'rel="next"'
fi
check "page 2 links back to page 1" contains "$tmp/page2.body" 'rel="prev"'
check "page 2 is in the title" contains "$tmp/page2.body" '– page 2 – thinkdex</title>'

# --- safety ---
fetch xss 'q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27'
check "a script in the query is escaped" lacks "$tmp/xss.body" '<script'
check "the query is shown escaped" contains "$tmp/xss.body" '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;'
fetch baddate 'q=asia&since=2024-13-45'
check "a bad date is a 400" test "$(status baddate)" = 400
check "the 400 page says why" contains "$tmp/baddate.body" "2024-13-45&#39;: no month 13"
fetch negdate 'q=-date%3A0'
check "a bad date inside a -clause is a 400, not a crash" test "$(status negdate)" = 400
fetch head 'q=asia' -I
check "HEAD answers 200" test "$(status head)" = 200
check "HEAD has no body" lacks "$tmp/head.body" '<!DOCTYPE' 
fetch post 'q=asia' -X POST --data 'q=asia'
check "POST is 405" test "$(status post)" = 405
check "405 says what is allowed" grep -qi '^Allow: GET, HEAD' "$tmp/post.headers"

# --- feeds and OpenSearch ---
fetch atom 'q=central+asia&format=atom'
check "the Atom feed answers 200" test "$(status atom)" = 200
check "the Atom feed has its content type" grep -qi '^Content-Type: application/atom+xml' "$tmp/atom.headers"
check "the Atom feed is well-formed XML" xmllint --noout "$tmp/atom.body"
xpath() { xmllint --xpath "$1" "$tmp/atom.body" 2>/dev/null; }
entries=$(xpath "count(/*[local-name()='feed']/*[local-name()='entry'])")
check "the feed has entries ($entries)" test "${entries:-0}" -gt 0
for element in id title updated author; do
    check "the feed has <$element>" test "$(xpath "count(/*[local-name()='feed']/*[local-name()='$element'])")" -ge 1
done
for element in id title updated link; do
    check "every entry has <$element>" test "$(xpath "count(//*[local-name()='entry'][*[local-name()='$element']])")" = "$entries"
done
self=$(xpath "string(//*[local-name()='feed']/*[local-name()='link'][@rel='self']/@href)")
check "the self link is this feed ($self)" test "$self" = "$base?q=central%20asia&format=atom"
first=$(xpath "string(//*[local-name()='entry'][1]/*[local-name()='title'])")
check "the newest match comes first ($first)" test "$first" = "Sino-Russian Relations in Central Asia"
fetch asia_head 'q=central+asia'
check "the page head links the feed" contains "$tmp/asia.body" '<link rel="alternate" type="application/atom+xml"'
fetch opensearch 'format=opensearch'
check "the OpenSearch description is well-formed XML" xmllint --noout "$tmp/opensearch.body"
check "the OpenSearch description points here" contains "$tmp/opensearch.body" "template=\"$base?q={searchTerms}"
fetch json 'q=%22Amu+Darya%22&format=json'
check "format=json is JSON with the expected top hit" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
sys.exit(0 if doc["results"][0]["url"].endswith("/publications/water-scarcity-amu-darya-basin.html") else 1)' "$tmp/json.body"

# --- the stylesheet, served by the server as the snippet says ---
css_url=$(sed -nE 's/.*<link rel="stylesheet" href="([^"]*)">.*/\1/p' "$tmp/asia.body" | head -1)
check "the page links its stylesheet ($css_url)" test "$css_url" = /thinkdex/thinkdex.css
curl -s -o "$tmp/css.body" -D "$tmp/css.headers" "http://127.0.0.1:$port$css_url"
check "the server serves the installed stylesheet" cmp -s "$tmp/css.body" "$css"
check "as text/css" grep -qi '^Content-Type: text/css' "$tmp/css.headers"

# --- citations: each result links BibTeX and RIS downloads ---
fetch bib "$(href_of asia BibTeX)"
check "the BibTeX link answers 200" test "$(status bib)" = 200
check "BibTeX has its content type" grep -qi '^Content-Type: application/x-bibtex' "$tmp/bib.headers"
check "BibTeX is a download named KEY.bib" grep -qiE '^Content-Disposition: attachment; filename="[a-z0-9]+\.bib"' "$tmp/bib.headers"
check "BibTeX is a @misc entry with a title and URL" python3 -c '
import re, sys
bib = open(sys.argv[1], encoding="utf-8").read()
ok = bib.startswith("@misc{") and re.search(r"^  title += \{\{.+\}\},$", bib, re.M) \
    and re.search(r"^  url +=", bib, re.M) and bib.count("{") == bib.count("}")
sys.exit(0 if ok else 1)' "$tmp/bib.body"
fetch ris "$(href_of asia RIS)"
check "the RIS link answers 200 as RIS" grep -qi '^Content-Type: application/x-research-info-systems' "$tmp/ris.headers"
check "RIS starts with TY and ends with ER" python3 -c '
import sys
ris = open(sys.argv[1], "rb").read().decode("utf-8")
lines = ris.split("\r\n")
sys.exit(0 if lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == "" else 1)' "$tmp/ris.body"
fetch nocite 'format=ris&id=https%3A%2F%2Fnowhere.example.org%2F'
check "an unknown id is a 404" test "$(status nocite)" = 404

# --- the HTML validates (tidy 5.6 does not know <search> yet) ---
if command -v tidy >/dev/null; then
    for page in phrase facet page2 xss baddate; do
        tidy -q -e -utf8 "$tmp/$page.body" 2>&1 | grep -v -e '<search>' -e '</search>' -e '^$' \
            -e '^This document has errors' -e '^using HTML Tidy' >"$tmp/$page.tidy" || true
        check "tidy finds nothing wrong with the $page page" test ! -s "$tmp/$page.tidy"
        [ -s "$tmp/$page.tidy" ] && cat "$tmp/$page.tidy"
    done
else
    echo "note: tidy not installed; HTML not validated"
fi

echo "web_$mode: $failures failed"
if [ "$failures" -ne 0 ]; then
    echo "--- $server error log ---"
    cat "$error_log" || true
    exit 1
fi
