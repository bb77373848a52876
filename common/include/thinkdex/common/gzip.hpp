#pragma once
// The one gzip decoder: gzipped sitemaps (crawler), .html.gz files and gzipped stored pages
// (extraction, `thinkdex extract`). Bounded, so that a small "gzip bomb" cannot take memory
// without limit, and strict, so that a cut-off file is an error rather than half a page.

#include <cstddef>
#include <string>
#include <string_view>

#include "thinkdex/common/error.hpp"

namespace thinkdex {

/// True when `bytes` start with the gzip magic number (1f 8b).
bool is_gzip(std::string_view bytes);

/// Decompresses gzip data (every member, as gzip(1) does). An error of kind "gzip" when the
/// data is corrupt ("gzip data that does not inflate (zlib: ...)"), ends before its last
/// member does ("truncated gzip data"), or would
/// inflate to more than `max_bytes` ("inflates to more than N bytes"): decoding stops there,
/// so at most `max_bytes` plus one buffer is ever held.
Result<std::string> gunzip(std::string_view bytes, std::size_t max_bytes);

}  // namespace thinkdex
