#pragma once
// Presenting search results: plain text for terminals, JSON for scripts, an HTML5 page for
// the CGI. Pure functions of the result; they do no I/O.

#include <string>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// Ranked results with snippets (matches wrapped in ANSI bold when `color`, else in **),
/// then facet counts. Ends with a newline.
std::string render_text(const SearchResult& result, bool color);

/// One JSON document: {"query","total","total_exact","offset","limit","elapsed_ms",
/// "results":[{"rank","score","id","url","title","authors","published","site","snippet",
/// "snippet_html"}], "facets":{"author":[{"value","count"}],"year":[...]}}. `snippet` is plain
/// text; `snippet_html` is escaped HTML with matches in <mark>.
std::string render_json(const SearchResult& result);

/// Parameters of the CGI page as the user sent them (already URL-decoded).
struct PageRequest {
    std::string q;
    std::string author;
    std::string year;
    std::string since;
    std::string until;
    std::size_t page = 1;
};

/// A complete HTML5 search page for `request`: the form, the results, facet links, paging.
/// Every string from the request or the index is escaped for its context.
std::string render_html_page(const PageRequest& request, const SearchResult& result,
                             std::size_t page_size);

/// A complete HTML5 page with the search form and a message (for errors, or when there is no
/// query yet). The message is escaped.
std::string render_html_message(const PageRequest& request, const std::string& message);

std::string html_escape(const std::string& text);
std::string url_encode(const std::string& text);

}  // namespace thinkdex::query
