#pragma once
// query::Engine: the one search behind the CLI and the CGI, built once from the config, so
// that both map the same settings onto a search the same way.

#include <cstdint>
#include <filesystem>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// A Searcher with the settings of a config's [search] table: the ranking (search.ranking),
/// the synonyms, and the defaults of each request (search.limit results a page,
/// search.facet_limit values a facet, the recency half-life). Not thread-safe, as Searcher.
class Engine {
  public:
    /// Opens the index at `index` (see Searcher). Throws Fatal when it cannot, ConfigError for
    /// an unknown search.ranking.
    Engine(const std::filesystem::path& index, const SearchConfig& config);
    /// Opens `source`: an index directory, a stub file or shards (Searcher(IndexSource)).
    Engine(const IndexSource& source, const SearchConfig& config);

    /// What a front end searches: `index` if given (a directory or a stub file), else the
    /// config's [index] shards if any (with index.shard_timeout_ms), else DATA_DIR/index.
    /// Over shards "did you mean" reads index.spelling if set, else the spelling database
    /// beside the stub file (`index`, or DATA_DIR/index as a stub), or for [index] shards
    /// DATA_DIR/index.spelling.
    static IndexSource source(const Config& config, const std::filesystem::path& index = {});

    /// A request with the config's defaults, for the caller to fill in with the user's query
    /// and filters: search.limit results from the first, search.facet_limit values a facet,
    /// search.recency_half_life_days. defaults() gives the same before an index is opened.
    SearchRequest request() const { return defaults(config_); }
    static SearchRequest defaults(const SearchConfig& config);

    /// Searcher::search(): Error values for a bad query, date or page; Fatal when the index
    /// cannot be read.
    Result<SearchResult> search(const SearchRequest& request) { return searcher_.search(request); }

    /// Documents in the index.
    std::uint32_t doc_count() const { return searcher_.doc_count(); }

  private:
    SearchConfig config_;
    Searcher searcher_;
};

}  // namespace thinkdex::query
