#pragma once
// Query building: the user's text parsed into a Xapian query (query language, stop words,
// capitalised words, synonyms, spelling), its ranking boosts (title, proximity), and the
// request's filters as one boolean query.

#include <string>
#include <vector>

#include <xapian.h>

#include "synonyms.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {

/// The Snowball project's English stop word list (without its contractions).
const Xapian::SimpleStopper& stopper();

/// Whether `c` is a lower-case ASCII letter.
bool ascii_lower(char c);

/// "Aspirin inhibits PrP" -> "aspirin inhibits PrP": words written with a capital initial
/// and lower-case ASCII letters after it lose the capital; other words are kept as typed.
std::string lower_capitalised_words(std::string_view text);

/// "cost-benefit analysis" -> "cost benefit analysis": a hyphen between two word characters
/// becomes a space, so that a hyphenated word's parts rank as words (stemmed, each found on
/// its own, and near each other through the proximity boost) instead of as an exact phrase.
/// Kept: hyphens inside double quotes, in a field's value ("site:think-tank.org",
/// "after:2024-01-01") and "-" before a word (NOT).
std::string split_hyphenated_words(std::string_view text);

/// Whether `query` is words (and "hyphenated-words", parsed as phrases) combined with OR:
/// no AND, NOT, +/- or field restriction that boosts could widen.
bool bag_of_words(const Xapian::Query& query);

/// The query's free-text words as title-field terms ("Zwar" -> "ZSwar", "war" -> "Swar");
/// empty beyond kMaxBoostTerms words.
Xapian::Query title_query(const Xapian::Query& query);

/// The filters of `request` (authors, years, sites, tags, languages, types, kinds, since and
/// until): values of one facet combine with OR, different facets with AND; an empty query when
/// there are none. Error{"request"} for an unknown page kind, Error{"date"} for a bad date or
/// a start after the end.
Result<Xapian::Query> filter_query(const SearchRequest& request);

/// A search's query, parsed.
struct BuiltQuery {
    Xapian::Query query = Xapian::Query::MatchAll;  ///< what ranks: `matching` with boosts
    Xapian::Query matching = Xapian::Query::MatchAll;  ///< without boosts: what matches
    Xapian::Query proximity;  ///< the rerank pass's proximity boost; may be empty
    std::string corrected;    ///< "did you mean": the corrected text, or ""
    bool unranked = true;     ///< the text was blank: filters alone, no relevance
};

/// How a query's words combine where the user wrote no operator.
enum class Words {
    kAny,  ///< OR: what searches do
    kAll,  ///< AND, and no "did you mean": to count the documents that have all the words
};

/// Parses `text` (SearchRequest::query's syntax) with `stemmer` and `synonyms`; `refine` is
/// RankingOptions::refine_query. "Did you mean" takes its words from `spelling` (nullptr:
/// `db`), since over remote shards Xapian 1.4 has no spelling data. Throws
/// Xapian::QueryParserError for a malformed query.
BuiltQuery build_query(const Xapian::Database& db, const Xapian::Stem& stemmer, bool refine,
                       const Synonyms& synonyms, const std::string& text,
                       Words words = Words::kAny, const Xapian::Database* spelling = nullptr);

}  // namespace thinkdex::query
