#pragma once
// Searching the index: parsing a query, filtering, ranking, snippets and facet counts.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "thinkdex/common/error.hpp"

namespace thinkdex::query {

enum class SortOrder { kRelevance, kNewest, kOldest };

struct SearchRequest {
    std::string query;                 ///< Xapian QueryParser syntax; empty matches everything
    std::vector<std::string> authors;  ///< exact author names; several combine with OR
    std::vector<std::string> years;    ///< "2024"; several combine with OR
    std::string since;                 ///< YYYY-MM-DD (or YYYY-MM, YYYY), inclusive; "" = open
    std::string until;                 ///< same, inclusive
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::kRelevance;
    std::size_t facet_limit = 10;      ///< most frequent values kept per facet
};

/// A piece of a snippet: text, and whether it matched the query.
struct SnippetPart {
    std::string text;
    bool match = false;
};

struct Hit {
    std::size_t rank = 0;  ///< 1-based, over the whole result list
    double score = 0;
    std::string id;
    std::string url;
    std::string title;
    std::vector<std::string> authors;
    std::string published;  ///< YYYY-MM-DD or ""
    std::string site;
    std::vector<SnippetPart> snippet;
};

struct FacetValue {
    std::string value;
    std::size_t count = 0;
};

struct SearchResult {
    std::string query;
    std::size_t total = 0;         ///< matching documents
    bool total_exact = true;
    std::size_t offset = 0;
    std::size_t limit = 0;
    std::vector<Hit> hits;
    /// facet name ("author", "year") -> values, most frequent first. Counted over every
    /// matching document, so each count is what filtering by that value returns.
    std::map<std::string, std::vector<FacetValue>> facets;
    double elapsed_ms = 0;
};

/// A read-only view of one index. Cheap to search repeatedly; not thread-safe.
class Searcher {
  public:
    /// Opens the database at `path` read-only. Throws thinkdex::Fatal
    /// ("cannot open index 'path': ...") if it is missing or unreadable.
    explicit Searcher(const std::filesystem::path& path);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs a search. A malformed query or a bad date is an Error value ("query", "date") with
    /// a message for the user, never an exception.
    Result<SearchResult> search(const SearchRequest& request);

    std::uint32_t doc_count() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Parses a user date ("2024", "2024-03", "2024-03-05") to the sortable value form
/// ("2024", "202403", "20240305"). `end`: widen a partial date to the end of its period
/// instead of the start. Error names the bad input.
Result<std::string> parse_date_bound(const std::string& date, bool end);

}  // namespace thinkdex::query
