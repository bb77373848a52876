#pragma once
// Extraction: from a page's raw bytes to its article text and metadata. One function over
// bytes; gumbo and the charset detector stay inside the .cpp files.

#include <string>
#include <string_view>
#include <vector>

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
};

/// Extracts one page. `bytes`: the document as received, in any charset; `url`: where it came
/// from (resolves relative links, fallback for `url` in the result); `content_type`: the HTTP
/// Content-Type header value if known (its charset wins over the page's own declaration).
/// Never throws on bad input: broken, empty or binary pages give a result with what could be
/// found (possibly all empty). Output strings are valid UTF-8.
Extracted extract(std::string_view bytes, std::string_view url = {},
                  std::string_view content_type = {});

}  // namespace thinkdex::indexer
