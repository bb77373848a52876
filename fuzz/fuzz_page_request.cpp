// The CGI request parser: any query string parses or gives an Error for the user, and a parsed
// request round-trips: the query string made from it parses back to the same request.

#include <thinkdex/query/render.hpp>

#include "fuzz_support.hpp"

using thinkdex::query::PageRequest;

namespace {

bool same(const PageRequest& a, const PageRequest& b) {
    return a.q == b.q && a.author == b.author && a.year == b.year && a.site == b.site &&
           a.tag == b.tag && a.lang == b.lang && a.type == b.type && a.kind == b.kind &&
           a.since == b.since && a.until == b.until && a.page == b.page && a.sort == b.sort &&
           a.format == b.format && a.id == b.id;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto request = thinkdex::query::parse_page_request(thinkdex::fuzz::as_text(data, size));
    if (!request) return 0;
    auto again = thinkdex::query::parse_page_request(thinkdex::query::page_query_string(*request));
    thinkdex::fuzz::check(again.has_value(), "a request's own query string parses");
    thinkdex::fuzz::check(same(*request, *again), "a CGI request round-trips through its parser");
    return 0;
}
