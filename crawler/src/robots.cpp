#include "robots.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "thinkdex/common/ascii.hpp"
#include "url.hpp"

namespace thinkdex::crawler {

std::string_view robots_parse_window(std::string_view text) {
    if (text.size() <= kMaxRobotsBytes) return text;
    std::string_view head = text.substr(0, kMaxRobotsBytes);
    // The byte after the window ends the last line only when it is a line break itself.
    if (text[kMaxRobotsBytes] == '\n' || text[kMaxRobotsBytes] == '\r') return head;
    std::size_t last = head.find_last_of("\r\n");
    return last == std::string_view::npos ? std::string_view{} : head.substr(0, last + 1);
}

bool robots_pattern_matches(std::string_view pattern, std::string_view path) {
    bool anchored = !pattern.empty() && pattern.back() == '$';
    if (anchored) pattern.remove_suffix(1);
    // Greedy-free matching with backtracking over '*' (at most one resume point needed).
    std::size_t p = 0, s = 0;
    std::size_t star = std::string_view::npos, star_s = 0;
    while (true) {
        if (p == pattern.size()) {
            if (!anchored || s == path.size()) return true;
            // Anchored and text left: let the last '*' swallow more.
        } else if (pattern[p] == '*') {
            star = p++;
            star_s = s;
            continue;
        } else if (s < path.size() && pattern[p] == path[s]) {
            ++p;
            ++s;
            continue;
        }
        if (star == std::string_view::npos || star_s >= path.size()) return false;
        p = star + 1;
        s = ++star_s;
    }
}

RobotsRules RobotsRules::allow_all() { return {}; }

RobotsRules RobotsRules::disallow_all() {
    RobotsRules r;
    r.rules_.push_back({false, "/"});
    return r;
}

RobotsRules RobotsRules::parse(std::string_view text, std::string_view product_token) {
    text = robots_parse_window(text);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const std::string token = ascii_lower(product_token);

    struct Group {
        std::vector<std::string> agents;
        std::vector<Rule> rules;
        std::optional<std::chrono::milliseconds> delay;
    };
    std::vector<Group> groups;
    std::vector<std::string> sitemaps;
    // User-agent lines share one group until a rule line: other lines between them (crawl
    // delays, sitemaps, unknown keys) do not start a new one.
    bool in_agent_lines = false;

    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string key = ascii_lower(ascii_trim(line.substr(0, colon)));
        std::string_view value = ascii_trim(line.substr(colon + 1));

        if (key == "user-agent") {
            if (!in_agent_lines) groups.emplace_back();
            groups.back().agents.push_back(thinkdex::product_token(value));
            in_agent_lines = true;
            continue;
        }
        if (key == "sitemap") {
            if (!value.empty()) sitemaps.emplace_back(value);
            continue;
        }
        if (groups.empty()) continue;  // rules before any user-agent line belong to no group
        if (key == "allow" || key == "disallow") {
            in_agent_lines = false;
            // An empty Disallow allows everything, which is the same as no rule.
            if (!value.empty()) {
                groups.back().rules.push_back({key == "allow", normalize_percent_encoding(value)});
            }
        } else if (key == "crawl-delay") {
            char* rest = nullptr;
            std::string number(value);
            double seconds = std::strtod(number.c_str(), &rest);
            if (rest != number.c_str() && seconds >= 0 && seconds < 86400) {
                groups.back().delay = std::chrono::milliseconds(static_cast<long>(seconds * 1000));
            }
        }
    }

    RobotsRules result;
    result.sitemaps_ = std::move(sitemaps);
    auto take = [&](const std::string& agent) {
        bool found = false;
        for (auto& g : groups) {
            if (std::ranges::find(g.agents, agent) == g.agents.end()) continue;
            found = true;
            result.rules_.insert(result.rules_.end(), g.rules.begin(), g.rules.end());
            if (g.delay) result.crawl_delay_ = g.delay;
        }
        return found;
    };
    if (!take(token)) take("*");
    return result;
}

bool RobotsRules::allowed(std::string_view path_and_query) const {
    std::string path = normalize_percent_encoding(path_and_query);
    if (path == "/robots.txt") return true;
    std::size_t best = 0;
    bool found = false;
    bool allow = true;
    for (const auto& rule : rules_) {
        if (!robots_pattern_matches(rule.pattern, path)) continue;
        std::size_t length = rule.pattern.size();
        if (!found || length > best || (length == best && rule.allow)) {
            best = length;
            allow = rule.allow;
            found = true;
        }
    }
    return allow;
}

}  // namespace thinkdex::crawler
