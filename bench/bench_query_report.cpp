#include "bench_query_report.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <thread>

#include "bench_machine.hpp"
#include "bench_query_index.hpp"

namespace thinkdex::bench {

namespace {

/// Nearest-rank percentile of sorted values, p in [0, 1].
double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

struct Summary {
    double median = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};

Summary summarize(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    Summary s;
    if (values.empty()) return s;
    s.median = bench::median(values);
    s.p90 = percentile(values, 0.90);
    s.p99 = percentile(values, 0.99);
    s.max = values.back();
    s.mean =
        std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    return s;
}

nlohmann::json to_json(const Summary& s) {
    return {{"median_ms", s.median},
            {"p90_ms", s.p90},
            {"p99_ms", s.p99},
            {"max_ms", s.max},
            {"mean_ms", s.mean}};
}

// A query's latency is the median of its runs, which takes out one-off stalls from the
// other processes sharing the machine; pooled figures over every timing are shown too.
std::vector<double> per_query(std::size_t v, const TimeMatrix& matrix) {
    const std::size_t queries = matrix[v].front().size();
    std::vector<double> out(queries);
    for (std::size_t q = 0; q < queries; ++q) {
        std::vector<double> runs;
        for (const auto& run_times : matrix[v]) runs.push_back(run_times[q]);
        out[q] = bench::median(runs);
    }
    return out;
}

std::vector<double> pooled(const TimeMatrix& times, std::size_t v) {
    std::vector<double> out;
    for (const auto& run_times : times[v])
        out.insert(out.end(), run_times.begin(), run_times.end());
    return out;
}

/// Where and how the figures were measured: commit, machine, index, queries, method.
void print_header(const RunInfo& options, const std::vector<Query>& queries,
                  std::size_t total_mismatches) {
    std::size_t by_words[4] = {}, by_band[3] = {};
    for (const auto& q : queries) {
        ++by_words[q.words];
        ++by_band[static_cast<int>(q.band)];
    }
    const auto db_bytes = directory_bytes(options.db);
    std::cout << "thinkdex bench-query\n"
              << fmt::format("commit     {}; build {}; Xapian {}; GCC {}\n", commit(),
                             THINKDEX_BUILD_TYPE, Xapian::version_string(), __VERSION__)
              << fmt::format("machine    {}, {} cores; load average {} (start), {} (end)\n",
                             cpu_model(), std::thread::hardware_concurrency(), options.load_before,
                             load_average())
              << fmt::format("index      {}: {} documents, {:.2f} GiB, {}\n", options.db.string(),
                             options.doc_count, static_cast<double>(db_bytes) / (1 << 30),
                             options.build_seconds > 0 ? fmt::format("built in {:.0f} s", options.build_seconds)
                                               : std::string("reused"))
              << (!options.stub.empty() ? fmt::format("shards     {}: {}; totals differ from the index's for {} of "
                                     "{} queries (warm-up pass, default request)\n",
                                     options.stub, thinkdex::read_stub_file(options.stub).size(),
                                     total_mismatches, queries.size())
                       : std::string())
              << fmt::format(
                     "queries    {} (1/2/3 words: {}/{}/{}; most frequent word common/"
                     "medium/rare: {}/{}/{}), seed {}, limit 10, facets: author+year in the spy "
                     "variants, all six in thinkdex\n",
                     queries.size(), by_words[1], by_words[2], by_words[3], by_band[2], by_band[1],
                     by_band[0], options.seed)
              << fmt::format(
                     "method     {} warm-up pass(es), then {} runs of every variant over "
                     "all queries; a query's latency is the median of its {} runs; "
                     "percentiles are over the {} queries\n\n",
                     options.warmup, options.runs, options.runs, queries.size());
}

/// The table of variants; returns their summaries (wall-clock).
std::vector<Summary> print_variants(const std::vector<Variant>& variants, const Timings& timings,
                                    nlohmann::json& json) {
    std::vector<Summary> summaries, cpu_summaries;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        summaries.push_back(summarize(per_query(v, timings.times)));
        cpu_summaries.push_back(summarize(per_query(v, timings.cpu_times)));
    }
    std::cout << fmt::format("{:<17} {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} | {:>8} {:>8}\n",
                             "ms per query", "median", "p90", "p99", "max", "cpu med", "cpu p99",
                             "median", "p99");
    std::cout << fmt::format("{:<17} {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} | {:>17}\n", "", "", "",
                             "", "", "", "", "ratio to xapian");
    for (std::size_t v = 0; v < variants.size(); ++v) {
        const Summary& s = summaries[v];
        const Summary& c = cpu_summaries[v];
        std::cout << fmt::format(
            "{:<17} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f} | {:>8.3f} {:>8.3f} | {:>7.1f}x "
            "{:>7.1f}x\n",
            variants[v].name, s.median, s.p90, s.p99, s.max, c.median, c.p99,
            s.median / summaries[0].median, s.p99 / summaries[0].p99);
        json["variants"][variants[v].key] = to_json(s);
        json["variants"][variants[v].key]["cpu"] = to_json(c);
    }
    return summaries;
}

void print_pooled(const RunInfo& options, const std::vector<Query>& queries,
                  const TimeMatrix& times, std::size_t thinkdex_at, nlohmann::json& json) {
    const Summary all = summarize(pooled(times, thinkdex_at));
    std::vector<double> run_medians;
    for (const auto& run_times : times[thinkdex_at]) run_medians.push_back(bench::median(run_times));
    std::cout << fmt::format(
        "\nthinkdex pooled over all {} timings: median {:.3f}, p90 {:.3f}, "
        "p99 {:.3f}, max {:.3f} ms; run medians {:.3f}..{:.3f} ms\n",
        options.runs * queries.size(), all.median, all.p90, all.p99, all.max,
        *std::min_element(run_medians.begin(), run_medians.end()),
        *std::max_element(run_medians.begin(), run_medians.end()));
    json["thinkdex_pooled"] = to_json(all);
}

void print_breakdown(const std::vector<Query>& queries, const Timings& timings,
                     std::size_t thinkdex_at) {
    // Where the time goes: by the query's most frequent word, and by length.
    const auto thinkdex_times = per_query(thinkdex_at, timings.times);
    std::cout << fmt::format("\nthinkdex by query {:<19} {:>5} {:>9} {:>8} {:>8} {:>14}\n", "", "n",
                             "median", "p99", "max", "mean matches");
    auto breakdown = [&](const std::string& label, auto keep) {
        std::vector<double> t;
        double total_matches = 0;
        for (std::size_t q = 0; q < queries.size(); ++q)
            if (keep(queries[q])) {
                t.push_back(thinkdex_times[q]);
                total_matches += static_cast<double>(timings.matches[q]);
            }
        if (t.empty()) return;
        Summary s = summarize(t);
        std::cout << fmt::format("  {:<34} {:>5} {:>9.3f} {:>8.3f} {:>8.3f} {:>14.0f}\n", label,
                                 t.size(), s.median, s.p99, s.max,
                                 total_matches / static_cast<double>(t.size()));
    };
    for (int b = 2; b >= 0; --b)
        breakdown(fmt::format("most frequent word {}", kBandNames[b]),
                  [b](const Query& q) { return static_cast<int>(q.band) == b; });
    for (std::size_t w = 1; w <= 3; ++w)
        breakdown(fmt::format("{} word(s)", w), [w](const Query& q) { return q.words == w; });
}

}  // namespace

void report(const RunInfo& options, const std::vector<Query>& queries,
            const std::vector<Variant>& variants, std::size_t thinkdex_at, const Timings& timings) {
    print_header(options, queries, timings.total_mismatches);

    nlohmann::json json;
    json["commit"] = commit();
    json["cpu"] = cpu_model();
    json["cores"] = std::thread::hardware_concurrency();
    json["documents"] = options.doc_count;
    json["queries"] = queries.size();
    json["runs"] = options.runs;

    const std::vector<Summary> summaries = print_variants(variants, timings, json);
    print_pooled(options, queries, timings.times, thinkdex_at, json);
    print_breakdown(queries, timings, thinkdex_at);

    const Summary& t = summaries[thinkdex_at];
    const bool median_ok = t.median < 5, p99_ok = t.p99 < 50;
    std::cout << fmt::format(
        "\ntarget (issue 5): median < 5 ms: {} ({:.3f}); p99 < 50 ms: {} "
        "({:.3f})\n",
        median_ok ? "met" : "MISSED", t.median, p99_ok ? "met" : "MISSED", t.p99);
    json["target_met"] = median_ok && p99_ok;
    if (!options.json_out.empty()) std::ofstream(options.json_out) << json.dump(2) << '\n';
}

}  // namespace thinkdex::bench
