#pragma once
// Private: turning a page's bytes into valid UTF-8.

#include <string>
#include <string_view>

#include "thinkdex/common/utf8.hpp"

namespace thinkdex::indexer::detail {

/// Decodes `bytes` to UTF-8. The charset comes from, in order: the `charset` parameter of
/// `content_type`, a byte order mark, a <meta charset> / http-equiv declaration in the first
/// 4 KiB, then detection with uchardet. A declaration is overridden when the bytes are valid,
/// non-ASCII UTF-8 (the most common lie) or when UTF-8 is declared but the bytes are not.
/// Invalid sequences become U+FFFD; the result is always valid UTF-8. `charset_used` (optional)
/// receives the name of the charset that was applied.
std::string decode_to_utf8(std::string_view bytes, std::string_view content_type,
                           std::string* charset_used = nullptr);

using thinkdex::is_valid_utf8;
using thinkdex::sanitize_utf8;

}  // namespace thinkdex::indexer::detail
