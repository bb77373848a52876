#pragma once
// Presenting search results: plain text for terminals, JSON for scripts, an HTML5 page for
// the CGI. Pure functions of the result; they do no I/O.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/common/error.hpp"
#include "thinkdex/query/search.hpp"
#include "thinkdex/query/user_query.hpp"

namespace thinkdex::query {

/// Ranked results with snippets, and "also at" lines for near-duplicates elsewhere; then facet
/// counts ("Authors:", "Years:", "Sites:", "Tags:", "Languages:", "Types:"); then the total
/// ("about N results" when it is an estimate) and the time taken. With `color`, titles are
/// bold cyan, matches bold red and bylines dim (ANSI SGR codes); without, matches are wrapped
/// in ** and there are no escape codes. Control characters from the index are replaced, so a
/// page cannot send escape codes to a terminal. Ends with a newline.
std::string render_text(const SearchResult& result, bool color);

/// One JSON document, the stable schema documented in README ("JSON output"):
/// {"query","corrected_query","total","total_exact","offset","limit","returned",
/// "next_offset" (null on the last page),"elapsed_ms","results":[{"rank","score","id","url",
/// "title","authors","published","site","snippet","snippet_html","matches",
/// "kind","also_at":[{"site","url"}]}], "facets":{"author"|"year"|"site"|"tag"|"language"|
/// "type"|"kind":
/// [{"value","label","count"}]}}. `snippet` is plain text; `snippet_html` is escaped HTML with
/// matches in <mark>; `matches` lists the matched words of the snippet. Invalid UTF-8 is
/// replaced.
std::string render_json(const SearchResult& result);

/// What the CGI answers with (parameter `format`): the HTML page (default, "html"), the CLI's
/// JSON ("json"), an Atom feed of the newest matches ("atom"), the OpenSearch description
/// of the engine ("opensearch"), or the citation of the publication `id` as BibTeX
/// ("bibtex") or RIS ("ris"; see citation.hpp).
enum class PageFormat { kHtml, kJson, kAtom, kOpenSearch, kBibtex, kRis };

/// Parameters of the CGI page as the user sent them (already URL-decoded).
struct PageRequest {
    /// What to search, as the CLI's flags give it: `q` is its text, `author`, `year`, `site`,
    /// `tag`, `lang`, `type` and `kind` its filters (each may repeat: any of the values), then
    /// `since`, `until`, `sort` and `page`. parse_page_request() leaves `sort` and `page` in
    /// their shortest form: "" for relevance and for the first page.
    UserQuery query;
    PageFormat format = PageFormat::kHtml;
    /// `id`: the publication to cite with format=bibtex or format=ris (its unique id, at most
    /// kMaxIdBytes); ignored by the other formats.
    std::string id;

    bool operator==(const PageRequest&) const = default;
};

/// The page `request` asks for, from 1.
std::size_t page_number(const PageRequest& request);
/// `request` at page `page` (from 1), in the shortest form.
PageRequest at_page(PageRequest request, std::size_t page);
/// The order `request` asks for.
SortOrder page_sort(const PageRequest& request);

inline constexpr std::size_t kMaxQueryBytes = 500;
/// At most this many values of one repeatable facet parameter.
inline constexpr std::size_t kMaxFacetValues = 20;
inline constexpr std::size_t kMaxIdBytes = 2048;

/// Parses a CGI QUERY_STRING ("q=central+asia&author=Natasha%20Kuhrt&page=2"): `+` and %XX
/// are decoded, invalid UTF-8 becomes U+FFFD, unknown parameters are ignored, `author`, `year`,
/// `site`, `tag`, `lang`, `type` and `kind` collect every non-empty value (at most
/// kMaxFacetValues each, each at most kMaxQueryBytes) and any other repeated one keeps its last
/// value. Error{kind "request"}
/// with a message for the user when `q` is longer than kMaxQueryBytes, `page` is not a number in
/// 1..kMaxPage, `sort` or `format` is not one of its names, or format=bibtex/ris comes without
/// an `id` (or with one longer than kMaxIdBytes); and when a filter value can never match, with
/// the message of filter_problems() (user_query.hpp) that names it, as the CLI gives: "Bad year
/// '24': use four digits, like 2024."
Result<PageRequest> parse_page_request(std::string_view query_string);

/// The format a query string asks for (its last `format`), whatever else is wrong with it, so
/// that an error answers in the form the client reads; kHtml when it names none or no known one.
PageFormat requested_format(std::string_view query_string);

/// The query string (without "?", not HTML-escaped) that asks for `request` again: only the
/// parameters that differ from their defaults, `format` included. "" for the empty request.
std::string page_query_string(const PageRequest& request);

/// The search a page request asks for: `defaults` (Engine::request(): the page size
/// `defaults.limit`, the facet limit...) with the request's query and filters, from page
/// `request.page`, in the requested order. An Atom feed always lists the newest matches first.
SearchRequest to_search_request(const PageRequest& request, SearchRequest defaults = {});

/// Where the page's stylesheet is served by default ([cgi] stylesheet in the config).
inline constexpr std::string_view kDefaultStylesheet = "/thinkdex/thinkdex.css";

/// A complete HTML5 search page for `request`: the form, the results (each with BibTeX and
/// RIS citation links, and where else each appears), facet links, paging. The sidebar lists
/// each facet's values with their counts: a facet without a filter links each value to the
/// page with that filter added (its count is that page's total); a facet with a filter lists
/// its selected values, each linking to the page without it. Every string from the request or
/// the index is escaped for its context. `stylesheet`: URL of the page's CSS, linked from the head ("" for
/// none; the page is readable without it).
std::string render_html_page(const PageRequest& request, const SearchResult& result,
                             std::size_t page_size,
                             std::string_view stylesheet = kDefaultStylesheet);

/// An Atom 1.0 feed (RFC 4287) of `result`, for a saved search in a feed reader: one entry
/// per hit (id and link: the publication's URL; title; author names; published and updated
/// from its date, else `now`; summary: the snippet as plain text). `script_url` is the
/// absolute URL of the CGI program ("https://example.org/cgi-bin/thinkdex.cgi"), from which
/// the feed's id, its self link (the same search with format=atom) and its HTML alternate are
/// made. `now` is an RFC 3339 time ("2025-09-01T02:30:00Z"): the feed's `updated` when no hit
/// is dated. Every string is escaped for XML.
std::string render_atom(const PageRequest& request, const SearchResult& result,
                        const std::string& script_url, const std::string& now);

/// An OpenSearch 1.1 description of the search page at `script_url` (absolute), with URL
/// templates for the HTML page, the Atom feed and the JSON, so that browsers can add the
/// engine. `doc_count` goes into the description.
std::string render_opensearch(const std::string& script_url, std::size_t doc_count);

/// A complete HTML5 page with the search form and a message (for errors, or when there is no
/// query yet). The message is escaped. `stylesheet` as for render_html_page().
std::string render_html_message(const PageRequest& request, const std::string& message,
                                std::string_view stylesheet = kDefaultStylesheet);

/// True for http: and https: URLs, the only ones a page or feed may link to: a javascript:
/// or data: URL from a crawled or imported document must never become a link.
bool is_web_url(std::string_view url);
/// Escapes &, <, >, " and ' for HTML text and double- or single-quoted attribute values.
std::string html_escape(const std::string& text);
/// Percent-encodes every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~), for a URL
/// query component.
std::string url_encode(const std::string& text);
/// Decodes a query-string component: `+` is a space, %XX a byte (a malformed % stays as it
/// is), then invalid UTF-8 is replaced with U+FFFD.
std::string url_decode(std::string_view text);

}  // namespace thinkdex::query
