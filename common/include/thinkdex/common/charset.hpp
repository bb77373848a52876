#pragma once
// Turning an HTML page's bytes into valid UTF-8, one way for every reader of pages: extraction
// (indexer) and link discovery (crawler) see the same text.

#include <string>
#include <string_view>

#include "thinkdex/common/utf8.hpp"

namespace thinkdex {

/// Decodes `bytes` to UTF-8. The charset comes from, in order: the `charset` parameter of
/// `content_type`, a byte order mark, a <meta charset> / http-equiv declaration in the first
/// 4 KiB, then detection with uchardet. A declaration is overridden when the bytes are valid,
/// non-ASCII UTF-8 (the most common lie) or when UTF-8 is declared but the bytes are not.
/// Invalid sequences become U+FFFD; the result is always valid UTF-8. `charset_used` (optional)
/// receives the name of the charset that was applied.
std::string decode_to_utf8(std::string_view bytes, std::string_view content_type,
                           std::string* charset_used = nullptr);

}  // namespace thinkdex
