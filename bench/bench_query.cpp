// bench-query: in-process search latency of thinkdex (Searcher::search, facets always on) on a
// large index, with plain Xapian on the same database as the baseline measured in the same run.
//
//   bench-query --corpus corpus.jsonl --db DIR [--queries 1000] [--runs 5] [--seed 7]
//               [--variants exact,facets,snippets,no-bg] [--build-threads 2] [--json FILE]
//               [--site-shard i/N] [--stub FILE]
//
// The index is built from the corpus (JSON lines from gen-corpus) with IndexWriter, in
// parallel shards merged by compaction, or reused when DIR already holds a complete index of
// the same corpus (the corpus signature is written last, so an interrupted build is redone).
// Queries are one to three words drawn from the index's own vocabulary in three
// document-frequency bands (common, medium, rare). After a warm-up pass, every variant runs the
// whole query set `--runs` times; a query's latency is the median of its runs, and the
// percentiles are over queries. The variants add one cost at a time, so the table shows where
// the time goes ([key] for --variants; xapian and thinkdex always run):
//   xapian           parse + Enquire top 10 (Xapian's default: stop once the top 10 is sure)
//   + exact [exact]  ... and visit every match (exact total), as thinkdex does for exact facets
//   + facets [facets]      ... and a MatchSpy counting author and year over every match
//   + snippets [snippets]  ... and each hit's stored data parsed and its snippet built, with the
//                          searcher's flags (background model, exhaustive)
//   (no bg model) [no-bg]  the same without the background model: a what-if, not in the chain
//   thinkdex         Searcher::search, default request (limit 10, six facets exact up to
//                    2,000 matches, near-duplicates collapsed, feedback, snippets)
// With --stub FILE (a stub file of `thinkdex serve-shard` shards holding the same documents;
// scripts/bench_shards.sh), the same queries also run through Searcher(IndexSource{FILE}), as
// the CLI opens a stub file (totals that differ from the index's are counted and shown), with
// one cost taken away at a time to show what the remote hop
// spends its time on:
//   stub             the default request, as thinkdex
//   stub no facets   ... without facets (no spy over every match, no exact total)
//   stub no snippets ... without snippets (the hits' stored data is still read)
//   stub bare        no facets, snippets, collapsing or publications-first probe
//   local bare       the same bare request on the local index, for comparison
// (all of them, or those of these keys that --variants names).
// --site-shard i/N builds only the documents whose site hashes to shard i of N, as
// `thinkdex index --shard i/N` does (shard_of_host), so that the shards hold the local index.
// Wall-clock time is the figure; the thread's CPU time is shown beside it because on a shared
// machine wall time also counts the time spent waiting for a core.
//
// The index is built in bench_query_index.cpp, the queries drawn in bench_query_set.cpp, the
// variants defined in bench_query_variants.cpp, timed in bench_query_measure.cpp and
// reported in bench_query_report.cpp.

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "bench_machine.hpp"
#include "bench_query_index.hpp"
#include "bench_query_measure.hpp"
#include "bench_query_report.hpp"
#include "bench_query_set.hpp"
#include "bench_query_variants.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/logging.hpp"
#include "thinkdex/common/shard.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::bench {

namespace fs = std::filesystem;

namespace {

struct Options {
    std::string corpus;
    std::string db;
    std::size_t queries = 1000;
    std::size_t runs = 5;
    std::size_t warmup = 1;
    std::uint64_t seed = 7;
    bool rebuild = false;
    bool build_only = false;
    std::size_t build_threads = 2;
    std::string json_out;
    std::vector<std::string> variants = {"exact", "facets", "snippets", "no-bg", "thinkdex"};
    std::string queries_out;
    std::string site_shard;  ///< "i/N": build only that shard of the corpus; "" = all of it
    std::string stub;        ///< also search this stub file of remote shards
};

int run(const Options& options) {
    const fs::path corpus = options.corpus, db = options.db;
    if (!fs::is_regular_file(corpus))
        throw thinkdex::ConfigError("bench-query: no corpus file '" + corpus.string() + "'");
    const std::string load_before = load_average();

    std::optional<thinkdex::ShardPart> site_shard;
    if (!options.site_shard.empty())
        site_shard = thinkdex::parse_shard_part(options.site_shard, "--site-shard");
    // The shard is part of what the index was built from, so a shard is never reused as another.
    std::string signature = corpus_signature(corpus);
    if (site_shard)
        signature += fmt::format(", site shard {}/{}", site_shard->index, site_shard->count);
    double build_seconds = 0;
    if (options.rebuild || !index_is_of(db, signature)) {
        spdlog::info("bench-query: building the index {} from {}", db.string(), corpus.string());
        build_seconds = build_index(corpus, db, signature, options.build_threads, site_shard);
    } else {
        spdlog::info("bench-query: reusing the index {} ({})", db.string(), signature);
    }

    if (options.build_only) {
        spdlog::info(
            "bench-query: index ready{}",
            build_seconds > 0 ? fmt::format(" (built in {:.0f} s)", build_seconds) : std::string());
        return 0;
    }

    XapianBaseline baseline(db);
    thinkdex::query::Searcher searcher(db);
    const auto doc_count = searcher.doc_count();
    std::optional<thinkdex::query::Searcher> stub;
    if (!options.stub.empty()) {
        thinkdex::query::IndexSource source;
        source.path = options.stub;
        stub.emplace(source);
        if (stub->doc_count() != doc_count)
            throw thinkdex::Fatal(fmt::format(
                "bench-query: the shards of '{}' hold {} documents, the index {}: not the same "
                "documents",
                options.stub, stub->doc_count(), doc_count));
    }
    std::vector<Query> queries =
        make_queries(Xapian::Database(db.string()), options.queries, options.seed);
    if (!options.queries_out.empty()) {
        std::ofstream out(options.queries_out);
        for (const auto& q : queries) out << q.text << '\n';
    }

    std::size_t thinkdex_at = 0;
    std::vector<Variant> variants =
        make_variants(options.variants, baseline, searcher, stub, thinkdex_at);
    const Timings timings =
        measure(variants, queries, thinkdex_at, options.warmup, options.runs, stub.has_value());
    report({.db = db,
            .doc_count = doc_count,
            .build_seconds = build_seconds,
            .load_before = load_before,
            .stub = options.stub,
            .seed = options.seed,
            .warmup = options.warmup,
            .runs = options.runs,
            .json_out = options.json_out},
           queries, variants, thinkdex_at, timings);
    spdlog::debug("bench-query: snippet bytes {}", baseline.sink());
    return 0;
}

}  // namespace
}  // namespace thinkdex::bench

int main(int argc, char** argv) {
    CLI::App app{"Query latency of thinkdex search against plain Xapian on a large index"};
    thinkdex::bench::Options options;
    app.add_option("--corpus", options.corpus, "JSON lines from gen-corpus")->required();
    app.add_option("--db", options.db,
                   "Index directory: built from the corpus, or reused if it "
                   "already holds an index of the same corpus")
        ->required();
    app.add_option("--queries", options.queries, "Number of queries (one to three words)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--runs", options.runs, "Timed passes over the query set")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--warmup", options.warmup, "Untimed passes first")->capture_default_str();
    app.add_option("--seed", options.seed, "Seed for drawing the queries")->capture_default_str();
    app.add_flag("--rebuild", options.rebuild, "Rebuild the index even if it matches the corpus");
    app.add_flag("--build-only", options.build_only, "Build (or check) the index, then stop");
    app.add_option("--build-threads", options.build_threads,
                   "Index this many shards in parallel, then merge them")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--variants", options.variants,
                   "Steps of the breakdown to run besides the xapian baseline and thinkdex")
        ->capture_default_str()
        ->delimiter(',')
        ->check(CLI::IsMember({"exact", "facets", "snippets", "no-bg", "thinkdex", "stub",
                               "stub-no-facets", "stub-no-snippets", "stub-bare", "local-bare"}));
    app.add_option("--json", options.json_out, "Also write the figures as JSON to this file");
    app.add_option("--write-queries", options.queries_out, "Write the queries, one a line");
    app.add_option("--site-shard", options.site_shard,
                   "i/N: build only the documents whose site hashes to shard i of N");
    app.add_option("--stub", options.stub,
                   "Also search this stub file of shards holding the same documents")
        ->check(CLI::ExistingFile);
    CLI11_PARSE(app, argc, argv);
    thinkdex::init_logging(0);
    try {
        return thinkdex::bench::run(options);
    } catch (const thinkdex::Fatal& e) {
        spdlog::error("{}", e.what());
        return e.exit_code();
    } catch (const Xapian::Error& e) {
        spdlog::error("bench-query: {}", e.get_description());
        return 1;
    }
}
