// HTML extraction: any bytes (gzip, any charset, binary) give a value or an Error, never a
// crash, and every string that comes out is valid UTF-8.

#include <thinkdex/common/utf8.hpp>
#include <thinkdex/indexer/extract.hpp>

#include "fuzz_support.hpp"

using thinkdex::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The first byte picks a Content-Type, so declared charsets are fuzzed too.
    static constexpr std::string_view kTypes[] = {"", "text/html; charset=windows-1251",
                                                 "text/html; charset=utf-8",
                                                 "text/html; charset=shift_jis"};
    const std::string_view type = size > 0 ? kTypes[data[0] % 4] : kTypes[0];
    auto page = thinkdex::indexer::extract(thinkdex::fuzz::as_text(data, size),
                                           "https://example.org/a/b.html", type);
    if (!page) return 0;
    for (const std::string* s : {&page->url, &page->title, &page->published, &page->body,
                                 &page->summary, &page->site_name, &page->language})
        check(thinkdex::is_valid_utf8(*s), "extraction output is valid UTF-8");
    for (const auto* list : {&page->authors, &page->tags})
        for (const auto& s : *list) check(thinkdex::is_valid_utf8(s), "names are valid UTF-8");
    check(page->kind == "article" || page->kind == "listing" || page->kind == "page",
          "kind is one of article, listing, page");
    return 0;
}
