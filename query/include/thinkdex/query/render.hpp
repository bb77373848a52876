#pragma once
// Presenting search results: plain text for terminals, JSON for scripts, an HTML5 page for
// the CGI. Pure functions of the result; they do no I/O.

#include <cstddef>
#include <string>
#include <string_view>

#include "thinkdex/common/error.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// Ranked results with snippets (matches wrapped in ANSI bold when `color`, else in **),
/// then facet counts ("Authors:", "Years:"), then the total and time taken. Control
/// characters from the index are replaced, so a page cannot send escape codes to a terminal.
/// Ends with a newline.
std::string render_text(const SearchResult& result, bool color);

/// One JSON document: {"query","corrected_query","total","total_exact","offset","limit",
/// "elapsed_ms","results":[{"rank","score","id","url","title","authors","published","site",
/// "snippet","snippet_html","matches"}], "facets":{"author":[{"value","count"}],
/// "year":[...]}}. `snippet` is plain text; `snippet_html` is escaped HTML with matches in
/// <mark>; `matches` lists the matched words of the snippet. Invalid UTF-8 is replaced.
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

inline constexpr std::size_t kMaxQueryBytes = 500;
inline constexpr std::size_t kMaxPage = 1000;

/// Parses a CGI QUERY_STRING ("q=central+asia&author=Natasha%20Kuhrt&page=2"): `+` and %XX
/// are decoded, invalid UTF-8 becomes U+FFFD, unknown parameters are ignored and a repeated
/// one keeps its last value. Error{kind "request"} with a message for the user when `q` is
/// longer than kMaxQueryBytes, `page` is not a number in 1..kMaxPage or `year` is not YYYY;
/// Error{kind "date"} when `since` or `until` is malformed (see parse_date_bound).
Result<PageRequest> parse_page_request(std::string_view query_string);

/// The search a page request asks for: `page_size` results from page `request.page`.
SearchRequest to_search_request(const PageRequest& request, std::size_t page_size);

/// A complete HTML5 search page for `request`: the form, the results, facet links, paging.
/// Every string from the request or the index is escaped for its context.
std::string render_html_page(const PageRequest& request, const SearchResult& result,
                             std::size_t page_size);

/// A complete HTML5 page with the search form and a message (for errors, or when there is no
/// query yet). The message is escaped.
std::string render_html_message(const PageRequest& request, const std::string& message);

/// Escapes &, <, >, " and ' for HTML text and double- or single-quoted attribute values.
std::string html_escape(const std::string& text);
/// Percent-encodes every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~), for a URL
/// query component.
std::string url_encode(const std::string& text);
/// Decodes a query-string component: `+` is a space, %XX a byte (a malformed % stays as it
/// is), then invalid UTF-8 is replaced with U+FFFD.
std::string url_decode(std::string_view text);

}  // namespace thinkdex::query
