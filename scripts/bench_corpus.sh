# Sourced by bench_query.sh and bench_shards.sh, which measure on the same corpus and index:
# `bench_corpus DOCS TARGET...` builds the targets (and gen-corpus, bench-query) in $build
# (RelWithDebInfo, with the bench programs) and generates $corpus once for DOCS documents and
# the seed $THINKDEX_BENCH_SEED (default 1); $index names its index.
seed=${THINKDEX_BENCH_SEED:-1}
build=${THINKDEX_BUILD_DIR:-build-bench}
data="$build/bench-data"

bench_corpus() {
    local docs=$1 targets=()
    shift
    for t in gen-corpus bench-query "$@"; do targets+=(--target "$t"); done
    cmake -S . -B "$build" -DTHINKDEX_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build" "${targets[@]}" -j"$(nproc)"
    mkdir -p "$data"
    corpus="$data/corpus-$docs-seed$seed.jsonl"
    index="$data/index-$docs-seed$seed"
    if [ ! -s "$corpus" ]; then
        "$build/bench/gen-corpus" --docs "$docs" --seed "$seed" --out "$corpus.tmp"
        mv "$corpus.tmp" "$corpus"
    fi
}
