#pragma once
// What a user asked for, as the CLI's flags and the CGI's parameters both give it, and the one
// validating parser that turns it into a SearchRequest: a value that can never match ("--year
// trade", "--lang english", "--type pdf", page 0) is an error naming it rather than an empty
// result, and both front ends name it the same way.

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// The content types documents are indexed with: "html" (crawled pages), "pdf" (crawled PDFs)
/// and "jsonl" (imports).
inline constexpr const char* kContentTypes[] = {"html", "pdf", "jsonl"};

/// The orders a user can ask for, by name: "relevance" (the default; an empty query lists the
/// newest first), "recent" (relevance with a recency prior), "newest", "oldest".
inline constexpr std::pair<const char*, SortOrder> kSortNames[] = {
    {"relevance", SortOrder::kRelevance},
    {"recent", SortOrder::kRecent},
    {"newest", SortOrder::kNewest},
    {"oldest", SortOrder::kOldest},
};
/// The order named `name` (one of kSortNames), or nothing.
std::optional<SortOrder> parse_sort(std::string_view name);
/// The name of `order` in kSortNames.
const char* sort_name(SortOrder order);

/// A search as the user typed it, before any checking: the CLI fills it from its flags
/// (`--author A --year 2024 --sort newest --page 2 words...`), the CGI from its parameters.
struct UserQuery {
    std::string text;
    std::vector<std::string> authors;
    std::vector<std::string> years;
    std::vector<std::string> sites;
    std::vector<std::string> tags;
    std::vector<std::string> languages;
    std::vector<std::string> types;
    std::vector<std::string> kinds;
    std::string since;
    std::string until;
    std::string sort;   ///< a name of kSortNames; "" for relevance
    std::string page;   ///< a number from 1 to kMaxPage; "" for the first
    std::string limit;  ///< results a page, a number from 1 to kMaxPageSize; "" for the default's

    bool operator==(const UserQuery&) const = default;
};

/// Whether `user` filters by anything: an author, year, site, tag, language, content type,
/// page kind or date bound.
bool has_filters(const UserQuery& user);

/// The one validating parser behind the CLI and the CGI: `defaults` (Engine::request(): page
/// size, facet limit...) with the user's query, filters, order and page. Every problem, one
/// sentence each naming the value, when the order is not a name of kSortNames, the page or the
/// page size is not a number within its bounds, or filter_problems() finds any.
/// Example: {.years = {"trade"}, .page = "0"} gives {"bad page '0': use a number from 1 to
/// 1000", "bad year 'trade': use four digits, like 2024"}.
std::expected<SearchRequest, std::vector<std::string>> to_search_request(const UserQuery& user,
                                                                         SearchRequest defaults);

/// Every problem with the filters of `request`, one sentence each, naming the value; empty when
/// all are usable. Checks that:
/// - authors, tags and sites are not empty;
/// - years are four digits ("2024");
/// - languages are ISO 639-1 codes, two letters ("en", any case);
/// - types are one of kContentTypes and kinds one of article, listing, page;
/// - sites are host names ("rusi.org"), not URLs;
/// - `since` and `until` are dates as parse_date_bound() takes them.
/// The query itself is not checked here: Searcher::search() reports its syntax errors.
/// Example: filter_problems(r) with r.years = {"trade"} gives
/// {"bad year 'trade': use four digits, like 2024"}.
std::vector<std::string> filter_problems(const SearchRequest& request);

}  // namespace thinkdex::query
