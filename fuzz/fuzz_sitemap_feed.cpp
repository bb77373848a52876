// Sitemaps and feeds: any bytes give entries or an Error, never a crash or an unbounded list.

#include "fuzz_support.hpp"
#include "links.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view xml = thinkdex::fuzz::as_text(data, size);
    constexpr std::size_t kMaxEntries = 100;
    if (auto sitemap = thinkdex::crawler::parse_sitemap(xml, kMaxEntries)) {
        thinkdex::fuzz::check(sitemap->urls.size() <= kMaxEntries &&
                                  sitemap->sitemaps.size() <= kMaxEntries,
                              "a sitemap keeps at most max_entries entries");
        for (const auto& entry : sitemap->urls) thinkdex::crawler::parse_lastmod(entry.lastmod);
    }
    (void)thinkdex::crawler::parse_feed(xml);
    return 0;
}
