#include "thinkdex/common/url_resolve.hpp"

#include <optional>

#include "thinkdex/common/ascii.hpp"

namespace thinkdex {

namespace {

/// A URL reference cut into RFC 3986's five parts (appendix B); views into the input.
struct Parts {
    std::string_view scheme;  ///< empty: a relative reference
    std::optional<std::string_view> authority;
    std::string_view path;
    std::optional<std::string_view> query;
    std::optional<std::string_view> fragment;
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

Parts split(std::string_view s) {
    Parts parts;
    if (!s.empty() && is_alpha(s[0])) {
        std::size_t i = 1;
        while (i < s.size() &&
               (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
            ++i;
        }
        if (i < s.size() && s[i] == ':') {
            parts.scheme = s.substr(0, i);
            s.remove_prefix(i + 1);
        }
    }
    if (s.starts_with("//")) {
        s.remove_prefix(2);
        const std::size_t end = std::min(s.find_first_of("/?#"), s.size());
        parts.authority = s.substr(0, end);
        s.remove_prefix(end);
    }
    if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
        parts.fragment = s.substr(hash + 1);
        s = s.substr(0, hash);
    }
    if (const std::size_t mark = s.find('?'); mark != std::string_view::npos) {
        parts.query = s.substr(mark + 1);
        s = s.substr(0, mark);
    }
    parts.path = s;
    return parts;
}

/// RFC 3986, 5.2.4: "." and ".." segments taken out of a path.
std::string remove_dot_segments(std::string in) {
    std::string out;
    auto drop_last_segment = [&out] {
        const std::size_t slash = out.rfind('/');
        out.erase(slash == std::string::npos ? 0 : slash);
    };
    std::size_t i = 0;
    while (i < in.size()) {
        const std::string_view rest = std::string_view(in).substr(i);
        if (rest.starts_with("../")) {
            i += 3;
        } else if (rest.starts_with("./") || rest.starts_with("/./")) {
            i += 2;
        } else if (rest == "/.") {
            in.replace(i, 2, "/");
        } else if (rest.starts_with("/../")) {
            i += 3;
            drop_last_segment();
        } else if (rest == "/..") {
            in.replace(i, 3, "/");
            drop_last_segment();
        } else if (rest == "." || rest == "..") {
            i = in.size();
        } else {
            const std::size_t next = std::min(in.find('/', i + 1), in.size());
            out.append(in, i, next - i);
            i = next;
        }
    }
    return out;
}

/// RFC 3986, 5.2.3: a relative path appended to the base's directory.
std::string merge(const Parts& base, std::string_view path) {
    if (base.authority && base.path.empty()) return "/" + std::string(path);
    const std::size_t slash = base.path.rfind('/');
    std::string merged(slash == std::string_view::npos ? std::string_view{}
                                                       : base.path.substr(0, slash + 1));
    return merged.append(path);
}

/// The host of an authority ("user@host:port"), or nothing when the authority is not one: a
/// character no host or port has, a port above 65535, or an empty host where `empty_ok` is
/// false.
std::optional<std::string_view> host_of_authority(std::string_view authority, bool empty_ok) {
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        authority.remove_prefix(at + 1);
    }
    std::string_view host = authority, port;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = authority.substr(0, close + 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after[0] != ':') return std::nullopt;
        port = after.empty() ? after : after.substr(1);
    } else if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty() && !empty_ok) return std::nullopt;
    for (const char c : host.starts_with('[') ? std::string_view{} : host) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f ||
            std::string_view("\"%<>\\^`{|}").find(c) != std::string_view::npos) {
            return std::nullopt;
        }
    }
    if (port.size() > 5) return std::nullopt;
    unsigned number = 0;
    for (const char c : port) {
        if (!is_digit(c)) return std::nullopt;
        number = number * 10 + static_cast<unsigned>(c - '0');
    }
    if (number > 65535) return std::nullopt;
    return host;
}

}  // namespace

std::string resolve_url(std::string_view base_url, std::string_view ref_url) {
    if (ref_url.empty()) return {};
    const Parts ref = split(ref_url);
    Parts target;
    std::string path;
    if (!ref.scheme.empty()) {
        target = ref;
        path = remove_dot_segments(std::string(ref.path));
    } else {
        const Parts base = split(base_url);
        if (base.scheme.empty() || !base.authority) return {};
        target = base;
        target.query = ref.query;
        if (ref.authority) {
            target.authority = ref.authority;
            path = remove_dot_segments(std::string(ref.path));
        } else if (ref.path.empty()) {
            path = base.path;
            if (!ref.query) target.query = base.query;
        } else if (ref.path.starts_with('/')) {
            path = remove_dot_segments(std::string(ref.path));
        } else {
            path = remove_dot_segments(merge(base, ref.path));
        }
    }
    target.fragment = ref.fragment;
    const std::string scheme = ascii_lower(target.scheme);
    if (!target.authority || !host_of_authority(*target.authority, scheme == "file")) return {};

    std::string url = scheme + "://" + std::string(*target.authority) + (path.empty() ? "/" : path);
    // An empty query or fragment ("page?", "page#") says nothing: dropped, as libcurl does.
    if (target.query && !target.query->empty()) url.append("?").append(*target.query);
    if (target.fragment && !target.fragment->empty()) url.append("#").append(*target.fragment);
    std::string out;
    out.reserve(url.size());
    for (const char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return {};
        if (c == ' ') {
            out += "%20";
        } else {
            out += c;
        }
    }
    return out;
}

std::string url_host(std::string_view url) {
    const Parts parts = split(url);
    if (parts.scheme.empty() || !parts.authority) return {};
    const auto host = host_of_authority(*parts.authority, false);
    return host ? ascii_lower(*host) : std::string{};
}

}  // namespace thinkdex
