#include "thinkdex/common/url_resolve.hpp"

#include <uriparser/Uri.h>

#include <optional>
#include <string>

#include "thinkdex/common/ascii.hpp"

namespace thinkdex {

namespace {

/// A uriparser URI that frees itself.
struct Uri {
    UriUriA uri{};
    bool parsed = false;
    Uri() = default;
    Uri(const Uri&) = delete;
    Uri& operator=(const Uri&) = delete;
    ~Uri() {
        if (parsed) uriFreeUriMembersA(&uri);
    }
    /// Parses `text`, which must outlive this object (uriparser keeps pointers into it).
    bool parse(const std::string& text) {
        const char* error = nullptr;
        parsed = uriParseSingleUriA(&uri, text.c_str(), &error) == URI_SUCCESS;
        return parsed;
    }
};

std::string_view range(const UriTextRangeA& r) {
    if (r.first == nullptr) return {};
    return {r.first, static_cast<std::size_t>(r.afterLast - r.first)};
}

/// `text` as a URI reference uriparser reads, as a browser sends it: spaces, bytes outside
/// ASCII and the other characters RFC 3986 leaves out percent-encoded; nothing when it holds
/// a control character.
std::optional<std::string> encoded(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return std::nullopt;
        if (u >= 0x80 || std::string_view(" \"<>\\^`{|}").find(c) != std::string_view::npos) {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    return out;
}

/// The host of a parsed URL, as written (an IPv6 address in brackets), or nothing when it has
/// no authority, a port that is not a number up to 65535, or an empty host where `empty_ok` is
/// false. A '%' is refused in a name (not in an IPv6 zone), as libcurl refuses it.
std::optional<std::string> host_of(const UriUriA& uri, bool empty_ok) {
    if (uri.hostText.first == nullptr) return std::nullopt;
    std::string host(range(uri.hostText));
    const bool ip_literal = uri.hostData.ip6 != nullptr || uri.hostData.ipFuture.first != nullptr;
    if (ip_literal) host = "[" + host + "]";
    else if (host.find('%') != std::string::npos) return std::nullopt;
    if (host.empty() && !empty_ok) return std::nullopt;
    const std::string_view port = range(uri.portText);
    if (port.size() > 5) return std::nullopt;
    unsigned number = 0;
    for (char c : port) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + static_cast<unsigned>(c - '0');
    }
    if (number > 65535) return std::nullopt;
    return host;
}

std::string to_string(const UriUriA& uri) {
    int chars = 0;
    if (uriToStringCharsRequiredA(&uri, &chars) != URI_SUCCESS) return {};
    std::string out(static_cast<std::size_t>(chars) + 1, '\0');
    if (uriToStringA(out.data(), &uri, chars + 1, nullptr) != URI_SUCCESS) return {};
    out.resize(static_cast<std::size_t>(chars));
    return out;
}

}  // namespace

std::string resolve_url(std::string_view base_url, std::string_view ref_url) {
    if (ref_url.empty()) return {};
    const auto ref_text = encoded(ref_url);
    if (!ref_text) return {};
    Uri ref;
    if (!ref.parse(*ref_text)) return {};
    // Resolved as RFC 3986 5.2 says, which also takes "." and ".." segments out of a
    // reference that stands alone (one with a scheme, resolved against itself).
    std::optional<std::string> base_text;
    Uri base;
    const UriUriA* against = &ref.uri;
    if (ref.uri.scheme.first == nullptr) {
        base_text = encoded(base_url);
        if (!base_text || !base.parse(*base_text) || base.uri.scheme.first == nullptr ||
            base.uri.hostText.first == nullptr)
            return {};
        against = &base.uri;
    }
    Uri resolved;
    if (uriAddBaseUriExA(&resolved.uri, &ref.uri, against, URI_RESOLVE_STRICTLY) != URI_SUCCESS)
        return {};
    resolved.parsed = true;
    UriUriA* target = &resolved.uri;
    const std::string scheme = ascii_lower(range(target->scheme));
    if (!host_of(*target, scheme == "file")) return {};
    // The scheme in lower case; the host keeps its case, percent-encodings theirs.
    if (uriNormalizeSyntaxExA(target, URI_NORMALIZE_SCHEME) != URI_SUCCESS) return {};
    // An empty query or fragment ("page?", "page#") says nothing: dropped, as libcurl does.
    if (target->query.first != nullptr && target->query.first == target->query.afterLast)
        target->query = {};
    if (target->fragment.first != nullptr && target->fragment.first == target->fragment.afterLast)
        target->fragment = {};
    std::string url = to_string(*target);
    if (target->hostData.ip6 != nullptr) {
        // An IPv6 address as written ("[::1]"), not in the long form uriparser writes out.
        const std::size_t open = url.find('[', url.find("//"));
        const std::size_t close = url.find(']', open);
        if (open == std::string::npos || close == std::string::npos) return {};
        url = url.substr(0, open + 1) + std::string(range(target->hostText)) + url.substr(close);
    }
    // "/" for an empty path after the authority ("https://x.org?q" is "https://x.org/?q").
    const std::size_t authority = url.find("//") + 2;
    const std::size_t path = url.find_first_of("/?#", authority);
    if (path == std::string::npos) return url + '/';
    if (url[path] != '/') return url.substr(0, path) + '/' + url.substr(path);
    return url;
}

std::string url_host(std::string_view url) {
    const auto text = encoded(url);
    Uri uri;
    if (!text || !uri.parse(*text)) return {};
    const auto host = host_of(uri.uri, false);
    return host ? ascii_lower(*host) : std::string{};
}

std::string url_path(std::string_view ref) {
    // What a browser ignores in an href: tabs and newlines anywhere, white space at either end.
    std::string cleaned;
    for (char c : ref)
        if (c != '\t' && c != '\n' && c != '\r') cleaned.push_back(c);
    // A relative link needs a base to resolve; its path does not depend on the host, so any
    // root serves (".invalid" is reserved for names that must not resolve, RFC 2606).
    const std::string url = resolve_url("http://relative.invalid/", ascii_trim(cleaned));
    if (url.empty()) return {};
    const std::size_t start = url.find('/', url.find("//") + 2);
    return url.substr(start, url.find_first_of("?#", start) - start);
}

}  // namespace thinkdex
