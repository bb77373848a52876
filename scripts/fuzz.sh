#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ (GCC with AddressSanitizer and UndefinedBehaviorSanitizer,
# in build-fuzz) and runs each for SECONDS (default 60) from a seed corpus out of tests/data and
# config/. Exits non-zero on any crash, leak, timeout or broken property; the input that found it
# is kept as build-fuzz/findings/<target>/crash-* (replay: build-fuzz/fuzz/fuzz-<target> FILE).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: extract links robots sitemap_feed url
# page_request query config xmp; default all). The corpus grows across runs in build-fuzz/corpus/.
# THINKDEX_FUZZ_RUNS=N instead runs exactly N inputs per target with a fixed random seed from the
# seeds alone (a scratch corpus), so that the run is the same on every machine: what CI runs,
# where a finding must not depend on chance or on the corpus a machine has grown.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract links robots sitemap_feed url page_request query config xmp)
build=${THINKDEX_FUZZ_BUILD_DIR:-build-fuzz}

THINKDEX_BUILD_DIR=$build THINKDEX_TARGETS=fuzz-targets ./scripts/build.sh -DTHINKDEX_WERROR=ON \
    -DTHINKDEX_BUILD_FUZZ=ON -DTHINKDEX_BUILD_TESTS=OFF -DTHINKDEX_SANITIZE=address,undefined \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g"

seeds() {  # seeds TARGET: the files a target's corpus starts from
    case $1 in
        # with a gzipped page and one in windows-1251 (tests/data/fuzz/extract)
        extract | links) find tests/data/site tests/data/seed -name '*.html'
            find tests/data/fuzz/extract -type f ;;
        robots) echo tests/data/site/robots.txt ;;
        sitemap_feed) echo tests/data/site/sitemap.xml tests/data/site/feed.xml ;;
        config) find config -name '*.toml' ;;
        *) find "tests/data/fuzz/$1" -type f ;;
    esac
}

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
failed=()
fixed_runs=${THINKDEX_FUZZ_RUNS:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
    corpus=$build/corpus/$t findings=$build/findings/$t
    budget=(-max_total_time="$seconds")
    if [ -n "$fixed_runs" ]; then
        corpus=$scratch/$t
        budget=(-runs="$fixed_runs" -seed=1)
    fi
    mkdir -p "$corpus" "$findings"
    for f in $(seeds "$t"); do cp -n "$f" "$corpus/" 2>/dev/null || true; done
    log=$build/findings/$t.log
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a blow-up, not a slow machine.
    if "$build/fuzz/fuzz-$t" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" \
        "$corpus" >"$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
        took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o '[0-9]* second' || echo '?')
        echo "fuzz: $t: $runs executions in ${took}s, no findings"
    else
        echo "fuzz: $t: FINDING (log: $log)" >&2
        grep -E 'ERROR|SUMMARY|fuzz property|Test unit written' "$log" | head -n 8 >&2 || true
        failed+=("$t")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: findings in ${failed[*]}" >&2
    exit 1
fi
