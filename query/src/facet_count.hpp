#pragma once
// Facet counting: an unweighted pass over the matches that counts each facet's values and the
// total, beside the ranking.

#include <array>
#include <cstddef>
#include <vector>

#include <xapian.h>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// The facets, in the order of kFacetNames.
enum Facet : std::size_t { kAuthorFacet, kYearFacet, kSiteFacet, kTagFacet, kLanguageFacet,
                           kTypeFacet, kKindFacet, kFacetCount };
inline constexpr std::array<const char*, kFacetCount> kFacetNames = {
    "author", "year", "site", "tag", "language", "type", "kind"};

/// What the counting pass finds.
struct Counted {
    std::size_t total = 0;
    bool exact = false;
    std::array<std::vector<FacetValue>, kFacetCount> facets;
};

/// Facets and the total of `query` (filters included, boosts not), unweighted: the spy sees
/// every match up to request.exact_facet_matches (checkatleast), so the total and every facet
/// count are exact up to there, and scaled estimates beyond. Throws Xapian::Error.
Counted count_matches(const Xapian::Database& db, const Xapian::Query& query,
                      const SearchRequest& request);

}  // namespace thinkdex::query
