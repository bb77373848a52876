#pragma once
// "Did you mean": which of Xapian's spelling corrections are worth showing.

#include <string>
#include <vector>

#include <xapian.h>

namespace thinkdex::query {

/// `corrected` (QueryParser::get_corrected_query_string() for `typed`) keeping only the words
/// whose typed form is in no document: not as typed, nor with its accents folded, nor stemmed
/// by any of `stemmers` (the index's languages). A word that matched is never "corrected",
/// so another form of it ("sanction" -> "sanctions") or a different word that happens to be
/// close ("almaty" -> "alat") is not suggested; nor is a stop word ("naïve" -> "have"), nor
/// a word more edits away than the typed word's length allows ("café" -> "can").
/// Returns "" when no correction remains, or when the two texts do not have the same number
/// of words.
std::string vetted_correction(const Xapian::Database& db, const std::vector<Xapian::Stem>& stemmers,
                              const std::string& typed, const std::string& corrected);

/// Whether a suggestion whose words are all in `suggested` documents is worth showing for a
/// query whose words are all in `found`: only when the query found little and the suggestion
/// finds clearly more.
bool suggestion_pays(std::size_t found, std::size_t suggested);

/// How many documents `query` matches within `filter` (may be empty), counted exactly up to
/// the most that suggestion_pays() needs to know.
Xapian::doccount matches_for_suggestion(const Xapian::Database& db, const Xapian::Query& query,
                                        const Xapian::Query& filter);

}  // namespace thinkdex::query
