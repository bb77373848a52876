#pragma once
// Extraction: from a page's raw bytes to its article text and metadata. One function over
// bytes; gumbo and the charset detector stay inside the .cpp files.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "thinkdex/common/error.hpp"

namespace thinkdex::indexer {

/// What extraction finds in one page. Empty strings and lists mean "not found".
struct Extracted {
    std::string url;        ///< canonical URL (<link rel=canonical>, og:url) or the given URL
    std::string title;
    std::vector<std::string> authors;  ///< normalised names, in page order
    std::string published;  ///< ISO date YYYY-MM-DD
    std::string body;       ///< main text, paragraphs separated by '\n'
    std::string summary;
    std::string site_name;
    std::vector<std::string> tags;
    std::string language;   ///< ISO 639-1, lower case ("en")
    /// What the page is: "article" (a publication: brief, report, commentary, post, podcast
    /// episode), "listing" (mostly links to other pages: home, publication lists, topic, tag,
    /// author and search pages) or "page" (about, contact, donate, services, biographies).
    /// Always one of the three; scored from structured data types, date and byline, the main
    /// text's length and link density, repeated teaser blocks and the URL path's shape.
    std::string kind = "article";
    /// "html", or "pdf" for extract_pdf()'s result.
    std::string type = "html";
    /// Pages of a PDF (each after the first starts with '\f' in `body`); 0 for HTML.
    int pages = 0;
    /// Every <meta name="N" content="C"> whose content holds page-level robots directives
    /// (noindex, nofollow, none), as (lower-case N, C): the caller obeys those named "robots"
    /// or its product token (thinkdex::is_directives_meta).
    std::vector<std::pair<std::string, std::string>> robots_meta;
};

/// Extracts one page. `bytes`: the document as received, in any charset, gzipped or not; `url`:
/// where it came from (resolves relative links, fallback for `url` in the result);
/// `content_type`: the HTTP Content-Type header value if known (its charset wins over the
/// page's own declaration). Output strings are valid UTF-8. `name`: what the warnings logged
/// on an oversized or over-nested page call it (`thinkdex extract` gives the file, as one
/// --url serves many files); `url` when empty.
///
/// Input that is not an HTML page is refused with an Error of kind "not-html" whose message
/// gives the reason without the URL (the caller names the file or the URL): a binary format
/// ("PDF document", "PNG image", "ZIP archive (or an Office or EPUB document)"), random bytes
/// ("binary data"), gzip that does not inflate, XML that is not XHTML, JSON, or text without
/// any HTML markup ("plain text, no HTML markup"). Empty input is an empty page, not an error.
/// Never throws on bad input: a broken page gives what could be found (possibly all empty).
///
///     auto page = extract(bytes, url);
///     if (!page) spdlog::warn("{}: {}", url, page.error().message);
Result<Extracted> extract(std::string_view bytes, std::string_view url = {},
                          std::string_view content_type = {}, std::string_view name = {});

}  // namespace thinkdex::indexer
