// robots.txt: any bytes parse, and the answer for a path depends only on the file and the path.

#include <string>

#include "fuzz_support.hpp"
#include "robots.hpp"

using thinkdex::crawler::RobotsRules;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = thinkdex::fuzz::as_text(data, size);
    const RobotsRules first = RobotsRules::parse(text, "thinkdex");
    const RobotsRules second = RobotsRules::parse(text, "thinkdex");
    // Paths from the input's own lines, so that patterns and paths share bytes.
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string path = "/" + std::string(text.substr(start, end - start));
        thinkdex::fuzz::check(first.allowed(path) == second.allowed(path),
                              "robots allowed() is deterministic");
        thinkdex::fuzz::check(first.allowed("/robots.txt"), "/robots.txt is always allowed");
        start = end + 1;
    }
    return 0;
}
