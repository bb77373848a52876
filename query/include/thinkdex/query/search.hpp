#pragma once
// Searching the index: parsing a query, filtering, ranking, snippets and facet counts.

#include <cstddef>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex::query {

/// Result order. kRecent is relevance with a mild recency prior: each of the first 30 results
/// (those the ranking's second pass reorders) gains `0.2 * best * 2^(-age_days / half_life)`, where `best` is the best relevance
/// score of the query, `age_days` the days since its publication date (0 for future dates; a
/// missing month or day counts as the first) and `half_life` is
/// SearchRequest::recency_half_life_days. So a document published today gains a fifth of the
/// best score, one a half-life old a tenth; undated documents gain nothing.
enum class SortOrder { kRelevance, kNewest, kOldest, kRecent };

/// Facet counts are exact up to this many matching documents. Counting them takes about 2 ms
/// (in a thread of its own, beside the ranking), 5,000 about 5 ms: the longer of the two.
inline constexpr std::size_t kExactFacetMatches = 2000;

struct SearchRequest {
    /// Xapian QueryParser syntax; empty matches everything (then sorted newest first). Words
    /// combine with OR and rank by BM25; also "phrases", AND/OR/NOT, +/-, (), trailing *,
    /// title:, author: (words of author names), site:, tag:, lang:, kind: (exact filters),
    /// date:2024-01..2024-06, after:DATE (inclusive), before:DATE (exclusive). Synonym groups
    /// given to Searcher::set_synonyms apply to bare words.
    std::string query;
    std::vector<std::string> authors;  ///< exact author names; several combine with OR
    std::vector<std::string> years;    ///< "2024"; several combine with OR
    /// Host names ("rusi.org"; a leading "www." is ignored, so "rusi.org" also finds
    /// "www.rusi.org"), as in the "site" facet's values; several combine with OR.
    std::vector<std::string> sites;
    std::vector<std::string> tags;       ///< exact tags, any case; several combine with OR
    std::vector<std::string> languages;  ///< ISO 639-1 codes ("en"); several combine with OR
    std::vector<std::string> types;      ///< content types ("html", "jsonl"); OR as above
    /// Page kinds ("article", "listing", "page"; see schema::kKindArticle); OR as above. Any
    /// other value is Error{kind "request"}.
    std::vector<std::string> kinds;
    std::string since;                 ///< YYYY-MM-DD (or YYYY-MM, YYYY), inclusive; "" = open
    std::string until;                 ///< same, inclusive
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::kRelevance;
    std::size_t facet_limit = 10;      ///< most frequent values kept per facet
    /// Count facets over every match, up to exact_facet_matches (exact totals too; beyond
    /// that, counts and total are estimates scaled from the first exact_facet_matches
    /// matches, and `total_exact` is false). Off: no facets, and `total` is
    /// Xapian's estimate (SearchResult::total_exact false unless Xapian happens to know), which
    /// is much faster for deep result lists: the match can stop once it has the page.
    bool facets = true;
    /// Facets and total are exact up to this many matching documents (kExactFacetMatches).
    std::size_t exact_facet_matches = kExactFacetMatches;
    bool snippets = true;              ///< off: hits carry no snippet
    /// Near-duplicates (documents of one schema::kDupGroup group, e.g. a brief on a think
    /// tank's site and on a blog mirroring it) make one result: the best-ranked member, with
    /// the others in Hit::also_at. `total` and facet counts then count groups, not documents.
    bool collapse = true;
    /// Publications first: in relevance orders (kRelevance, kRecent), a document of kind
    /// "listing" or "page" never ranks above a matching publication (kind "article", or no kind:
    /// indexed before kinds). Costs about a probe of the query's maximum weight; the match still
    /// skips documents that cannot reach the page. Off: one relevance order for all kinds.
    bool publications_first = true;
    /// Half-life of the recency prior of SortOrder::kRecent, in days (config
    /// search.recency_half_life_days); must be > 0.
    double recency_half_life_days = 365;
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
    std::string kind;       ///< "article", "listing", "page"; "" if indexed before kinds
    std::string type;       ///< what was indexed: "html", "pdf", "jsonl"
    /// The publication's PDF: the hit's own URL when it is one, a landing page's PDF (the one
    /// the snippet comes from, else its first), else "" (pdf_link() adds the snippet's page).
    std::string pdf_url;
    /// All of a landing page's own PDFs (summary, full report, translation), in link order;
    /// empty for other documents.
    std::vector<std::string> pdfs;
    /// The PDF page the snippet was taken from (1-based); 0 when not a PDF or no snippet.
    int page = 0;
    std::vector<SnippetPart> snippet;
    /// Where else this publication appears: the other members of its near-duplicate group
    /// (whether or not they match the query), at most kMaxAlsoAt, in index order.
    struct Copy {
        std::string site;
        std::string url;
    };
    std::vector<Copy> also_at;
};

/// The link to a hit's PDF at the snippet's page ("https://x/r.pdf#page=12"), as the search page,
/// the JSON and the Atom feed give it; "" when the hit has no PDF.
std::string pdf_link(const Hit& hit);

/// Hit::also_at lists at most this many other copies.
inline constexpr std::size_t kMaxAlsoAt = 10;

struct FacetValue {
    /// What the filter takes: for "site" the host name without "www." ("rusi.org"), for
    /// "language" and "type" the lower-case code, else the display form.
    std::string value;
    std::size_t count = 0;
    /// How to show it: for "site" the site's name ("RUSI"), else the same as `value`.
    std::string label;
};

struct SearchResult {
    std::string query;
    /// Matching results: near-duplicate groups when collapsing (SearchRequest::collapse),
    /// else documents. Exact when facets are on and at most kExactFacetMatches documents
    /// match (SearchRequest::exact_facet_matches); otherwise an estimate.
    std::size_t total = 0;
    bool total_exact = true;       ///< false: `total` is an estimate ("about N results")
    std::size_t offset = 0;
    std::size_t limit = 0;
    std::vector<Hit> hits;
    /// facet name -> values, most frequent first (ties by value). Names: "author", "year",
    /// "site", "tag", "language", "type", "kind". Counted over every matching document, so each
    /// count is exactly the `total` that adding that value as a filter returns (when its facet has
    /// no filter yet; a value of a facet that has one counts the results having it). With
    /// collapsing, a near-duplicate group counts once per value that any matching member
    /// has, as the filtered search would show it. Empty when SearchRequest::facets is off.
    /// When `total_exact` is false, the counts are estimates too: those of the first
    /// SearchRequest::exact_facet_matches matching documents (in index order, so the oldest
    /// indexed first),
    /// scaled up to `total`.
    std::map<std::string, std::vector<FacetValue>> facets;
    double elapsed_ms = 0;
    /// "Did you mean": the query with misspelt words corrected from the index's spelling
    /// data, or "" when every word is known.
    std::string corrected_query;
    /// Over shards (IndexSource): true when a shard was down or did not answer in time, so
    /// the results and counts are those of the other shards; `missing_shards` names them.
    bool partial = false;
    std::vector<std::string> missing_shards;
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
    /// ("Aspirin") stemmed like lower-case ones, hyphenated words read as their words
    /// ("cost-benefit" as "cost benefit") outside quotes and fields, a small boost for query
    /// words found in the title field and for adjacent query words found near each other.
    bool refine_query = true;
    /// Pseudo-relevance feedback: words common to the top 3 results are added to the query
    /// at a low weight. Costs a second, shallow match (relevance order only).
    bool feedback = true;

    /// Plain BM25 (k1 1.0, b 0.5), no refinements, no feedback.
    static RankingOptions plain();
    /// The ranking config search.ranking names: "default" (the defaults above) or "plain"
    /// (plain()). Any other name throws ConfigError.
    static RankingOptions named(const std::string& name);
};

/// What to search: one index directory, a Xapian stub database file (docs/scale-out.md: lines
/// "remote HOST:PORT" and "auto PATH"), or a list of shards.
struct IndexSource {
    /// An index directory or a stub file; used when `shards` is empty.
    std::filesystem::path path;
    /// Each "HOST:PORT" of a `thinkdex serve-shard`, or an index directory ([index] shards).
    std::vector<std::string> shards;
    /// For connecting to a remote shard and for each of its answers; a shard slower than
    /// this is left out of the search, which then says its results are partial.
    std::chrono::milliseconds shard_timeout{2000};
    /// Over shards: the spelling database "did you mean" reads (spelling_db.hpp), instead of
    /// the local shards' spelling data. Empty: beside the stub file (spelling_path()).
    std::filesystem::path spelling;
    /// Whether the user named `spelling` (index.spelling): a search then warns when it is not
    /// there. Either way a missing or unreadable one fails no search.
    bool spelling_named = false;
};

/// A read-only view of one index. Cheap to search repeatedly; not thread-safe. Each search
/// starts at the newest committed revision (a cheap check of the index's version file) and
/// reads that revision only: a consistent snapshot, never half of an indexer's batch. If an
/// indexer's commits overwrite the revision during the search (Xapian::DatabaseModifiedError),
/// it reopens at the newest revision and runs the search again, up to 5 times.
class Searcher {
  public:
    /// Opens the database at `path` read-only. Throws thinkdex::Fatal
    /// ("cannot open index 'path': ...") if it is missing or unreadable, and ConfigError for an
    /// unknown RankingOptions::weighting.
    explicit Searcher(const std::filesystem::path& path, RankingOptions ranking = {});
    /// Opens `source`: as above for an index directory; a stub file or shard list opens each
    /// shard on its own and searches them together, with results, facet counts and
    /// near-duplicate collapsing as one index of their documents would give, "did you mean"
    /// included when the spelling database (spelling_db.hpp) is there and current (else it
    /// comes from the local shards only: Xapian 1.4 reads no spelling data from a remote
    /// shard), except --sort oldest on shards built before its value (Error "request").
    /// Shards that do not answer are left out (SearchResult::partial); Fatal when none
    /// answers, ConfigError for a bad stub file or shard entry, naming it.
    explicit Searcher(const IndexSource& source, RankingOptions ranking = {});
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs a search. A malformed query or a bad date is an Error value ("query", "date") with
    /// a message for the user, never an exception; so is a page outside the bounds
    /// (Error "request"): `limit` must be 1 to kMaxPageSize and `offset` at most
    /// (kMaxPage - 1) * limit. Facet counts and `total` are exact: the
    /// match visits every matching document. Throws Fatal only when the index cannot be read.
    Result<SearchResult> search(const SearchRequest& request);

    /// Query-time synonyms: each group is a list of equivalent words or phrases
    /// ({"SCO", "Shanghai Cooperation Organisation"}); a query word or run of words equal to
    /// a member (ignoring case) outside quotes, field prefixes and wildcards matches any
    /// member of its group (OP_SYNONYM of the members, several words as a phrase). Quoted
    /// phrases stay exact. Members are matched longest first. Replaces earlier groups.
    void set_synonyms(std::vector<std::vector<std::string>> groups);

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
