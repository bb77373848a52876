#include "bench_query_measure.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <utility>

namespace thinkdex::bench {

namespace {

using Clock = std::chrono::steady_clock;

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace

Timings measure(std::vector<Variant>& variants, const std::vector<Query>& queries,
                std::size_t thinkdex_at, std::size_t warmup, std::size_t runs, bool stub) {
    // matches[q]: thinkdex's total, for the breakdown; times[v][r][q] in ms.
    std::vector<std::size_t> matches(queries.size());
    std::size_t total_mismatches = 0;  // queries whose total over the shards is not the index's
    for (std::size_t w = 0; w < warmup; ++w) {
        spdlog::info("bench-query: warm-up pass {}", w + 1);
        for (auto& v : variants)
            for (std::size_t q = 0; q < queries.size(); ++q) {
                std::size_t m = v.run(queries[q].text);
                if (&v == &variants[thinkdex_at]) matches[q] = m;
                if (stub && v.key == "stub" && m != matches[q] && ++total_mismatches <= 5)
                    spdlog::warn("bench-query: '{}': {} results over the shards, {} in the index",
                                 queries[q].text, m, matches[q]);
            }
    }
    std::vector<std::vector<std::vector<double>>> times(
        variants.size(),
        std::vector<std::vector<double>>(runs, std::vector<double>(queries.size())));
    auto cpu_times = times;
    for (std::size_t r = 0; r < runs; ++r) {
        spdlog::info("bench-query: run {} of {}", r + 1, runs);
        for (std::size_t v = 0; v < variants.size(); ++v)
            for (std::size_t q = 0; q < queries.size(); ++q) {
                const double cpu_start = thread_cpu_ms();
                const auto start = Clock::now();
                std::size_t m = variants[v].run(queries[q].text);
                times[v][r][q] =
                    std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                cpu_times[v][r][q] = thread_cpu_ms() - cpu_start;
                if (v == thinkdex_at) matches[q] = m;
            }
    }
    return {std::move(times), std::move(cpu_times), std::move(matches), total_mismatches};
}

}  // namespace thinkdex::bench
