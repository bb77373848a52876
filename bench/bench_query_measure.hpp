#pragma once
// How bench-query times the variants: warm-up passes first, then every variant over the whole
// query set `runs` times, each query's wall-clock time and the thread's CPU time.

#include <cstddef>
#include <vector>

#include "bench_query_set.hpp"
#include "bench_query_variants.hpp"

namespace thinkdex::bench {

/// Milliseconds, [variant][run][query].
using TimeMatrix = std::vector<std::vector<std::vector<double>>>;

struct Timings {
    TimeMatrix times;                  ///< wall-clock
    TimeMatrix cpu_times;              ///< the thread's CPU time
    std::vector<std::size_t> matches;  ///< thinkdex's total of each query, for the breakdown
    std::size_t total_mismatches = 0;  ///< queries whose total over the shards is not the index's
};

/// Runs `warmup` untimed passes, then `runs` timed ones, of every variant over `queries`. The
/// variant at `thinkdex_at` gives the matches; with `stub`, the warm-up checks the "stub"
/// variant's totals against them.
Timings measure(std::vector<Variant>& variants, const std::vector<Query>& queries,
                std::size_t thinkdex_at, std::size_t warmup, std::size_t runs, bool stub);

}  // namespace thinkdex::bench
