#pragma once
// The query string as a SearchRequest, as the Searcher tests ask it.

#include <cstddef>
#include <string>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

inline SearchRequest words(const std::string& q, std::size_t limit = 10) {
    SearchRequest r;
    r.query = q;
    r.limit = limit;
    return r;
}

}  // namespace thinkdex::query
