#include "thinkdex/common/page_directives.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "thinkdex/common/ascii.hpp"

namespace thinkdex {

namespace {

// A directive that takes a value after ':' ("unavailable_after: 2030-01-01"), as opposed to a
// user-agent prefix ("thinkdex: noindex").
bool is_valued_directive(std::string_view name) {
    static constexpr std::string_view kNames[] = {"unavailable_after", "max-snippet",
                                                  "max-image-preview", "max-video-preview"};
    return std::ranges::find(kNames, name) != std::end(kNames);
}

}  // namespace

std::string product_token(std::string_view user_agent) {
    std::size_t n = 0;
    while (n < user_agent.size() && (std::isalpha(static_cast<unsigned char>(user_agent[n])) ||
                                     user_agent[n] == '_' || user_agent[n] == '-' ||
                                     user_agent[n] == '*')) {
        ++n;
    }
    return ascii_lower(user_agent.substr(0, n));
}

void add_directives(std::string_view value, PageDirectives& out) {
    std::string text = ascii_lower(value);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find_first_of(", \t", pos);
        if (end == std::string::npos) end = text.size();
        std::string_view word = std::string_view(text).substr(pos, end - pos);
        if (word == "noindex" || word == "none") out.noindex = true;
        if (word == "nofollow" || word == "none") out.nofollow = true;
        pos = end + 1;
    }
}

bool is_directives_meta(std::string_view meta_name, std::string_view product_token) {
    std::string name = ascii_lower(ascii_trim(meta_name));
    return name == "robots" || (!product_token.empty() && name == ascii_lower(product_token));
}

void add_header_directives(std::string_view headers, std::string_view product_token,
                           PageDirectives& out) {
    const std::string token = ascii_lower(product_token);
    std::size_t pos = 0;
    while (pos < headers.size()) {
        std::size_t end = headers.find('\n', pos);
        if (end == std::string_view::npos) end = headers.size();
        std::string_view line = headers.substr(pos, end - pos);
        pos = end + 1;
        auto colon = line.find(':');
        if (colon == std::string_view::npos ||
            ascii_lower(ascii_trim(line.substr(0, colon))) != "x-robots-tag") {
            continue;
        }
        std::string_view value = ascii_trim(line.substr(colon + 1));
        if (auto inner = value.find(':'); inner != std::string_view::npos) {
            std::string prefix = ascii_lower(ascii_trim(value.substr(0, inner)));
            bool agent = prefix.find_first_of(", ") == std::string::npos &&
                         !is_valued_directive(prefix);
            if (agent) {
                if (prefix != token) continue;  // for another crawler
                value = value.substr(inner + 1);
            }
        }
        add_directives(value, out);
    }
}

}  // namespace thinkdex
