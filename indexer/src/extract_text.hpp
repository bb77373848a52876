#pragma once
// Private text helpers for extraction: whitespace, case and person names (dates are in
// extract_date.hpp). Pure functions over UTF-8 strings; nothing here knows about HTML.

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace thinkdex::indexer::detail {

/// True for the ASCII and the common Unicode spaces (NBSP, narrow NBSP, thin space...) at `s[i]`;
/// sets `len` to the byte length of the space.
bool space_at(std::string_view s, std::size_t i, std::size_t& len);

/// Collapses every run of whitespace (incl. NBSP) into one ASCII space and trims both ends.
std::string collapse_spaces(std::string_view s);

/// An ASCII letter or digit.
inline bool ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/// `w` is one of `set`.
inline bool in_set(std::string_view w, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), w) != set.end();
}

/// ASCII lower case (bytes >= 0x80 untouched).
std::string lower_ascii(std::string_view s);

/// Case-insensitive ASCII `needle` in `hay`.
bool icontains(std::string_view hay, std::string_view needle);
bool istarts_with(std::string_view s, std::string_view prefix);
bool iequals(std::string_view a, std::string_view b);

/// Number of code points that are not whitespace: the "length" used by the density scores.
std::size_t text_weight(std::string_view s);

/// Lower case for ASCII, Latin-1 supplement and Cyrillic (enough for month names and stop
/// words); every other byte is copied unchanged.
std::string lower_basic(std::string_view s);

/// Splits a byline into normalised person names: drops "By", "Posted by", roles after a comma,
/// e-mail addresses and URLs; splits at " and ", "&", ";", "|" and at commas between full
/// names. Empty when the text does not look like names.
std::vector<std::string> split_names(std::string_view byline);

/// "by Amanda · Dec 20, 2025" → "Amanda": a byline labelled "By" (or "Posted by"...) that
/// credits one capitalised given name, alone or before a separator; empty otherwise (no label,
/// several words, a role or a heading word such as "Staff").
std::string given_name_byline(std::string_view byline);

/// "News Desk", "The Acme Editorial Team", "Reuters Staff": a credit to a group rather than to
/// people (which split_names() leaves out), cleaned; empty when `credit` is not one.
std::string group_credit(std::string_view credit);

/// True when `s` (already collapsed) looks like a list of person names and nothing else:
/// capitalised words, no digits, no sentence punctuation.
bool looks_like_names(std::string_view s);

/// Lower-case words of `s`: runs of ASCII letters and digits, any non-ASCII byte counting as a
/// letter ("Think-Tank.org" → think, tank, org).
std::vector<std::string> lower_words(std::string_view s);

/// True when `s` starts like a URL ("http://", "https://", "//", "www.").
bool is_url(std::string_view s);

/// Strips surrounding spaces and typographic quotes.
std::string trim(std::string_view s);

}  // namespace thinkdex::indexer::detail
