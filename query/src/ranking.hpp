#pragma once
// Ranking: the first pass (the weighting scheme, the sort order, publications first) and the
// rerankers that reorder its top results (proximity, pseudo-relevance feedback, the recency
// prior).

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include <xapian.h>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// Documents and their scores, in rank order.
using Scored = std::vector<std::pair<Xapian::docid, double>>;

/// What to rank, from the built query and the request.
struct RankInput {
    Xapian::Query query = Xapian::Query::MatchAll;  ///< with its boosts
    Xapian::Query filter;     ///< may be empty
    Xapian::Query proximity;  ///< the proximity reranker's query; may be empty
    SortOrder sort = SortOrder::kRelevance;  ///< as applied: kNewest for a query without words
    bool ranked = true;       ///< relevance orders a query with words
    bool collapse = true;     ///< SearchRequest::collapse
    /// SearchRequest::publications_first, unless the request filters on kinds.
    bool publications_first = true;
    double recency_half_life_days = 365;
    bool over_shards = false;  ///< searching a stub's shards (feedback then batches its lookups)
    std::size_t offset = 0;
    std::size_t limit = 10;
};

/// The ranked page.
struct Ranked {
    Scored page;                ///< the documents from `offset`, at most `limit`
    std::size_t estimate = 0;   ///< Xapian's estimate of the matches (before counting)
    bool estimate_exact = false;
};

/// The weighting scheme `ranking` names.
std::unique_ptr<Xapian::Weight> make_weight(const RankingOptions& ranking);

/// Ranks `in` on `db`: a first pass, then (in relevance orders) the rerankers over its top
/// results. Throws Xapian::Error.
Ranked rank(const Xapian::Database& db, const RankingOptions& ranking, const RankInput& in);

}  // namespace thinkdex::query
