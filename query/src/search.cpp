// Searcher: one search as named stages, each in its own file: query building
// (build_query.cpp, with field_processors.cpp and synonyms.cpp), ranking (ranking.cpp), facet
// counting (facet_count.cpp) and hit building (hit_builder.cpp). This file opens the index,
// retries when it changes underneath, and runs the stages on two threads.

#include "thinkdex/query/search.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <string_view>
#include <utility>

#include <spdlog/spdlog.h>
#include <xapian.h>

#include "build_query.hpp"
#include "facet_count.hpp"
#include "hit_builder.hpp"
#include "ranking.hpp"
#include "shards.hpp"
#include "spelling.hpp"
#include "synonyms.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/query/spelling_db.hpp"

namespace thinkdex::query {

namespace schema = thinkdex::schema;

RankingOptions RankingOptions::plain() {
    RankingOptions plain;
    plain.weighting = "bm25";
    plain.refine_query = false;
    plain.feedback = false;
    return plain;
}

RankingOptions RankingOptions::named(const std::string& name) {
    if (name == "plain") return plain();
    if (name != "default")
        throw ConfigError("search.ranking must be default or plain (got '" + name + "')");
    return {};
}

// Reopens tried when the index changes under a search before giving up. Xapian discards a
// revision when the indexer has committed twice since: an indexer committing small batches
// back to back on a loaded machine can do that a few times in a row.
constexpr int kMaxReopens = 20;

struct Searcher::Impl {
    std::filesystem::path path;  ///< what messages name: the index, stub file or shard list
    std::optional<ShardSet> shards;  ///< when searching shards
    Xapian::Database db;
    Xapian::Stem stemmer;
    // The helper thread's own (see run()); over a local index opened for the second search, the
    // first that has a helper thread.
    Xapian::Database count_db;
    bool count_db_open = false;
    bool searched_before = false;  ///< run() has been called: the next search is parallel
    Xapian::Stem count_stemmer;
    /// Opens count_db if it is not open yet, at db's revision.
    void open_count_db();
    RankingOptions ranking;
    Synonyms synonyms;

    Result<SearchResult> run(const SearchRequest& request, const Xapian::Query& filter);
    /// Opens db over the index, or db and count_db over the shards that answer, and reads the
    /// index's stemming language into `language`.
    void open();
    std::string language;
    /// Where "did you mean" finds its words: the index, or over shards the spelling database
    /// (or the local shards).
    const Xapian::Database& spelling() const { return shards ? shards->spelling() : db; }
    /// "Did you mean": `corrected` if, within `filter`, it finds clearly more documents with
    /// all its words than `typed` does; else "".
    std::string suggestion(const std::string& typed, const std::string& corrected,
                           const Xapian::Query& filter) const;
    /// Both handles at the latest revision.
    void reopen();
};

void Searcher::Impl::reopen() {
    // The two handles must show one revision: a commit between the two reopens is caught by
    // comparing them, and reopening again.
    if (shards) shards->refresh_spelling();
    for (int attempt = 0; attempt < 3; ++attempt) {
        db.reopen();
        if (!count_db_open) return;
        count_db.reopen();
        if (db.get_revision() == count_db.get_revision()) return;
    }
}

void Searcher::Impl::open() {
    if (shards) {
        auto handles = shards->open(2);
        db = std::move(handles[0]);
        count_db = std::move(handles[1]);
        count_db_open = true;
        language = db.get_metadata(std::string(schema::kMetaLanguage));
        return;
    }
    for (int attempt = 0;; ++attempt) {
        try {
            db = Xapian::Database(path.string());
            language = db.get_metadata(std::string(schema::kMetaLanguage));
            return;
        } catch (const Xapian::DatabaseModifiedError&) {
            // An indexer committed twice while the handle opened or the metadata was read:
            // open it again.
            if (attempt >= kMaxReopens) throw;
        }
    }
}

void Searcher::Impl::open_count_db() {
    if (count_db_open) return;
    count_db = Xapian::Database(path.string());
    count_db_open = true;
    // db may be older: the two threads must read one revision (a page's documents may be gone
    // from a newer one)
    if (count_db.get_revision() != db.get_revision()) reopen();
}

namespace {
IndexSource one_index(const std::filesystem::path& path) {
    IndexSource source;
    source.path = path;
    return source;
}
}  // namespace

Searcher::Searcher(const std::filesystem::path& path, RankingOptions ranking)
    : Searcher(one_index(path), std::move(ranking)) {}

Searcher::Searcher(const IndexSource& source, RankingOptions ranking)
    : impl_(std::make_unique<Impl>()) {
    if (ranking.weighting != "ineb2" && ranking.weighting != "bm25")
        throw ConfigError("unknown weighting '" + ranking.weighting + "': use ineb2 or bm25");
    impl_->ranking = std::move(ranking);
    if (auto addresses = shard_addresses(source)) {
        impl_->shards.emplace(std::move(*addresses), source.shard_timeout, spelling_path(source),
                              source.spelling_named);
        impl_->path = source.shards.empty() ? source.path
                                            : std::filesystem::path(impl_->shards->describe());
    } else {
        impl_->path = source.path;
    }
    try {
        impl_->open();
        std::string language = impl_->language;
        if (language.empty()) language = "english";
        if (language != "none") {
            impl_->stemmer = Xapian::Stem(language);
            impl_->count_stemmer = Xapian::Stem(language);
        }
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot open index '" + impl_->path.string() + "': " + e.get_description());
    }
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

std::uint32_t Searcher::doc_count() const {
    try {
        return impl_->db.get_doccount();
    } catch (const Xapian::Error& e) {
        throw Fatal("cannot read index '" + impl_->path.string() + "': " + e.get_description());
    }
}

void Searcher::set_synonyms(std::vector<std::vector<std::string>> groups) {
    impl_->synonyms.set(groups, impl_->stemmer);
}

Result<SearchResult> Searcher::search(const SearchRequest& request) {
    if (!(request.recency_half_life_days > 0))
        return std::unexpected(Error{"request", "the recency half-life must be more than 0 days"});
    if (request.limit < 1 || request.limit > kMaxPageSize ||
        request.offset > (kMaxPage - 1) * request.limit)
        return std::unexpected(Error{"request", "a page holds 1 to " +
                                                    std::to_string(kMaxPageSize) +
                                                    " results, and there are at most " +
                                                    std::to_string(kMaxPage) + " pages"});
    auto filter = filter_query(request);
    if (!filter) return std::unexpected(filter.error());

    try {
        // Pick up the indexer's latest commit, so that a long-lived Searcher stays current;
        // over shards, try those down again once it is time.
        if (impl_->shards && impl_->shards->retry_due()) impl_->open();
        else impl_->reopen();
    } catch (const Xapian::Error& e) {
        // E.g. the directory was swapped by a compaction: the open revision still reads.
        spdlog::debug("cannot reopen index '{}': {}", impl_->path.string(), e.get_description());
    }
    for (int attempt = 0;; ++attempt) {
        try {
            return impl_->run(request, *filter);
        } catch (const Xapian::NetworkError& e) {
            // A shard went down or stalled (a timeout is a NetworkError too): open again the
            // shards that answer, and search them. Each retry leaves one more shard out.
            if (!impl_->shards || attempt >= kMaxReopens) throw Fatal(
                "cannot search index '" + impl_->path.string() + "': " + e.get_description());
            spdlog::debug("a shard failed during search: {}", e.get_description());
            impl_->open();
        } catch (const Xapian::DatabaseModifiedError& e) {
            // The indexer committed twice while we read: reopen at the latest revision. A busy
            // indexer can do that again during the retry, so a few tries.
            if (attempt >= kMaxReopens)
                throw Fatal("cannot search index '" + impl_->path.string() +
                            "': " + e.get_description());
            spdlog::debug("index changed during search; reopening");
            impl_->reopen();
        } catch (const Xapian::UnimplementedError& e) {
            // Over remote shards Xapian 1.4 cannot send a sort key maker (--sort oldest).
            return std::unexpected(Error{"request", "cannot search " + impl_->path.string() +
                                                        " this way: " + e.get_msg()});
        } catch (const Xapian::QueryParserError& e) {
            return std::unexpected(
                Error{"query", "cannot understand the query '" + request.query + "': " +
                                   e.get_msg()});
        } catch (const Xapian::Error& e) {
            throw Fatal("cannot search index '" + impl_->path.string() +
                        "': " + e.get_description());
        }
    }
}

std::string Searcher::Impl::suggestion(const std::string& typed, const std::string& corrected,
                                       const Xapian::Query& filter) const {
    if (corrected.empty()) return {};
    // Counted over documents with every word: with OR, "cental asia" finds as much as "asia".
    auto matches = [&](const std::string& text) {
        const BuiltQuery all =
            build_query(db, stemmer, ranking.refine_query, synonyms, text, Words::kAll, &spelling());
        return matches_for_suggestion(db, all.matching, filter);
    };
    return suggestion_pays(matches(typed), matches(corrected)) ? corrected : std::string();
}

Result<SearchResult> Searcher::Impl::run(const SearchRequest& request,
                                         const Xapian::Query& filter) {
    const auto start = std::chrono::steady_clock::now();
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    result.limit = request.limit;

    const BuiltQuery built =
        build_query(db, stemmer, ranking.refine_query, synonyms, request.query, Words::kAny,
                    &spelling());
    RankInput input;
    input.query = built.query;
    input.filter = filter;
    input.proximity = built.proximity;
    // A query of filters alone has no ranking, so newest first is the useful order.
    const bool relevance =
        request.sort == SortOrder::kRelevance || request.sort == SortOrder::kRecent;
    input.sort = relevance && built.unranked ? SortOrder::kNewest : request.sort;
    input.ranked = !built.unranked && relevance;
    input.collapse = request.collapse;
    input.publications_first = request.publications_first && request.kinds.empty();
    input.recency_half_life_days = request.recency_half_life_days;
    input.over_shards = shards.has_value();
    input.offset = request.offset;
    input.limit = request.limit;

    // Two threads share a search: this one ranks while a helper, on a handle of its own,
    // counts the facets and the total; then both build the page's hits. On two cores a search
    // takes about the longer of the two passes instead of their sum. Xapian objects are not
    // shared between threads: the helper gets the queries serialised.
    //
    // Except on a local index's first search: there the helper's part runs on this thread,
    // after the ranking, on the same handle (deferred). A process that searches once (the CLI,
    // a CGI request) spends more on a second thread and a second handle than they save: a CGI
    // request or a `search --json` takes about 10 % less time without them, on 1,150, 20,000
    // and 100,000 documents alike.
    const bool parallel = shards.has_value() || searched_before;
    searched_before = true;
    if (parallel) open_count_db();
    const Xapian::Query matching =
        filter.empty() ? built.matching
                       : Xapian::Query(Xapian::Query::OP_FILTER, built.matching, filter);
    Scored page;  // document ids and scores
    std::vector<Hit> hits;
    std::atomic<std::size_t> next_hit{0};
    std::promise<void> page_set;
    std::future<Counted> helper = std::async(
        parallel ? std::launch::async : std::launch::deferred,
        [this, &request, &page, &hits, &next_hit, page_known = page_set.get_future(), parallel,
         sharded = shards.has_value(),
         counting = request.facets ? matching.serialise() : std::string(),
         marking = built.matching.serialise()]() mutable {
            const Xapian::Database& own_db = parallel ? count_db : db;
            const Xapian::Stem& own_stemmer = parallel ? count_stemmer : stemmer;
            Counted counted;
            if (!counting.empty())
                counted = count_matches(own_db, Xapian::Query::unserialise(counting), request,
                                        sharded);
            page_known.get();
            if (next_hit < page.size())
                build_hits(own_db, own_stemmer, Xapian::Query::unserialise(marking), request,
                           page, hits, next_hit);
            return counted;
        });
    // Should this thread fail before the page is known, the helper finds an empty page.
    struct Release {
        std::promise<void>& page_set;
        Scored& page;
        bool done = false;
        ~Release() {
            if (done) return;
            page.clear();
            page_set.set_value();
        }
    } release{page_set, page};

    Ranked ranked = rank(db, ranking, input);
    page = std::move(ranked.page);
    hits.resize(page.size());
    release.done = true;
    page_set.set_value();
    build_hits(db, stemmer, built.matching, request, page, hits, next_hit);
    Counted counted = helper.get();
    result.hits = std::move(hits);
    if (request.facets) {
        result.total = counted.total;
        result.total_exact = counted.exact;
        for (std::size_t f = 0; f < kFacetCount; ++f)
            result.facets[facet_name(static_cast<Facet>(f))] = std::move(counted.facets[f]);
    } else {
        result.total = ranked.estimate;
        result.total_exact = ranked.estimate_exact;
    }
    result.corrected_query = suggestion(request.query, built.corrected, filter);
    if (shards) {
        result.missing_shards = shards->down();
        result.partial = !result.missing_shards.empty();
    }
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count();
    return result;
}

}  // namespace thinkdex::query
