#pragma once
// The search page's filter parameters, in the order its links write them: the one table that
// the parser of QUERY_STRING, the links and the sidebar of the page all read.

#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/common/facet.hpp"
#include "thinkdex/query/user_query.hpp"

namespace thinkdex::query {

struct PageFilter {
    std::string_view parameter;  ///< in the query string: "type"
    std::vector<std::string> UserQuery::*values;
    Facet facet;
    std::string_view noun;     ///< in messages: "content type"
    std::string_view label;    ///< on the chip of an active filter: "Type"
    std::string_view heading;  ///< of the facet's section in the sidebar: "Content types"
};

inline const PageFilter kPageFilters[] = {
    {"author", &UserQuery::authors, kFacetAuthor, "author", "Author", "Authors"},
    {"year", &UserQuery::years, kFacetYear, "year", "Year", "Years"},
    {"site", &UserQuery::sites, kFacetSite, "site", "Site", "Sites"},
    {"tag", &UserQuery::tags, kFacetTag, "tag", "Tag", "Tags"},
    {"lang", &UserQuery::languages, kFacetLanguage, "language", "Language", "Languages"},
    {"type", &UserQuery::types, kFacetType, "content type", "Type", "Content types"},
    {"kind", &UserQuery::kinds, kFacetKind, "page kind", "Kind", "Page kinds"},
};

}  // namespace thinkdex::query
