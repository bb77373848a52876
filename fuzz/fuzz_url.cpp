// URL normalisation: any string normalises or gives an Error, and normalising twice changes
// nothing (the normal form is the crawl store's duplicate key).

#include <string>

#include <thinkdex/crawler/crawler.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(thinkdex::fuzz::as_text(data, size));
    // Relative to a base (as links are) and as it stands (as seeds are).
    for (const std::string& base : {std::string("https://example.org/a/b?c=d"), std::string()}) {
        auto once = thinkdex::crawler::normalize_url(text, base);
        if (!once) continue;
        auto twice = thinkdex::crawler::normalize_url(*once);
        thinkdex::fuzz::check(twice.has_value(), "a normalised URL normalises again");
        thinkdex::fuzz::check(*twice == *once, "URL normalisation is idempotent");
    }
    return 0;
}
