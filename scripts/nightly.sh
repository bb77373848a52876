#!/usr/bin/env bash
# What cron runs each night (see config/crontab.example): an incremental re-crawl, then
# indexing of what changed, then a one-paragraph summary on stdout and in the log.
#
# Usage: scripts/nightly.sh [CONFIG]   (default: $THINKDEX_CONFIG, else config/thinkdex.toml)
#
# - Takes a lock (flock) so that two runs on one data dir never overlap, whichever config
#   files name it: a second run started while one is going says so and exits 0. The lock is
#   $THINKDEX_LOCK, else DATA_DIR/nightly.lock. `thinkdex crawl` itself also refuses to run
#   beside another crawl on the data dir (DATA_DIR/crawl.lock), e.g. one started by hand: the
#   night then reports the crawl as failed.
# - `thinkdex crawl` re-fetches stored pages conditionally (ETag / Last-Modified), so pages that
#   did not change are not downloaded again; pages that now answer 404/410 are marked gone.
# - `thinkdex index` extracts only new and changed pages and removes the gone ones. Each batch
#   is one Xapian commit, and the search page reads a committed revision, so it keeps answering
#   throughout and never sees half an update.
# - `thinkdex compact --auto` then compacts the index when the changes indexed since the last
#   compaction reach $THINKDEX_COMPACT_PERCENT (default 10) percent of the documents: into a
#   new directory, swapped in atomically (renameat2 RENAME_EXCHANGE), so searches go on.
# - The thinkdex programs write their own log to [log] file in the config, rotated at 10 MiB
#   with 5 old files (spdlog's rotating sink); the summary is appended there too.
# - Exit status: 0 when all is well (including "another run holds the lock"); 1 when something
#   needs a person: crawl or index failed outright, every request failed (the site is down or
#   blocks us), or more than $THINKDEX_MAX_FAILED_PERCENT (default 50) percent of the requests
#   failed, or compaction failed (the index is then left as it was); 2 for a bad config or a
#   missing thinkdex program.
#
# - $THINKDEX_PARTITION=i/N makes it one worker of a partitioned crawl: `crawl --partition i/N`
#   and `index --shard i/N` (docs/scale-out.md; moving the outbox files is cron's job).
#
# The thinkdex binary is $THINKDEX_BIN, else build/cli/thinkdex, else thinkdex on PATH.
set -uo pipefail
config=${1:-${THINKDEX_CONFIG:-}}
[ -n "$config" ] && [ -f "$config" ] && config=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")
cd "$(dirname "$0")/.."
config=${config:-config/thinkdex.toml}
thinkdex=${THINKDEX_BIN:-build/cli/thinkdex}
[ -x "$thinkdex" ] || thinkdex=$(command -v thinkdex || true)
if [ -z "$thinkdex" ]; then
    echo "nightly: no thinkdex program: build it (scripts/build.sh) or set THINKDEX_BIN" >&2
    exit 2
fi
if [ ! -f "$config" ]; then
    echo "nightly: no config file '$config'" >&2
    exit 2
fi
# Check the config once, so that its problems are printed once (with file and line), not by
# every step; then read the effective values (config, environment) from `config --show`.
if ! "$thinkdex" config --config "$config" >/dev/null; then
    exit 2
fi
effective=$("$thinkdex" config --show --config "$config")
setting() {  # setting TABLE KEY: a string value of `config --show` ('' for the top level)
    awk -v table="$1" -v key="$2" '
        /^\[/ { current = substr($0, 2, length($0) - 2); next }
        current == table && $1 == key && $2 == "=" {
            sub(/^[^=]*= */, ""); gsub(/^['"'"'"]|['"'"'"]$/, ""); print; exit
        }' <<<"$effective"
}
data_dir=$(setting "" data_dir)
log_file=$(setting log file)
if [ -z "${THINKDEX_LOCK:-}" ] && [ -n "$data_dir" ]; then
    mkdir -p "$data_dir" 2>/dev/null
fi
lock=${THINKDEX_LOCK:-$data_dir/nightly.lock}
max_failed_percent=${THINKDEX_MAX_FAILED_PERCENT:-50}
compact_percent=${THINKDEX_COMPACT_PERCENT:-10}

exec 9>>"$lock"
if ! flock -n 9; then
    echo "nightly: another run holds the lock $lock; not starting"
    exit 0
fi

start=$(date +%s)
status=0
problems=()
crawl_part=() index_part=()
if [ -n "${THINKDEX_PARTITION:-}" ]; then
    crawl_part=(--partition "$THINKDEX_PARTITION") index_part=(--shard "$THINKDEX_PARTITION")
fi
crawl_out=$("$thinkdex" crawl --json --config "$config" "${crawl_part[@]}")
crawl_rc=$?
if [ $crawl_rc -ne 0 ]; then
    status=$([ $crawl_rc -eq 2 ] && echo 2 || echo 1)
    problems+=("the crawl failed (exit $crawl_rc; see the log)")
fi
# Index even after a failed crawl: what was fetched before the failure is in the store.
index_out=$("$thinkdex" index --json --config "$config" "${index_part[@]}")
index_rc=$?
if [ $index_rc -ne 0 ]; then
    [ $status -eq 0 ] && status=$([ $index_rc -eq 2 ] && echo 2 || echo 1)
    problems+=("indexing failed (exit $index_rc; see the log)")
fi
# Compact only after a successful index run: after a failure, a person should look first.
compact_out=""
if [ $index_rc -eq 0 ]; then
    compact_out=$("$thinkdex" compact --json --auto --min-changed "$compact_percent" --config "$config")
    compact_rc=$?
    if [ $compact_rc -ne 0 ]; then
        [ $status -eq 0 ] && status=1
        problems+=("compaction failed (exit $compact_rc; the index is as it was; see the log)")
    fi
fi
took=$(($(date +%s) - start))

# The summaries of `--json`: one object each; a field is empty when a step printed none.
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
field() { jq -r "$2 // empty" <<<"$1" 2>/dev/null; }
fetched=$(field "$crawl_out" .fetched)
new=$(field "$crawl_out" .new)
changed=$(field "$crawl_out" .changed)
unchanged=$(field "$crawl_out" .unchanged)
gone=$(field "$crawl_out" .gone)
failed=$(field "$crawl_out" .failed)
skipped=$(field "$crawl_out" .skipped)
added=$(field "$index_out" .added)
updated=$(field "$index_out" .updated)
removed=$(field "$index_out" .removed)
documents=$(field "$index_out" .documents)

if [ $crawl_rc -eq 0 ] && [ "${fetched:-1}" -eq 0 ]; then
    problems+=("no request was answered: is the site down, or the network?")
    [ $status -eq 0 ] && status=1
elif [ -n "$fetched" ] && [ -n "$failed" ] && [ "$failed" -gt 0 ]; then
    if [ $((failed * 100)) -gt $((max_failed_percent * (fetched + failed))) ]; then
        problems+=("$failed of $((fetched + failed)) requests failed: is the site down or blocking us?")
        [ $status -eq 0 ] && status=1
    fi
fi

when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if [ -n "$new" ] && [ -n "$added" ]; then
    summary="nightly $when: $new new, $changed changed, $gone gone, $failed failed"
    summary+=" ($fetched requests, $unchanged unchanged, $skipped skipped);"
    summary+=" index: $added added, $updated updated, $removed removed, $documents documents;"
    if [ "$(field "$compact_out" .compacted)" = true ]; then
        summary+=" compacted: $(mib "$(field "$compact_out" .bytes_before)") ->"
        summary+=" $(mib "$(field "$compact_out" .bytes_after)");"
    elif [ -n "$(field "$compact_out" .reason)" ]; then
        summary+=" compaction skipped ($(field "$compact_out" .reason));"
    fi
    summary+=" took ${took} s."
else
    # The programs' output was not what this script knows: pass it on rather than guess.
    summary="nightly $when: crawl: ${crawl_out:-no output}; index: ${index_out:-no output}; took ${took} s."
fi
if [ ${#problems[@]} -gt 0 ]; then
    summary+=" NEEDS ATTENTION: $(printf '%s; ' "${problems[@]}")"
    summary=${summary%; }.
else
    summary+=" All well."
fi
echo "$summary"
if [ -n "$log_file" ]; then
    mkdir -p "$(dirname "$log_file")" 2>/dev/null
    # The line format of the programs' own log: "2025-09-02 02:30:07 info ...".
    level=$([ $status -eq 0 ] && echo info || echo error)
    echo "$(date '+%Y-%m-%d %H:%M:%S') $level $summary" >>"$log_file" ||
        echo "nightly: cannot append to the log file '$log_file'" >&2
fi
exit $status
