// Link discovery: any bytes as a page give links (as the page wrote them), never a crash, and
// every link that normalises against the page's base is an absolute http(s) URL.

#include <thinkdex/crawler/crawler.hpp>

#include "fuzz_support.hpp"
#include "links.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto links = thinkdex::crawler::extract_links(thinkdex::fuzz::as_text(data, size),
                                                        "https://example.org/dir/page.html",
                                                        "thinkdex");
    for (const auto& link : links.links) {
        auto url = thinkdex::crawler::normalize_url(link, links.base);
        if (!url) continue;  // mailto:, javascript: and broken links are refused, not crashes
        thinkdex::fuzz::check(url->starts_with("http://") || url->starts_with("https://"),
                              "normalised links are absolute http(s) URLs");
    }
    return 0;
}
