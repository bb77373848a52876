#!/usr/bin/env bash
# Crash loops: kills `thinkdex crawl`, `index` and `compact` with SIGKILL at random moments,
# KILLS times each, over a generated local site of PAGES publications served on 127.0.0.1.
# After every kill the crawl store must pass `PRAGMA integrity_check` and the index
# `xapian-check`, and the next run must resume. Searches run in a loop from the first index
# on, and none may fail. At the end every publication must be in the index exactly once.
#
# Usage: scripts/crash_loops.sh [KILLS] [PAGES]      (defaults: 20 and 1000)
#   THINKDEX_BUILD_DIR=build-x scripts/crash_loops.sh 5 200
# Then two crawls, two index runs and two nightly runs are started at once on the one data dir:
# one of each pair must run and the other wait or refuse with a message, and the store and the
# index must stay sound.
# Prints one line per kill and a summary; exits 1 on the first broken store or index, on any
# failed search, or when a publication is missing or doubled.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-20}
pages=${2:-1000}
build_dir=${THINKDEX_BUILD_DIR:-build}
THINKDEX_TARGETS="thinkdex serve-site" ./scripts/build.sh >/dev/null
thinkdex=$PWD/$build_dir/cli/thinkdex

work=$(mktemp -d)
server=""
searcher=""
cleanup() {
    [ -n "$searcher" ] && kill "$searcher" 2>/dev/null
    [ -n "$server" ] && kill "$server" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "crash_loops: $*" >&2
    exit 1
}

# --- a site of $pages publications, listed by a sitemap ---
site=$work/site
mkdir -p "$site/p"
words=(sanctions energy water trade security climate grain pipeline border election)
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    for i in $(seq -w 1 "$pages"); do echo "<url><loc>BASE/p/$i.html</loc></url>"; done
    echo '</urlset>'
} >"$work/sitemap.tmpl"
for i in $(seq -w 1 "$pages"); do
    w=${words[$((10#$i % ${#words[@]}))]}
    cat >"$site/p/$i.html" <<HTML
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Brief number$i on $w</title></head><body><article>
<h1>Brief number$i on $w</h1><p class="byline">By Ada Example</p>
<time datetime="2024-$(printf '%02d' $((10#$i % 12 + 1)))-15">15 2024</time>
<p>This brief, number$i, looks at $w policy in Central Asia. Governments weigh $w against
growth, and the region's partners watch how $w shapes their own plans for the coming years.</p>
<p>It closes with recommendations on $w for ministries, lenders and regional bodies.</p>
</article></body></html>
HTML
done
echo '<html><body><a href="/p/0001.html">first brief</a></body></html>' >"$site/index.html"

"$build_dir/tests/support/serve-site" "$site" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q '^http://' "$work/server.log" && break; sleep 0.1; done
base=$(head -1 "$work/server.log")
[ -n "$base" ] || fail "the site server did not start"
base=${base%/}/
sed "s|BASE|${base%/}|" "$work/sitemap.tmpl" >"$site/sitemap.xml"
printf 'User-agent: *\nAllow: /\nSitemap: %ssitemap.xml\n' "$base" >"$site/robots.txt"

data=$work/data
cat >"$work/thinkdex.toml" <<TOML
data_dir = "$data"
[crawl]
delay_ms = 0
max_pages = $((pages + 10))
[[crawl.sources]]
name = "Crash loop site"
seed = "$base"
sitemaps = ["${base}sitemap.xml"]
TOML
export THINKDEX_CONFIG=$work/thinkdex.toml

check_store() {
    local result
    [ -f "$data/crawl.sqlite" ] || return 0  # killed before it made the store
    result=$(sqlite3 "$data/crawl.sqlite" 'PRAGMA integrity_check;' 2>&1) ||
        fail "after $1: sqlite3 failed: $result"
    [ "$result" = ok ] || fail "after $1: the crawl store is damaged: $result"
}
check_index() {
    [ -d "$data/index" ] || return 0
    xapian-check "$data/index" >"$work/check.log" 2>&1 ||
        { cat "$work/check.log" >&2; fail "after $1: xapian-check found errors"; }
}

# kill_loop NAME CHECK AGAIN CMD...: runs CMD until it has been killed $kills times, checking
# after each run. Each kill falls at a random moment within the length of the last run that
# ended on its own (at first within a second), so that kills land inside the runs however fast
# the machine is; a run that ends first is counted as completed. Once one has completed, later
# runs add the argument AGAIN (if not empty; `index --rebuild`), so that each has work to do.
completed=0
kill_loop() {
    local name=$1 check=$2 again=$3
    shift 3
    local cmd=("$@") killed=0 attempts=0 span_ms=1000
    while [ "$killed" -lt "$kills" ]; do
        attempts=$((attempts + 1))
        [ "$attempts" -le $((10 * kills)) ] ||
            fail "$name ends too fast to be killed $kills times (in $attempts runs)"
        local start=$(date +%s%N)
        "${cmd[@]}" >"$work/run.log" 2>&1 &
        local pid=$!
        local ms=$((1 + RANDOM % span_ms))
        sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
        if kill -9 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null || true
            killed=$((killed + 1))
            echo "killed $name after ${ms} ms"
        else
            wait "$pid" || { cat "$work/run.log" >&2; fail "$name failed on its own"; }
            span_ms=$((($(date +%s%N) - start) / 1000000))
            [ "$span_ms" -ge 2 ] || span_ms=2
            completed=$((completed + 1))
            echo "$name finished in ${span_ms} ms, before its kill at ${ms} ms"
            if [ -n "$again" ]; then
                cmd+=("$again")
                again=""
            fi
        fi
        "$check" "$name"
    done
}

# Searches, in a loop from the first index on: every failure after the first success counts.
search_loop() {
    local ok=0 failed=0
    while true; do
        if "$thinkdex" search --json --limit 5 sanctions >/dev/null 2>"$work/search.err"; then
            ok=$((ok + 1))
        elif [ "$ok" -gt 0 ]; then
            failed=$((failed + 1))
            cat "$work/search.err" >>"$work/search-failures.log"
        fi
        echo "$ok $failed" >"$work/search.count"
        sleep 0.02
    done
}

echo "== $pages pages at $base; $kills kills of each command"
kill_loop crawl check_store "" "$thinkdex" crawl -q
"$thinkdex" crawl -q || fail "the crawl after the kills failed"
check_store "the last crawl"
stored=$(sqlite3 "$data/crawl.sqlite" "SELECT count(*) FROM pages WHERE url LIKE '%/p/%';")
[ "$stored" = "$pages" ] || fail "the crawl store has $stored of $pages publications"

search_loop &
searcher=$!
kill_loop index check_index --rebuild "$thinkdex" index -q
"$thinkdex" index -q || fail "the index after the kills failed"
check_index "the last index"
kill_loop compact check_index "" "$thinkdex" compact -q
"$thinkdex" compact -q || fail "the compaction after the kills failed"
check_index "the last compaction"
kill "$searcher" 2>/dev/null
wait "$searcher" 2>/dev/null || true
searcher=""

read -r searched search_failures <"$work/search.count"
[ "$search_failures" = 0 ] ||
    { cat "$work/search-failures.log" >&2; fail "$search_failures of the searches failed"; }
missing=0
doubled=0
for i in $(seq -w 1 "$pages"); do
    n=$(xapian-delve -t "number$i" "$data/index" 2>/dev/null | sed -n 's/.*termfreq \([0-9]*\).*/\1/p')
    [ "${n:-0}" = 0 ] && missing=$((missing + 1))
    [ "${n:-0}" -gt 1 ] && doubled=$((doubled + 1))
done
# Two of each at once on one data dir: each pair must leave the store and the index sound, and a
# run that did not go ahead must have said why (a refusal names the lock or the other process).
concurrent() {  # concurrent NAME CMD...
    local name=$1
    shift
    "$@" >"$work/a.log" 2>&1 &
    local a=$!
    "$@" >"$work/b.log" 2>&1 &
    local b=$!
    local rc_a=0 rc_b=0
    wait "$a" || rc_a=$?
    wait "$b" || rc_b=$?
    if [ $rc_a -ne 0 ] && [ $rc_b -ne 0 ]; then
        cat "$work/a.log" "$work/b.log" >&2
        fail "two ${name} runs at once: both failed"
    fi
    for rc_log in "$rc_a:$work/a.log" "$rc_b:$work/b.log"; do
        if [ "${rc_log%%:*}" -ne 0 ] && ! grep -qiE 'another|lock|running' "${rc_log#*:}"; then
            cat "${rc_log#*:}" >&2
            fail "two ${name} runs at once: one failed without saying that the other runs"
        fi
    done
    echo "two ${name} runs at once: exit codes $rc_a and $rc_b"
    check_store "two ${name} runs"
    check_index "two ${name} runs"
}
concurrent crawl "$thinkdex" crawl -q
concurrent index "$thinkdex" index -q
THINKDEX_BIN=$thinkdex concurrent nightly ./scripts/nightly.sh "$THINKDEX_CONFIG"

echo "== $((3 * kills)) kills ($completed more runs ended before their kill); $searched searches" \
     "during indexing and compaction, $search_failures failed; $missing publications missing," \
     "$doubled doubled"
[ "$missing" = 0 ] && [ "$doubled" = 0 ] || fail "the index does not hold every page exactly once"
echo "crash loops passed"
