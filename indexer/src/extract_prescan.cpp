#include "extract_prescan.hpp"

#include <array>
#include <cstring>

#include "extract_text.hpp"

namespace thinkdex::indexer::detail {

namespace {

constexpr std::size_t kMaxJsonLd = 1 << 20;  // bytes of one JSON-LD block worth parsing

bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == ':' || c == '_';
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> set) {
    for (auto s : set) {
        if (iequals(name, s)) return true;
    }
    return false;
}

// Elements whose whole content is dropped.
bool skipped_element(std::string_view name) {
    return one_of(name, {"script", "style", "noscript", "template", "svg", "math", "iframe",
                         "object", "select", "noembed", "noframes", "canvas"});
}

// Elements whose content is raw text: copied verbatim so that a '<' inside is not a tag.
bool raw_text_element(std::string_view name) {
    return one_of(name, {"title", "textarea", "xmp"});
}

bool void_element(std::string_view name) {
    return one_of(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                         "meta", "param", "source", "track", "wbr", "keygen", "basefont",
                         "bgsound", "frame", "image"});
}

// Elements closed implicitly by the parser; counting them would overstate the depth.
bool optional_end(std::string_view name) {
    return one_of(name, {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody",
                         "thead", "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body"});
}

// Position of the '>' ending the tag that starts at `pos`, honouring quoted attribute values;
// npos when the document ends first.
std::size_t tag_end(std::string_view s, std::size_t pos) {
    char quote = 0;
    for (std::size_t i = pos; i < s.size(); ++i) {
        char c = s[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
            // A runaway quote: fall back to the first '>' so one typo does not eat the page.
            if (i - pos > 4096) return s.find('>', pos);
        } else if (c == '"' || c == '\'') {
            if (i > pos && (s[i - 1] == '=' || s[i - 1] == ' ')) quote = c;
        } else if (c == '>') {
            return i;
        }
    }
    return std::string_view::npos;
}

// Start of "</name" (case-insensitive) at or after `pos`; npos if absent.
std::size_t find_close(std::string_view s, std::size_t pos, std::string_view name) {
    while (pos < s.size()) {
        const void* hit = std::memchr(s.data() + pos, '<', s.size() - pos);
        if (hit == nullptr) return std::string_view::npos;
        std::size_t i = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
        if (i + 1 + name.size() < s.size() + 1 && i + 1 < s.size() && s[i + 1] == '/' &&
            i + 2 + name.size() <= s.size() && iequals(s.substr(i + 2, name.size()), name) &&
            (i + 2 + name.size() == s.size() || !name_char(s[i + 2 + name.size()]))) {
            return i;
        }
        pos = i + 1;
    }
    return std::string_view::npos;
}

}  // namespace

Prescanned prescan(std::string_view s) {
    Prescanned out;
    out.html.reserve(s.size() / 2 + 64);
    std::size_t depth = 0;
    std::size_t suppressed = 0;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const void* hit = std::memchr(s.data() + pos, '<', s.size() - pos);
        if (hit == nullptr) {
            out.html.append(s.substr(pos));
            break;
        }
        std::size_t lt = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
        out.html.append(s.substr(pos, lt - pos));
        pos = lt;
        if (lt + 1 >= s.size()) {
            out.html.push_back('<');
            break;
        }
        char next = s[lt + 1];
        if (next == '!') {
            if (s.substr(lt, 4) == "<!--") {
                std::size_t end = s.find("-->", lt + 4);
                pos = end == std::string_view::npos ? s.size() : end + 3;
                continue;
            }
            std::size_t end = s.find('>', lt);
            if (end == std::string_view::npos) break;
            out.html.append(s.substr(lt, end + 1 - lt));
            pos = end + 1;
            continue;
        }
        bool closing = next == '/';
        std::size_t name_start = lt + (closing ? 2 : 1);
        std::size_t name_end = name_start;
        while (name_end < s.size() && name_char(s[name_end])) ++name_end;
        if (name_end == name_start || !((s[name_start] >= 'a' && s[name_start] <= 'z') ||
                                        (s[name_start] >= 'A' && s[name_start] <= 'Z'))) {
            out.html.push_back('<');  // a literal '<' in text; gumbo handles it
            pos = lt + 1;
            continue;
        }
        std::string_view name = s.substr(name_start, name_end - name_start);
        std::size_t gt = tag_end(s, name_end);
        if (gt == std::string_view::npos) {
            break;  // truncated inside a tag: drop the fragment
        }
        std::string_view tag = s.substr(lt, gt + 1 - lt);
        pos = gt + 1;
        if (closing) {
            if (skipped_element(name)) continue;  // a stray end tag
            bool counted = !void_element(name) && !optional_end(name);
            if (counted && suppressed > 0) {
                --suppressed;
                continue;
            }
            if (counted && depth > 0) --depth;
            out.html.append(tag);
            continue;
        }
        if (skipped_element(name)) {
            bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';
            if (self_closing && !iequals(name, "script")) continue;
            std::size_t close = find_close(s, pos, name);
            std::string_view content =
                s.substr(pos, (close == std::string_view::npos ? s.size() : close) - pos);
            if (iequals(name, "script") && icontains(tag, "ld+json") &&
                content.size() <= kMaxJsonLd) {
                out.json_ld.emplace_back(content);
            }
            if (close == std::string_view::npos) break;
            std::size_t close_end = s.find('>', close);
            pos = close_end == std::string_view::npos ? s.size() : close_end + 1;
            continue;
        }
        if (raw_text_element(name)) {
            std::size_t close = find_close(s, pos, name);
            std::size_t end = close == std::string_view::npos ? s.size() : close;
            out.html.append(tag);
            out.html.append(s.substr(pos, end - pos));
            pos = end;
            continue;
        }
        bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';
        bool counted = !void_element(name) && !optional_end(name) && !self_closing;
        if (counted) {
            if (depth >= kMaxNesting) {
                ++suppressed;
                out.depth_capped = true;
                continue;
            }
            ++depth;
        }
        out.html.append(tag);
    }
    return out;
}

}  // namespace thinkdex::indexer::detail
