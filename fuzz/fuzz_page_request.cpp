// The CGI request parser: any query string parses or gives an Error for the user, and a parsed
// request round-trips: the query string made from it parses back to the same request.

#include <thinkdex/query/render.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto request = thinkdex::query::parse_page_request(thinkdex::fuzz::as_text(data, size));
    if (!request) return 0;
    auto again = thinkdex::query::parse_page_request(thinkdex::query::page_query_string(*request));
    thinkdex::fuzz::check(again.has_value(), "a request's own query string parses");
    thinkdex::fuzz::check(*request == *again, "a CGI request round-trips through its parser");
    return 0;
}
