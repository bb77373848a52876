#include "thinkdex/query/engine.hpp"

namespace thinkdex::query {

Engine::Engine(const std::filesystem::path& index, const SearchConfig& config)
    : config_(config), searcher_(index, RankingOptions::named(config.ranking)) {
    searcher_.set_synonyms(config.synonyms);
}

Engine::Engine(const IndexSource& source, const SearchConfig& config)
    : config_(config), searcher_(source, RankingOptions::named(config.ranking)) {
    searcher_.set_synonyms(config.synonyms);
}

IndexSource Engine::source(const Config& config, const std::filesystem::path& index) {
    IndexSource out;
    out.shard_timeout = config.index.shard_timeout;
    if (!index.empty()) {
        out.path = index;  // a stub file's spelling database is beside it
        return out;
    }
    if (!config.index.shards.empty()) out.shards = config.index.shards;
    else out.path = config.index_path();
    if (!config.index.spelling.empty()) {
        out.spelling = config.index.spelling;
        out.spelling_named = true;
    } else if (!out.shards.empty()) {
        out.spelling = config.index_path();
        out.spelling += ".spelling";
    }
    return out;
}

SearchRequest Engine::defaults(const SearchConfig& config) {
    SearchRequest request;
    request.limit = config.limit;
    request.facet_limit = config.facet_limit;
    request.recency_half_life_days = static_cast<double>(config.recency_half_life_days);
    return request;
}

}  // namespace thinkdex::query
