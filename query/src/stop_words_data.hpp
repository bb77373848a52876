#pragma once
// The Snowball stop word lists, generated at build time (query/tools/gen_stop_words.pl).

#include <string_view>
#include <vector>

namespace thinkdex::query {

struct StopList {
    std::string_view language;  ///< ISO 639-1: "fr"
    std::string_view words;     ///< lower case, separated by single spaces
};

const std::vector<StopList>& stop_lists();

}  // namespace thinkdex::query
