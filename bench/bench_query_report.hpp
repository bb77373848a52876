#pragma once
// bench-query's report, on stdout and as JSON: where and how it measured, each variant's
// latency with its ratio to plain Xapian, thinkdex's pooled figures and its breakdown by query,
// and issue 5's target.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_query_measure.hpp"
#include "bench_query_set.hpp"
#include "bench_query_variants.hpp"

namespace thinkdex::bench {

/// What the report says of the run besides its timings.
struct RunInfo {
    std::filesystem::path db;
    std::size_t doc_count = 0;
    double build_seconds = 0;  ///< 0: the index was reused
    std::string load_before;   ///< the load average at the start
    std::string stub;          ///< the stub file also searched; "" = none
    std::uint64_t seed = 0;
    std::size_t warmup = 0;
    std::size_t runs = 0;
    std::string json_out;  ///< also write the figures as JSON to this file; "" = not
};

/// Prints the report of `timings` (`thinkdex_at`: thinkdex's own variant) and writes its JSON.
void report(const RunInfo& options, const std::vector<Query>& queries,
            const std::vector<Variant>& variants, std::size_t thinkdex_at, const Timings& timings);

}  // namespace thinkdex::bench
