#pragma once
// Private: the language of a page or text: the tag it declares, normalised, or for a text that
// declares none (a PDF's), a guess from its most common words.

#include <string>
#include <string_view>

namespace thinkdex::indexer::detail {

/// The ISO 639-1 code of the language whose common words ("the", "und", "les", "и") are the
/// most frequent in the first words of `text`: English, German, French, Spanish, Italian,
/// Portuguese, Dutch or Russian. Empty when no language's words make a clear share of the text.
std::string guess_language(std::string_view text);

/// Normalises a language tag ("en-GB", "en_US", "EN") to ISO 639-1 ("en"); empty if not one.
std::string normalise_language(std::string_view tag);

}  // namespace thinkdex::indexer::detail
