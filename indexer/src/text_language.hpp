#pragma once
// Private: the language of a text that declares none (a PDF's), guessed from its most common
// words.

#include <string>
#include <string_view>

namespace thinkdex::indexer::detail {

/// The ISO 639-1 code of the language whose common words ("the", "und", "les", "и") are the
/// most frequent in the first words of `text`: English, German, French, Spanish, Italian,
/// Portuguese, Dutch or Russian. Empty when no language's words make a clear share of the text.
std::string guess_language(std::string_view text);

}  // namespace thinkdex::indexer::detail
