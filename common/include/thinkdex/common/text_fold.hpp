#pragma once
// Text normalisation shared by the indexer and the query side, so that both see words alike:
// French and Italian elided articles split off ("L'économie" -> "économie"), and Latin
// letters folded to ASCII ("Québec" -> "Quebec", "Wärmeplanung" -> "Warmeplanung").

#include <string>
#include <string_view>

namespace thinkdex {

/// Drops French and Italian elided articles and pronouns ("l'", "d'", "qu'", "dell'",
/// "nell'", "un'", ... before a letter, either apostrophe ' or ’, any case) at the start of a
/// word: "L'économie d’Italia" -> "économie Italia". English contractions ("don't", "it's")
/// and names ("O'Brien") are left alone. Text without an apostrophe is returned unchanged.
std::string split_elisions(std::string_view text);

/// Latin letters with diacritics, ligatures and special forms replaced by their ASCII
/// spelling, as ICU's Latin-ASCII transform does ("Québec" -> "Quebec", "ß" -> "ss",
/// "łódź" -> "lodz", decomposed "e\u0301" -> "e"), from a table generated from that transform
/// at build time; other scripts (Cyrillic, Greek, CJK) are left as they are, since their
/// stemmers expect their own letters. ASCII text is returned unchanged. Invalid UTF-8 is
/// replaced by U+FFFD.
std::string fold_accents(std::string_view text);

/// True when fold_accents() would change `text` (it has a foldable non-ASCII letter).
bool has_foldable(std::string_view text);

}  // namespace thinkdex
