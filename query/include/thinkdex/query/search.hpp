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
    /// Xapian QueryParser syntax; empty matches everything (then sorted newest first). Words
    /// combine with OR and rank by BM25; also "phrases", AND/OR/NOT, +/-, (), trailing *,
    /// title:, author: (words of author names), site:, tag:, lang: (exact filters),
    /// date:2024-01..2024-06, after:DATE (inclusive), before:DATE (exclusive).
    std::string query;
    std::vector<std::string> authors;  ///< exact author names; several combine with OR
    std::vector<std::string> years;    ///< "2024"; several combine with OR
    std::string since;                 ///< YYYY-MM-DD (or YYYY-MM, YYYY), inclusive; "" = open
    std::string until;                 ///< same, inclusive
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::kRelevance;
    std::size_t facet_limit = 10;      ///< most frequent values kept per facet
    /// Count facets over every match (exact totals too). Off: no facets, and `total` is
    /// Xapian's estimate, which is much faster for deep result lists.
    bool facets = true;
    bool snippets = true;              ///< off: hits carry no snippet
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
    /// "Did you mean": the query with misspelt words corrected from the index's spelling
    /// data, or "" when every word is known.
    std::string corrected_query;
};

/// How relevance is scored. The defaults are the tuned ranking (README, "Ranking");
/// `plain()` is plain Xapian BM25, the baseline the benchmarks compare against.
struct RankingOptions {
    /// "ineb2": Xapian's IneB2Weight, a divergence-from-randomness model without tuned
    /// parameters; "bm25": BM25Weight with `bm25_k1` and `bm25_b`.
    std::string weighting = "ineb2";
    double bm25_k1 = 1.0;  ///< Xapian's default
    double bm25_b = 0.5;   ///< Xapian's default
    /// Query-side refinements: Snowball English stop words dropped, capitalised words
    /// ("Aspirin") stemmed like lower-case ones, a small boost for query words found in the
    /// title field and for adjacent query words found near each other.
    bool refine_query = true;
    /// Pseudo-relevance feedback: words common to the top 3 results are added to the query
    /// at a low weight. Costs a second, shallow match (relevance order only).
    bool feedback = true;

    /// Plain BM25 (k1 1.0, b 0.5), no refinements, no feedback.
    static RankingOptions plain();
};

/// A read-only view of one index. Cheap to search repeatedly; not thread-safe. It searches the
/// revision it opened (a consistent snapshot: never half of an indexer's batch) until an
/// indexer's later commits overwrite that revision; then it reopens at the newest revision
/// and retries the search once (Xapian::DatabaseModifiedError).
class Searcher {
  public:
    /// Opens the database at `path` read-only. Throws thinkdex::Fatal
    /// ("cannot open index 'path': ...") if it is missing or unreadable. The environment
    /// variable THINKDEX_RANKING=plain replaces `ranking` with RankingOptions::plain(), so that
    /// benchmarks can measure the baseline with the same programs; any other value than
    /// "plain" or "default" throws ConfigError.
    explicit Searcher(const std::filesystem::path& path, RankingOptions ranking = {});
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs a search. A malformed query or a bad date is an Error value ("query", "date") with
    /// a message for the user, never an exception. Facet counts and `total` are exact: the
    /// match visits every matching document. Throws Fatal only when the index cannot be read.
    Result<SearchResult> search(const SearchRequest& request);

    std::uint32_t doc_count() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Parses a user date ("2024", "2024-03", "2024-03-05") to an inclusive bound in the date
/// slot's YYYYMMDD form. A partial date widens to its whole period: as a start bound unknown
/// parts are "00" ("2024" -> "20240000", which also covers documents dated only "2024"); as
/// an end bound (`end`) they are the period's last day ("2024" -> "20241231",
/// "2024-02" -> "20240229"). Error{kind "date"} names the bad input, e.g.
/// "bad date '2024-13': no month 13".
Result<std::string> parse_date_bound(const std::string& date, bool end);

}  // namespace thinkdex::query
