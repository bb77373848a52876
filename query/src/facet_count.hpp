#pragma once
// Facet counting: an unweighted pass over the matches that counts each facet's values and the
// total, beside the ranking.

#include <array>
#include <cstddef>
#include <vector>

#include <xapian.h>

#include "thinkdex/common/facet.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {


/// What the counting pass finds: per Facet, its most frequent values.
struct Counted {
    std::size_t total = 0;
    bool exact = false;
    std::array<std::vector<FacetValue>, kFacetCount> facets;
};

/// Facets and the total of `query` (filters included, boosts not), unweighted: the spy sees
/// every match up to request.exact_facet_matches (checkatleast), so the total and every facet
/// count are exact up to there, and scaled estimates beyond. `sharded`: `db` joins shards,
/// which count with Xapian's own match spy (documents without the kSlotFacets value of
/// current indexes are then left out of the facets). Throws Xapian::Error.
Counted count_matches(const Xapian::Database& db, const Xapian::Query& query,
                      const SearchRequest& request, bool sharded = false);

}  // namespace thinkdex::query
