// A PDF's XMP packet (read by the sandboxed PDF reader): any bytes parse without a crash, the
// fields come out the same twice, and they are UTF-8 whatever encoding the packet declares.

#include "fuzz_support.hpp"
#include "pdf_xmp.hpp"
#include "thinkdex/common/utf8.hpp"

using thinkdex::indexer::detail::parse_xmp;
using thinkdex::indexer::detail::XmpFields;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view packet = thinkdex::fuzz::as_text(data, size);
    const XmpFields first = parse_xmp(packet);
    const XmpFields second = parse_xmp(packet);
    thinkdex::fuzz::check(first.title == second.title && first.creators == second.creators &&
                              first.date == second.date && first.language == second.language,
                          "parse_xmp() is deterministic");
    bool utf8 = thinkdex::is_valid_utf8(first.title) && thinkdex::is_valid_utf8(first.date) &&
                thinkdex::is_valid_utf8(first.language);
    for (const std::string& creator : first.creators) utf8 = utf8 && thinkdex::is_valid_utf8(creator);
    thinkdex::fuzz::check(utf8, "XMP fields are UTF-8");
    return 0;
}
