#pragma once
// UTF-8 validity, shared by extraction (decoded pages) and the query side (request strings).

#include <cstddef>
#include <string>
#include <string_view>

namespace thinkdex {

/// Length of the well-formed UTF-8 sequence at s[i] (1 to 4), or 0 when there is none there:
/// overlong forms, surrogates and code points above U+10FFFF are invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// True when all of `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

/// Copies `s`, replacing each invalid byte with U+FFFD and dropping NUL bytes; the result is
/// always valid UTF-8.
std::string sanitize_utf8(std::string_view s);

}  // namespace thinkdex
