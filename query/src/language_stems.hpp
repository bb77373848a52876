#pragma once
// Queries over documents stemmed in several languages: each stemmed word of a parsed query
// becomes an OP_SYNONYM of its stems in the index's languages.

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

namespace thinkdex::query {

/// A query's stemmed terms ("Zпшеница", "ZSwheat") and their stems in other languages.
using LanguageStems = std::map<std::string, std::vector<std::string>>;

/// The languages the index's documents were stemmed in besides the configured one, as ISO
/// 639-1 codes (schema::kMetaStemLanguages); empty for an index of one language.
std::vector<std::string> index_languages(const Xapian::Database& db);

/// Stemmers of `languages` (index_languages()); codes without a Xapian stemmer are skipped.
std::vector<Xapian::Stem> index_stemmers(const std::vector<std::string>& languages);

/// Adds to `out` each stemmed term of `query` with the words it was stemmed from
/// (parser.unstem, so right after `parser` parsed `query`) stemmed by each of `stemmers`,
/// keeping only stems other than the term's own. Nothing when `stemmers` is empty.
void collect_language_stems(const Xapian::Query& query, const Xapian::QueryParser& parser,
                            const std::vector<Xapian::Stem>& stemmers, LanguageStems& out);

/// `query` with every term of `stems` replaced by an OP_SYNONYM of it and its other stems: a
/// synonym counts as one word in the ranking, so a word with several stems weighs as one.
/// AND, OR, NOT and the like are rebuilt; phrases, NEAR, wildcards and weight-scaled
/// subqueries (the boosts) are kept as they are. Unchanged when `stems` is empty.
Xapian::Query with_language_stems(const Xapian::Query& query, const LanguageStems& stems);

}  // namespace thinkdex::query
