#include "thinkdex/query/user_query.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {

namespace {

/// `size` ASCII characters, each passing `is` (digits for a year, letters for a language).
template <typename Pred>
bool shaped(std::string_view text, std::size_t size, Pred is) {
    return text.size() == size &&
           std::all_of(text.begin(), text.end(), [&](unsigned char c) { return is(c) != 0; });
}

bool blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isspace(c) != 0; });
}

/// "rusi.org", "www.rusi.org", "127.0.0.1:8089"; not "https://rusi.org/" nor "rusi org".
bool host_like(std::string_view site) {
    return !site.empty() && std::none_of(site.begin(), site.end(), [](unsigned char c) {
        return std::isspace(c) != 0 || c == '/' || c == '?' || c == '#' || c == '@';
    });
}

/// `text` as a number from 1 to `max`, or `absent` when it is empty.
std::optional<std::size_t> bounded(const std::string& text, std::size_t absent, std::size_t max) {
    if (text.empty()) return absent;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > max)
        return std::nullopt;
    return n;
}

std::string bad(const char* what, const std::string& value, std::size_t max) {
    return "bad " + std::string(what) + " '" + value + "': use a number from 1 to " +
           std::to_string(max);
}

}  // namespace

std::optional<SortOrder> parse_sort(std::string_view name) {
    for (const auto& [known, order] : kSortNames)
        if (name == known) return order;
    return std::nullopt;
}

const char* sort_name(SortOrder order) {
    for (const auto& [name, known] : kSortNames)
        if (order == known) return name;
    return kSortNames[0].first;
}

bool has_filters(const UserQuery& user) {
    return !user.authors.empty() || !user.years.empty() || !user.sites.empty() ||
           !user.tags.empty() || !user.languages.empty() || !user.types.empty() ||
           !user.kinds.empty() || !user.since.empty() || !user.until.empty();
}

std::expected<SearchRequest, std::vector<std::string>> to_search_request(const UserQuery& user,
                                                                         SearchRequest defaults) {
    SearchRequest request = std::move(defaults);
    request.query = user.text;
    request.authors = user.authors;
    request.years = user.years;
    request.sites = user.sites;
    request.tags = user.tags;
    request.languages = user.languages;
    request.types = user.types;
    request.kinds = user.kinds;
    request.since = user.since;
    request.until = user.until;
    std::vector<std::string> problems;
    if (user.sort.empty()) {
        request.sort = SortOrder::kRelevance;
    } else if (auto order = parse_sort(user.sort)) {
        request.sort = *order;
    } else {
        problems.push_back("bad order '" + user.sort +
                           "': use relevance, recent, newest or oldest");
    }
    const auto page = bounded(user.page, 1, kMaxPage);
    if (!page) problems.push_back(bad("page", user.page, kMaxPage));
    const auto limit = bounded(user.limit, request.limit, kMaxPageSize);
    if (!limit) problems.push_back(bad("page size", user.limit, kMaxPageSize));
    if (page && limit) {
        request.limit = *limit;
        request.offset = (*page - 1) * *limit;
    }
    for (auto& problem : filter_problems(request)) problems.push_back(std::move(problem));
    if (!problems.empty()) return std::unexpected(std::move(problems));
    return request;
}

std::vector<std::string> filter_problems(const SearchRequest& request) {
    std::vector<std::string> problems;
    auto bad = [&](const char* what, const std::string& value, const std::string& hint) {
        problems.push_back("bad " + std::string(what) + " '" + value + "': " + hint);
    };
    for (const auto& author : request.authors)
        if (blank(author)) bad("author", author, "give a name, like \"Natasha Kuhrt\"");
    for (const auto& tag : request.tags)
        if (blank(tag)) bad("tag", tag, "give a tag, like Russia");
    for (const auto& year : request.years)
        if (!shaped(year, 4, [](unsigned char c) { return std::isdigit(c); }))
            bad("year", year, "use four digits, like 2024");
    for (const auto& lang : request.languages)
        if (!shaped(lang, 2, [](unsigned char c) { return std::isalpha(c); }))
            bad("language", lang, "use a two-letter ISO 639-1 code, like en or fr");
    for (const auto& type : request.types) {
        std::string lower;
        for (unsigned char c : type) lower.push_back(static_cast<char>(std::tolower(c)));
        if (std::ranges::find(kContentTypes, lower) == std::end(kContentTypes))
            bad("content type", type, "use html (crawled pages), pdf (crawled PDFs) or jsonl (imported documents)");
    }
    for (const auto& kind : request.kinds)
        if (kind != schema::kKindArticle && kind != schema::kKindListing &&
            kind != schema::kKindPage)
            bad("page kind", kind, "use article, listing or page");
    for (const auto& site : request.sites)
        if (!host_like(site)) bad("site", site, "use a host name, like rusi.org");
    // The order of the two dates is left to search(), which reports it too.
    for (const auto* date : {&request.since, &request.until}) {
        if (date->empty()) continue;
        if (auto bound = parse_date_bound(*date, date == &request.until); !bound)
            problems.push_back(bound.error().message);
    }
    return problems;
}

}  // namespace thinkdex::query
