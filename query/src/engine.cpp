#include "thinkdex/query/engine.hpp"

namespace thinkdex::query {

Engine::Engine(const std::filesystem::path& index, const SearchConfig& config)
    : config_(config), searcher_(index, RankingOptions::named(config.ranking)) {
    searcher_.set_synonyms(config.synonyms);
}

SearchRequest Engine::defaults(const SearchConfig& config) {
    SearchRequest request;
    request.limit = config.limit;
    request.facet_limit = config.facet_limit;
    request.recency_half_life_days = static_cast<double>(config.recency_half_life_days);
    return request;
}

}  // namespace thinkdex::query
