#pragma once
// Private text helpers for extraction: whitespace, case, dates and person names. Pure functions
// over UTF-8 strings; nothing here knows about HTML.

#include <string>
#include <string_view>
#include <vector>

namespace thinkdex::indexer::detail {

/// True for the ASCII and the common Unicode spaces (NBSP, narrow NBSP, thin space...) at `s[i]`;
/// sets `len` to the byte length of the space.
bool space_at(std::string_view s, std::size_t i, std::size_t& len);

/// Collapses every run of whitespace (incl. NBSP) into one ASCII space and trims both ends.
std::string collapse_spaces(std::string_view s);

/// ASCII lower case (bytes >= 0x80 untouched).
std::string lower_ascii(std::string_view s);

/// Case-insensitive ASCII `needle` in `hay`.
bool icontains(std::string_view hay, std::string_view needle);
bool istarts_with(std::string_view s, std::string_view prefix);
bool iequals(std::string_view a, std::string_view b);

/// Number of code points that are not whitespace: the "length" used by the density scores.
std::size_t text_weight(std::string_view s);

/// Parses a date written in `s` (ISO, "26 August 2025", "August 26, 2025", "Tuesday, August 26,
/// 2025", "26.08.2025", month names in English, German, French, Spanish and Russian) into
/// "YYYY-MM-DD". `strict`: `s` must be mostly the date (a short date line or attribute), not a
/// date inside a sentence. Empty when nothing plausible is found.
std::string parse_date(std::string_view s, bool strict = false);

/// Splits a byline into normalised person names: drops "By", "Posted by", roles after a comma,
/// e-mail addresses and URLs; splits at " and ", "&", ";", "|" and at commas between full
/// names. Empty when the text does not look like names.
std::vector<std::string> split_names(std::string_view byline);

/// True when `s` (already collapsed) looks like a list of person names and nothing else:
/// capitalised words, no digits, no sentence punctuation.
bool looks_like_names(std::string_view s);

/// Strips surrounding spaces and typographic quotes.
std::string trim(std::string_view s);

}  // namespace thinkdex::indexer::detail
