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

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bench_machine.hpp"
#include "bench_random.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/logging.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/common/shard.hpp"
#include "thinkdex/indexer/index_writer.hpp"
#include "thinkdex/query/search.hpp"

namespace fs = std::filesystem;
namespace schema = thinkdex::schema;
using thinkdex::bench::commit;
using thinkdex::bench::cpu_model;
using thinkdex::bench::load_average;
using thinkdex::bench::Rng;
namespace bench = thinkdex::bench;

namespace {

using Clock = std::chrono::steady_clock;

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Metadata key on the benchmark index: which corpus it was built from.
constexpr const char* kMetaCorpus = "bench:corpus";
constexpr const char* kLanguage = "english";

// Document-frequency bands of query words, as fractions of the collection.
constexpr double kCommonFraction = 0.01;  // in at least 1% of documents
constexpr double kRareFraction = 0.0001;  // in fewer than 0.01% (10 of 100,000)

enum class Band { kRare, kMedium, kCommon };
constexpr const char* kBandNames[] = {"rare", "medium", "common"};

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

struct Query {
    std::string text;
    std::size_t words = 0;
    Band band = Band::kRare;  ///< band of its most frequent word
};

// ---------------------------------------------------------------------------------------------
// Machine and build description, so that every figure says where it was measured.

std::uintmax_t directory_bytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) total += entry.file_size();
    return total;
}

// ---------------------------------------------------------------------------------------------
// The index.

/// Size plus FNV-1a of the first and last MiB: enough to tell corpora apart without reading
/// half a gigabyte each run.
std::string corpus_signature(const fs::path& corpus) {
    constexpr std::size_t kChunk = 1 << 20;
    const auto size = fs::file_size(corpus);
    std::ifstream in(corpus, std::ios::binary);
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    auto mix = [&](std::streamoff from) {
        std::string buffer(kChunk, '\0');
        in.clear();
        in.seekg(from);
        in.read(buffer.data(), static_cast<std::streamsize>(kChunk));
        buffer.resize(static_cast<std::size_t>(in.gcount()));
        for (unsigned char c : buffer) hash = (hash ^ c) * 0x100000001b3ULL;
    };
    mix(0);
    if (size > kChunk) mix(static_cast<std::streamoff>(size - kChunk));
    return fmt::format("{} bytes, fnv {:016x}", size, hash);
}

std::string host_of(const std::string& url) {
    auto start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    auto end = url.find_first_of("/:?#", start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// Indexes every `shards`-th line of the corpus, starting at line `shard`, into `db` with
/// IndexWriter as `thinkdex index --jsonl` does, committing every 10,000 documents (which also
/// bounds memory).
void build_shard(const fs::path& corpus, const fs::path& db, std::size_t shard, std::size_t shards,
                 const std::optional<thinkdex::ShardPart>& site_shard) {
    const auto start = Clock::now();
    thinkdex::indexer::IndexWriter writer(db, kLanguage);
    std::ifstream in(corpus);
    if (!in) throw thinkdex::Fatal("bench-query: cannot read corpus '" + corpus.string() + "'");
    std::string line;
    std::size_t count = 0, line_no = 0;
    while (std::getline(in, line)) {
        if (line_no++ % shards != shard || line.empty()) continue;
        auto record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_discarded() || !record.is_object())
            throw thinkdex::Fatal(
                fmt::format("bench-query: {}:{}: not a JSON object", corpus.string(), count + 1));
        thinkdex::indexer::IndexDocument doc;
        doc.id = record.value("id", "");
        doc.title = record.value("title", "");
        doc.body = record.value("text", "");
        doc.url = record.value("url", "");
        doc.published = record.value("published", "");
        doc.site = record.value("site", "");
        doc.language = record.value("language", "");
        doc.authors = record.value("authors", std::vector<std::string>{});
        doc.tags = record.value("tags", std::vector<std::string>{});
        doc.host = host_of(doc.url);
        doc.type = "jsonl";
        if (site_shard && thinkdex::shard_of_host(doc.host.empty() ? doc.site : doc.host,
                                                  site_shard->count) != site_shard->index)
            continue;
        writer.upsert(doc);
        if (++count % 10000 == 0) {
            writer.commit();
            double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            spdlog::info("bench-query: shard {}: indexed {} documents ({:.0f}/s)", shard, count,
                         static_cast<double>(count) / seconds);
        }
    }
    writer.commit();
}

/// Builds the index of the corpus and records which corpus it came from. With `threads` > 1,
/// shards are built in parallel and merged with Xapian's compaction (which merges the spelling
/// data too), because indexing 100,000 documents single-threaded takes long.
double build_index(const fs::path& corpus, const fs::path& db, const std::string& signature,
                   std::size_t threads, const std::optional<thinkdex::ShardPart>& site_shard) {
    const auto start = Clock::now();
    fs::remove_all(db);
    if (threads <= 1) {
        build_shard(corpus, db, 0, 1, site_shard);
    } else {
        const fs::path shard_dir = db.string() + ".shards";
        fs::remove_all(shard_dir);
        fs::create_directories(shard_dir);
        std::vector<std::thread> workers;
        std::vector<std::exception_ptr> errors(threads);
        for (std::size_t t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                try {
                    build_shard(corpus, shard_dir / std::to_string(t), t, threads, site_shard);
                } catch (...) {
                    errors[t] = std::current_exception();
                }
            });
        for (auto& w : workers) w.join();
        for (const auto& e : errors)
            if (e) std::rethrow_exception(e);
        spdlog::info("bench-query: merging {} shards", threads);
        try {
            Xapian::Database shards;
            for (std::size_t t = 0; t < threads; ++t)
                shards.add_database(Xapian::Database((shard_dir / std::to_string(t)).string()));
            shards.compact(db.string());
        } catch (const Xapian::Error& e) {
            throw thinkdex::Fatal("bench-query: cannot merge the shards into '" + db.string() +
                                  "': " + e.get_description());
        }
        fs::remove_all(shard_dir);
    }
    thinkdex::indexer::IndexWriter writer(db, kLanguage);
    writer.set_metadata(kMetaCorpus, signature);
    writer.commit();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Whether `db` is a complete index of the corpus with `signature`, in the current schema
/// (every document has the facets slot, which search would otherwise read slot by slot).
bool index_is_of(const fs::path& db, const std::string& signature) {
    if (!fs::exists(db)) return false;
    try {
        const Xapian::Database index(db.string());
        return index.get_metadata(kMetaCorpus) == signature &&
               index.get_value_freq(schema::kSlotFacets) == index.get_doccount();
    } catch (const Xapian::Error&) {
        return false;
    }
}

// ---------------------------------------------------------------------------------------------
// Queries.

bool is_stopword(const std::string& word) {
    // Words nobody types as a search (the default OR would make them match almost everything).
    static const std::vector<std::string> kStop = {
        "and", "are",   "but",  "for",  "from", "had", "has",  "have",  "its",  "not",  "that",
        "the", "their", "them", "they", "this", "was", "were", "which", "will", "with", "would"};
    return std::find(kStop.begin(), kStop.end(), word) != kStop.end();
}

/// One- to three-word queries (a third each) from the unstemmed vocabulary of the index. Each
/// word comes from a band chosen with probability 30% common, 45% medium, 25% rare, uniformly
/// within the band: users mostly type topical words, sometimes a broad one, sometimes a name.
std::vector<Query> make_queries(const Xapian::Database& db, std::size_t count, std::uint64_t seed) {
    const double docs = db.get_doccount();
    std::vector<std::pair<std::string, Xapian::doccount>> bands[3];
    // Unprefixed words start with a lower-case letter; prefixes are capitals, so they sort
    // first and the words form one run from "a".
    auto it = db.allterms_begin();
    for (it.skip_to("a"); it != db.allterms_end(); ++it) {
        const std::string term = *it;
        if (term.empty() || term[0] > 'z') break;
        if (term.size() < 3 || term.size() > 20 || is_stopword(term) ||
            !std::all_of(term.begin(), term.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            continue;
        // On a small index "rare" still means a handful of documents.
        const double tf = it.get_termfreq();
        Band band = tf >= kCommonFraction * docs               ? Band::kCommon
                    : tf < std::max(kRareFraction * docs, 3.0) ? Band::kRare
                                                               : Band::kMedium;
        bands[static_cast<int>(band)].emplace_back(term, it.get_termfreq());
    }
    for (int b = 0; b < 3; ++b) {
        spdlog::info("bench-query: {} {} words", bands[b].size(), kBandNames[b]);
        if (bands[b].empty())
            throw thinkdex::Fatal(
                fmt::format("bench-query: no {} words in the index; is it "
                            "large enough?",
                            kBandNames[b]));
    }
    const thinkdex::bench::Discrete band_choice({0.25, 0.45, 0.30});  // rare, medium, common
    Rng rng(seed);
    std::vector<Query> queries;
    for (std::size_t i = 0; i < count; ++i) {
        Query q;
        q.words = 1 + i % 3;
        for (std::size_t w = 0; w < q.words; ++w) {
            auto band = band_choice(rng);
            const auto& pool = bands[band];
            if (!q.text.empty()) q.text += ' ';
            q.text += pool[rng.below(pool.size())].first;
            q.band = std::max(q.band, static_cast<Band>(band));
        }
        queries.push_back(std::move(q));
    }
    return queries;
}

// ---------------------------------------------------------------------------------------------
// The variants.

/// Counts author and year over every match, as the searcher's own spy does.
class FacetSpy : public Xapian::MatchSpy {
  public:
    std::unordered_map<std::string, std::size_t> authors, years;

    void operator()(const Xapian::Document& doc, double) override {
        const std::string joined = doc.get_value(schema::kSlotAuthors);
        std::string_view rest(joined);
        while (!rest.empty()) {
            auto sep = rest.find(schema::kListSeparator);
            if (sep != 0) ++authors[schema::filter_term(schema::kAuthor, rest.substr(0, sep))];
            if (sep == std::string_view::npos) break;
            rest.remove_prefix(sep + 1);
        }
        const std::string year = doc.get_value(schema::kSlotYear);
        if (!year.empty()) ++years[year];
    }
};

/// Plain Xapian on the same database, with a query parser set up as the searcher's is for
/// plain words (stemming, default OR, title and author prefixes).
class XapianBaseline {
  public:
    enum class Level { kTop, kExact, kFacets, kSnippets, kPlainSnippets };

    explicit XapianBaseline(const fs::path& db) : db_(db.string()) {
        std::string language = db_.get_metadata(std::string(schema::kMetaLanguage));
        if (!language.empty() && language != "none") stemmer_ = Xapian::Stem(language);
        parser_.set_database(db_);
        parser_.set_stemmer(stemmer_);
        parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser_.set_default_op(Xapian::Query::OP_OR);
        parser_.add_prefix("title", std::string(schema::kTitle));
        parser_.add_prefix("author", std::string(schema::kAuthorText));
    }

    /// Runs one query; returns the (estimated) number of matches.
    std::size_t run(const std::string& text, Level level) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(parser_.parse_query(text));
        FacetSpy spy;
        if (level >= Level::kFacets) enquire.add_matchspy(&spy);
        Xapian::MSet mset =
            enquire.get_mset(0, 10, level >= Level::kExact ? db_.get_doccount() : 0);
        if (level >= Level::kSnippets) {
            // The background model weighs every word of the text by its frequency in the
            // index (one lookup per distinct word); without it only query terms count.
            const unsigned flags =
                level == Level::kPlainSnippets
                    ? unsigned{Xapian::MSet::SNIPPET_EXHAUSTIVE}
                    : Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
                std::string body = data.is_object() ? data.value("body", "") : "";
                sink_ += mset.snippet(body, 300, stemmer_, flags, "\x01", "\x02", "…").size();
            }
        }
        return mset.get_matches_estimated() + spy.years.size();
    }

    std::size_t sink() const { return sink_; }

  private:
    Xapian::Database db_;
    Xapian::Stem stemmer_;
    Xapian::QueryParser parser_;
    std::size_t sink_ = 0;  // keeps the snippet work from being optimised away
};

struct Variant {
    std::string key;   ///< for --variants
    std::string name;  ///< in the table
    std::function<std::size_t(const std::string&)> run;
};

// ---------------------------------------------------------------------------------------------
// Statistics.

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

    using Level = XapianBaseline::Level;
    using thinkdex::query::SearchRequest;
    auto search_with = [](thinkdex::query::Searcher& with, const SearchRequest& request) {
        auto result = with.search(request);
        if (!result)
            throw thinkdex::Fatal("bench-query: query '" + request.query +
                                  "' failed: " + result.error().message);
        if (result->partial) throw thinkdex::Fatal("bench-query: a shard did not answer");
        return result->total;
    };
    // Each request shape of the remote breakdown: the default with some costs taken away.
    auto request = [](const std::string& q, bool facets, bool snippets, bool collapse) {
        SearchRequest r;
        r.query = q;
        r.facets = facets;
        r.snippets = snippets;
        r.collapse = collapse;
        r.publications_first = collapse;  // the bare request drops the probe too
        return r;
    };
    std::vector<Variant> variants = {
        {"xapian", "xapian top-10",
         [&](const std::string& q) { return baseline.run(q, Level::kTop); }},
        {"exact", "+ exact count",
         [&](const std::string& q) { return baseline.run(q, Level::kExact); }},
        {"facets", "+ facet spy",
         [&](const std::string& q) { return baseline.run(q, Level::kFacets); }},
        {"snippets", "+ snippets",
         [&](const std::string& q) { return baseline.run(q, Level::kSnippets); }},
        {"no-bg", "  (no bg model)",
         [&](const std::string& q) { return baseline.run(q, Level::kPlainSnippets); }},
        {"thinkdex", "thinkdex search",
         [&](const std::string& q) { return search_with(searcher, request(q, true, true, true)); }},
    };
    // The baseline always runs (every ratio is against it); thinkdex always runs last.
    std::erase_if(variants, [&](const Variant& v) {
        return v.key != "xapian" && v.key != "thinkdex" &&
               std::find(options.variants.begin(), options.variants.end(), v.key) ==
                   options.variants.end();
    });
    const std::size_t kThinkdex = variants.size() - 1;
    if (stub) {
        std::vector<Variant> remote;
        remote.push_back({"stub", "stub", [&](const std::string& q) {
                              return search_with(*stub, request(q, true, true, true));
                          }});
        remote.push_back({"stub-no-facets", "stub no facets", [&](const std::string& q) {
                              return search_with(*stub, request(q, false, true, true));
                          }});
        remote.push_back({"stub-no-snippets", "stub no snippets", [&](const std::string& q) {
                              return search_with(*stub, request(q, true, false, true));
                          }});
        remote.push_back({"stub-bare", "stub bare", [&](const std::string& q) {
                              return search_with(*stub, request(q, false, false, false));
                          }});
        remote.push_back({"local-bare", "local bare", [&](const std::string& q) {
                              return search_with(searcher, request(q, false, false, false));
                          }});
        // --variants naming some of these runs only those (a profile of one of them).
        auto listed = [&](const Variant& v) {
            return std::find(options.variants.begin(), options.variants.end(), v.key) !=
                   options.variants.end();
        };
        if (std::any_of(remote.begin(), remote.end(), listed))
            std::erase_if(remote, std::not_fn(listed));
        for (auto& v : remote) variants.push_back(std::move(v));
    }

    // matches[q]: thinkdex's total, for the breakdown; times[v][r][q] in ms.
    std::vector<std::size_t> matches(queries.size());
    std::size_t total_mismatches = 0;  // queries whose total over the shards is not the index's
    for (std::size_t w = 0; w < options.warmup; ++w) {
        spdlog::info("bench-query: warm-up pass {}", w + 1);
        for (auto& v : variants)
            for (std::size_t q = 0; q < queries.size(); ++q) {
                std::size_t m = v.run(queries[q].text);
                if (&v == &variants[kThinkdex]) matches[q] = m;
                if (stub && v.key == "stub" && m != matches[q] && ++total_mismatches <= 5)
                    spdlog::warn("bench-query: '{}': {} results over the shards, {} in the index",
                                 queries[q].text, m, matches[q]);
            }
    }
    std::vector<std::vector<std::vector<double>>> times(
        variants.size(),
        std::vector<std::vector<double>>(options.runs, std::vector<double>(queries.size())));
    auto cpu_times = times;
    for (std::size_t r = 0; r < options.runs; ++r) {
        spdlog::info("bench-query: run {} of {}", r + 1, options.runs);
        for (std::size_t v = 0; v < variants.size(); ++v)
            for (std::size_t q = 0; q < queries.size(); ++q) {
                const double cpu_start = thread_cpu_ms();
                const auto start = Clock::now();
                std::size_t m = variants[v].run(queries[q].text);
                times[v][r][q] =
                    std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                cpu_times[v][r][q] = thread_cpu_ms() - cpu_start;
                if (v == kThinkdex) matches[q] = m;
            }
    }

    // A query's latency is the median of its runs, which takes out one-off stalls from the
    // other processes sharing the machine; pooled figures over every timing are shown too.
    auto per_query = [&](std::size_t v, const auto& matrix) {
        std::vector<double> out(queries.size());
        for (std::size_t q = 0; q < queries.size(); ++q) {
            std::vector<double> runs;
            for (std::size_t r = 0; r < options.runs; ++r) runs.push_back(matrix[v][r][q]);
            out[q] = bench::median(runs);
        }
        return out;
    };
    auto pooled = [&](std::size_t v) {
        std::vector<double> out;
        for (const auto& run_times : times[v])
            out.insert(out.end(), run_times.begin(), run_times.end());
        return out;
    };

    std::size_t by_words[4] = {}, by_band[3] = {};
    for (const auto& q : queries) {
        ++by_words[q.words];
        ++by_band[static_cast<int>(q.band)];
    }
    const auto db_bytes = directory_bytes(db);
    std::cout << "thinkdex bench-query\n"
              << fmt::format("commit     {}; build {}; Xapian {}; GCC {}\n", commit(),
                             THINKDEX_BUILD_TYPE, Xapian::version_string(), __VERSION__)
              << fmt::format("machine    {}, {} cores; load average {} (start), {} (end)\n",
                             cpu_model(), std::thread::hardware_concurrency(), load_before,
                             load_average())
              << fmt::format("index      {}: {} documents, {:.2f} GiB, {}\n", db.string(),
                             doc_count, static_cast<double>(db_bytes) / (1 << 30),
                             build_seconds > 0 ? fmt::format("built in {:.0f} s", build_seconds)
                                               : std::string("reused"))
              << (stub ? fmt::format("shards     {}: {}; totals differ from the index's for {} of "
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

    nlohmann::json json;
    json["commit"] = commit();
    json["cpu"] = cpu_model();
    json["cores"] = std::thread::hardware_concurrency();
    json["documents"] = doc_count;
    json["queries"] = queries.size();
    json["runs"] = options.runs;

    std::vector<Summary> summaries, cpu_summaries;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        summaries.push_back(summarize(per_query(v, times)));
        cpu_summaries.push_back(summarize(per_query(v, cpu_times)));
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

    const Summary all = summarize(pooled(kThinkdex));
    std::vector<double> run_medians;
    for (const auto& run_times : times[kThinkdex]) run_medians.push_back(bench::median(run_times));
    std::cout << fmt::format(
        "\nthinkdex pooled over all {} timings: median {:.3f}, p90 {:.3f}, "
        "p99 {:.3f}, max {:.3f} ms; run medians {:.3f}..{:.3f} ms\n",
        options.runs * queries.size(), all.median, all.p90, all.p99, all.max,
        *std::min_element(run_medians.begin(), run_medians.end()),
        *std::max_element(run_medians.begin(), run_medians.end()));
    json["thinkdex_pooled"] = to_json(all);

    // Where the time goes: by the query's most frequent word, and by length.
    const auto thinkdex_times = per_query(kThinkdex, times);
    std::cout << fmt::format("\nthinkdex by query {:<19} {:>5} {:>9} {:>8} {:>8} {:>14}\n", "", "n",
                             "median", "p99", "max", "mean matches");
    auto breakdown = [&](const std::string& label, auto keep) {
        std::vector<double> t;
        double total_matches = 0;
        for (std::size_t q = 0; q < queries.size(); ++q)
            if (keep(queries[q])) {
                t.push_back(thinkdex_times[q]);
                total_matches += static_cast<double>(matches[q]);
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

    const Summary& t = summaries[kThinkdex];
    const bool median_ok = t.median < 5, p99_ok = t.p99 < 50;
    std::cout << fmt::format(
        "\ntarget (issue 5): median < 5 ms: {} ({:.3f}); p99 < 50 ms: {} "
        "({:.3f})\n",
        median_ok ? "met" : "MISSED", t.median, p99_ok ? "met" : "MISSED", t.p99);
    json["target_met"] = median_ok && p99_ok;
    if (!options.json_out.empty()) std::ofstream(options.json_out) << json.dump(2) << '\n';
    spdlog::debug("bench-query: snippet bytes {}", baseline.sink());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Query latency of thinkdex search against plain Xapian on a large index"};
    Options options;
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
        return run(options);
    } catch (const thinkdex::Fatal& e) {
        spdlog::error("{}", e.what());
        return e.exit_code();
    } catch (const Xapian::Error& e) {
        spdlog::error("bench-query: {}", e.get_description());
        return 1;
    }
}
