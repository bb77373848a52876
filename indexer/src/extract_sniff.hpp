#pragma once
// Private: telling an HTML page from everything else a server or a disk may hand us (PDFs,
// images, archives, executables, random bytes, plain text, feeds), before any parsing.

#include <string>
#include <string_view>

namespace thinkdex::indexer::detail {

/// Why the raw bytes of a page (after gunzip) are not HTML: a known binary signature ("PDF
/// document", "PNG image", "ZIP archive (or an Office or EPUB document)", "ELF executable") or
/// too many control bytes at the start ("binary data"). Empty when they may be HTML. Text in
/// UTF-16 or UTF-32 (with a byte order mark, or declared in `content_type`) is not binary.
std::string binary_reason(std::string_view bytes, std::string_view content_type);

/// Why decoded text is not HTML: an XML document whose root is not <html> ("XML document
/// <rss>"), an SVG image, JSON, or text with no HTML markup at all ("plain text, no HTML
/// markup"). Empty when it is HTML, and for empty or blank text.
std::string text_reason(std::string_view utf8);

}  // namespace thinkdex::indexer::detail
