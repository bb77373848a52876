// The CGI page's request: decoding and validating QUERY_STRING (declared in render.hpp, kept
// here so that the CGI program stays thin and this stays unit-testable).

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <uriparser/Uri.h>

#include "thinkdex/common/utf8.hpp"
#include "thinkdex/query/render.hpp"
#include "thinkdex/query/user_query.hpp"
#include "page_filters.hpp"

namespace thinkdex::query {

namespace {

Error bad_request(std::string message) { return Error{"request", std::move(message)}; }

/// `convert` applied to each piece of `text` between NUL bytes, the results joined by `nul`.
template <typename Convert>
std::string between_nuls(std::string_view text, Convert convert, std::string_view nul) {
    std::string out;
    for (std::size_t start = 0;;) {
        const std::size_t end = std::min(text.find('\0', start), text.size());
        out += convert(std::string(text.substr(start, end - start)));
        if (end == text.size()) return out;
        out += nul;
        start = end + 1;
    }
}

/// The decoded name=value pairs of a query string, in order.
std::vector<std::pair<std::string, std::string>> parameters(std::string_view query_string) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!query_string.empty()) {
        auto amp = query_string.find('&');
        std::string_view pair = query_string.substr(0, amp);
        query_string.remove_prefix(amp == std::string_view::npos ? query_string.size() : amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        out.emplace_back(url_decode(pair.substr(0, eq)),
                         eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1)));
    }
    return out;
}

std::optional<PageFormat> parse_format(std::string_view name) {
    if (name.empty() || name == "html") return PageFormat::kHtml;
    if (name == "json") return PageFormat::kJson;
    if (name == "atom") return PageFormat::kAtom;
    if (name == "opensearch") return PageFormat::kOpenSearch;
    if (name == "bibtex") return PageFormat::kBibtex;
    if (name == "ris") return PageFormat::kRis;
    return std::nullopt;
}

/// to_search_request()'s messages as sentences for the page: "Bad year '24': use four digits,
/// like 2024."
std::string sentences(const std::vector<std::string>& problems) {
    std::string out;
    for (std::string problem : problems) {
        if (problem.empty()) continue;
        problem[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(problem[0])));
        out += (out.empty() ? "" : " ") + problem + ".";
    }
    return out;
}

}  // namespace

std::string url_decode(std::string_view text) {
    // uriparser reads C strings: each piece between NUL bytes on its own, and the NULs
    // dropped, as sanitize_utf8() drops a decoded "%00".
    return sanitize_utf8(between_nuls(text, [](std::string piece) {
        // '+' is a space in a form's query string; an invalid "%zz" stays as it is.
        const char* end = uriUnescapeInPlaceExA(piece.data(), URI_TRUE, URI_BR_DONT_TOUCH);
        piece.resize(static_cast<std::size_t>(end - piece.data()));
        return piece;
    }, ""));
}

std::string url_encode(const std::string& text) {
    // Everything but RFC 3986's unreserved characters, as %XX; uriparser stops at a NUL.
    return between_nuls(text, [](const std::string& piece) {
        std::string out(piece.size() * 3 + 1, '\0');
        const char* end = uriEscapeExA(piece.data(), piece.data() + piece.size(), out.data(),
                                       URI_FALSE, URI_FALSE);
        out.resize(static_cast<std::size_t>(end - out.data()));
        return out;
    }, "%00");
}

Result<PageRequest> parse_page_request(std::string_view query_string) {
    PageRequest request;
    UserQuery& user = request.query;
    std::string format;
    for (auto& [name, value] : parameters(query_string)) {
        auto filter = std::ranges::find(kPageFilters, name, &PageFilter::parameter);
        if (name == "q") user.text = std::move(value);
        else if (name == "since") user.since = std::move(value);
        else if (name == "until") user.until = std::move(value);
        else if (name == "page") user.page = std::move(value);
        else if (name == "sort") user.sort = std::move(value);
        else if (name == "format") format = std::move(value);
        else if (name == "id") request.id = std::move(value);
        else if (filter != std::end(kPageFilters) && !value.empty())
            (user.*filter->values).push_back(std::move(value));
    }
    if (auto parsed = parse_format(format)) request.format = *parsed;
    else
        return std::unexpected(
            bad_request("The format must be html, json, atom, opensearch, bibtex or ris."));
    const bool citation =
        request.format == PageFormat::kBibtex || request.format == PageFormat::kRis;
    if (citation && request.id.empty())
        return std::unexpected(bad_request("A citation needs the id of a publication."));
    if (request.id.size() > kMaxIdBytes)
        return std::unexpected(bad_request("The publication id is too long."));
    if (!citation) request.id.clear();  // so that it never leaks into the page's links
    if (user.text.size() > kMaxQueryBytes)
        return std::unexpected(bad_request("The query is too long: at most " +
                                           std::to_string(kMaxQueryBytes) +
                                           " characters, please."));
    for (const auto& filter : kPageFilters) {
        const auto& values = user.*filter.values;
        if (values.size() > kMaxFacetValues)
            return std::unexpected(bad_request("Too many " + std::string(filter.noun) +
                                               " filters: at most " +
                                               std::to_string(kMaxFacetValues) + "."));
        for (const auto& v : values)
            if (v.size() > kMaxQueryBytes)
                return std::unexpected(
                    bad_request("The " + std::string(filter.noun) + " is too long."));
    }
    // The rest is checked as the CLI checks its flags, by the same parser.
    auto search = query::to_search_request(user, {});
    if (!search) return std::unexpected(bad_request(sentences(search.error())));
    return at_page(request, search->offset / search->limit + 1);
}

std::size_t page_number(const PageRequest& request) {
    // parse_page_request() checked it; an unchecked request is on its first page.
    std::size_t page = 0;
    for (char c : request.query.page) {
        if (c < '0' || c > '9' || page > kMaxPage) return 1;
        page = page * 10 + static_cast<std::size_t>(c - '0');
    }
    return page == 0 ? 1 : page;
}

PageRequest at_page(PageRequest request, std::size_t page) {
    request.query.page = page > 1 ? std::to_string(page) : "";
    if (page_sort(request) == SortOrder::kRelevance) request.query.sort.clear();
    return request;
}

SortOrder page_sort(const PageRequest& request) {
    return parse_sort(request.query.sort).value_or(SortOrder::kRelevance);
}

PageFormat requested_format(std::string_view query_string) {
    std::string format;
    for (auto& [name, value] : parameters(query_string))
        if (name == "format") format = std::move(value);
    return parse_format(format).value_or(PageFormat::kHtml);
}

std::string page_query_string(const PageRequest& request) {
    const UserQuery& user = request.query;
    std::string qs;
    auto add = [&](std::string_view name, const std::string& value) {
        if (value.empty()) return;
        if (!qs.empty()) qs += '&';
        qs += name;
        qs += '=';
        qs += url_encode(value);
    };
    add("q", user.text);
    for (const auto& filter : kPageFilters)
        for (const auto& v : user.*filter.values) add(filter.parameter, v);
    add("since", user.since);
    add("until", user.until);
    if (page_sort(request) != SortOrder::kRelevance) add("sort", user.sort);
    if (page_number(request) > 1) add("page", std::to_string(page_number(request)));
    switch (request.format) {
        case PageFormat::kHtml: break;
        case PageFormat::kJson: add("format", "json"); break;
        case PageFormat::kAtom: add("format", "atom"); break;
        case PageFormat::kOpenSearch: add("format", "opensearch"); break;
        case PageFormat::kBibtex: add("format", "bibtex"); break;
        case PageFormat::kRis: add("format", "ris"); break;
    }
    add("id", request.id);
    return qs;
}

SearchRequest to_search_request(const PageRequest& request, SearchRequest defaults) {
    auto search = query::to_search_request(request.query, std::move(defaults));
    if (!search) throw std::invalid_argument("unchecked page request: " + search.error().front());
    // A feed reader wants what is new, whatever the page's order.
    if (request.format == PageFormat::kAtom) search->sort = SortOrder::kNewest;
    return *search;
}

}  // namespace thinkdex::query
