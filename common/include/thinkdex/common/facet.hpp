#pragma once
// The facets of a search result and their one name table: the keys of SearchResult::facets, of
// the JSON's "facets" object and of the page's sidebar.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace thinkdex {

/// The facets, in display order.
enum Facet : std::size_t {
    kFacetAuthor,
    kFacetYear,
    kFacetSite,
    kFacetTag,
    kFacetLanguage,
    kFacetType,
    kFacetKind,
    kFacetCount
};

/// Each facet's name, by Facet.
inline constexpr std::array<std::string_view, kFacetCount> kFacetNames = {
    "author", "year", "site", "tag", "language", "type", "kind"};

/// kFacetNames[facet] as a std::string (for map lookups).
inline std::string facet_name(Facet facet) { return std::string(kFacetNames[facet]); }

}  // namespace thinkdex
