#pragma once
// Checking the filters a user typed (the CLI's flags, the CGI's parameters) before a search, so
// that a value that can never match ("--year trade", "--lang english", "--type pdf") is an
// error naming it rather than an empty result.

#include <string>
#include <vector>

#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// The content types documents are indexed with: "html" (crawled pages) and "jsonl" (imports).
inline constexpr const char* kContentTypes[] = {"html", "jsonl"};

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
