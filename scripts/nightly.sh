#!/usr/bin/env bash
# What cron runs each night: an incremental re-crawl, then indexing of what changed.
# Usage: scripts/nightly.sh [CONFIG]   (default: $THINKDEX_CONFIG, else config/thinkdex.toml)
# Takes a lock so that two runs never overlap; a second run exits 0 and says so.
# The thinkdex binary is $THINKDEX_BIN, else build/cli/thinkdex, else thinkdex on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-${THINKDEX_CONFIG:-config/thinkdex.toml}}
thinkdex=${THINKDEX_BIN:-build/cli/thinkdex}
[ -x "$thinkdex" ] || thinkdex=$(command -v thinkdex)
lock=${THINKDEX_LOCK:-${TMPDIR:-/tmp}/thinkdex-nightly.lock}

exec 9>"$lock"
if ! flock -n 9; then
    echo "nightly: another run holds the lock $lock; not starting"
    exit 0
fi

start=$(date +%s)
crawl=$("$thinkdex" crawl --config "$config")
index=$("$thinkdex" index --config "$config")
echo "nightly $(date -u +%Y-%m-%dT%H:%M:%SZ): $crawl; $index; took $(($(date +%s) - start)) s"
