#pragma once
// Pieces that the text, JSON and HTML renderings share (render.cpp, render_html.cpp, feed.cpp).

#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// "3.25 ms", or "12 ms" from 10 ms on.
std::string format_ms(double ms);
/// `items` with `sep` between them.
std::string join(const std::vector<std::string>& items, std::string_view sep);
/// "1 result", "12 results" or "about 2000 results" when the total is an estimate.
std::string results_phrase(const SearchResult& result);
/// The snippet as escaped HTML, its matches in <mark>.
std::string snippet_html(const std::vector<SnippetPart>& parts);

}  // namespace thinkdex::query
