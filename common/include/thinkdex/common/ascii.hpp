#pragma once
// ASCII-only case folding and trimming, for protocol text (header names, robots.txt keys,
// directive words), where locale-aware or Unicode rules would be wrong.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace thinkdex {

/// `s` with A-Z folded to a-z.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    std::ranges::transform(out, out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    });
    return out;
}

/// `s` without leading and trailing ASCII white space.
inline std::string_view ascii_trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace thinkdex
