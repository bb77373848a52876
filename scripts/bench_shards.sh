#!/usr/bin/env bash
# Search speed over remote shards (issue 17): the corpus of scripts/bench_query.sh split by the
# site hash into 1, 2 and 4 shards, each served by `thinkdex serve-shard` on 127.0.0.1, and the
# same queries searched through a stub file (Searcher(IndexSource), as the CLI opens one)
# against the single local index in the same run. One shard is the whole index served
# remotely: the cost of the hop alone.
#
# Usage: scripts/bench_shards.sh [DOCS] [extra bench-query options...]
#   scripts/bench_shards.sh                          # 100,000 documents, 1,000 queries, 5 runs
#   scripts/bench_shards.sh 20000 --queries 300 --runs 3
#   THINKDEX_SHARDS="1 4" scripts/bench_shards.sh    # only some splits
# The corpus, the index and the shards are cached under $THINKDEX_BUILD_DIR/bench-data
# (default build-bench/bench-data) as bench_query.sh caches them; the figures of N shards go to
# bench-data/shards-N-DOCS.txt/.json.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-100000}
[ $# -gt 0 ] && shift
splits=${THINKDEX_SHARDS:-1 2 4}
source scripts/bench_corpus.sh
bench_corpus "$docs" thinkdex
"$build/bench/bench-query" --corpus "$corpus" --db "$index" --build-only

servers=()
stop_servers() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
    servers=()
}
trap stop_servers EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Serves each shard directory on a free port and writes the stub file naming them.
serve() {
    local stub=$1
    shift
    : >"$stub"
    for shard in "$@"; do
        local port
        port=$(free_port)
        # A session (process group) of its own: serve-shard becomes xapian-tcpsrv, which on
        # SIGTERM kills its whole process group, and that was this script's, so that the
        # script died with the first split's servers.
        setsid "$build/cli/thinkdex" serve-shard --db "$shard" --port "$port" \
            2>>"$data/serve-shard.log" &
        servers+=("$!")
        for _ in $(seq 100); do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
            sleep 0.1
        done
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null ||
            { echo "bench_shards: serve-shard of $shard did not start on port $port" >&2; exit 1; }
        echo "remote 127.0.0.1:$port" >>"$stub"
    done
}

for n in $splits; do
    shards=()
    if [ "$n" = 1 ]; then
        shards=("$index")
    else
        for ((i = 0; i < n; i++)); do
            shard="$data/shards-$n-$docs-seed$seed/$i"
            mkdir -p "$(dirname "$shard")"
            "$build/bench/bench-query" --corpus "$corpus" --db "$shard" --site-shard "$i/$n" \
                --build-only
            shards+=("$shard")
        done
    fi
    stub="$data/shards-$n-$docs.stub"
    serve "$stub" "${shards[@]}"
    "$build/bench/bench-query" --corpus "$corpus" --db "$index" --stub "$stub" \
        --variants thinkdex --json "$data/shards-$n-$docs.json" "$@" |
        tee "$data/shards-$n-$docs.txt"
    stop_servers
done
