#include "url.hpp"

#include <curl/curl.h>
#include <libpsl.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "thinkdex/crawler/crawler.hpp"

namespace thinkdex::crawler {

namespace {

struct UrlDeleter {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlStringDeleter {
    void operator()(char* s) const { curl_free(s); }
};

// Reads one part; empty when the URL has none.
std::string get_part(CURLU* u, CURLUPart part, unsigned int flags = 0) {
    char* raw = nullptr;
    if (curl_url_get(u, part, &raw, flags) != CURLUE_OK || raw == nullptr) return {};
    std::unique_ptr<char, CurlStringDeleter> owned(raw);
    return raw;
}

std::string lower(std::string s) {
    std::ranges::transform(s, s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool is_unreserved(unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Query parameters that only track the visitor; removing them gives one key per page.
bool is_tracking_param(std::string_view name) {
    static constexpr std::string_view kNames[] = {"fbclid", "gclid",  "dclid",  "msclkid",
                                                  "yclid",  "mc_cid", "mc_eid", "_ga"};
    if (name.starts_with("utm_")) return true;
    return std::ranges::find(kNames, name) != std::end(kNames);
}

// Splits a query at '&', dropping empty parameters and tracking ones: they only follow the
// visitor, and removing them gives one key (and one request) per page.
std::vector<std::string> query_params(std::string_view query) {
    std::vector<std::string> params;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        std::string param(query.substr(start, end - start));
        std::string name = lower(param.substr(0, param.find('=')));
        if (!param.empty() && !is_tracking_param(name)) params.push_back(std::move(param));
        start = end + 1;
    }
    return params;
}

std::string join_params(const std::vector<std::string>& params) {
    std::string out;
    for (const auto& p : params) out += (out.empty() ? "" : "&") + p;
    return out;
}

// The scheme of an absolute reference ("mailto:x" -> "mailto"), lower case; empty for a
// relative one. libcurl rejects most non-http URLs as malformed, which would hide the reason.
std::string scheme_of(std::string_view url) {
    while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front()))) url.remove_prefix(1);
    std::size_t n = 0;
    while (n < url.size() && (std::isalnum(static_cast<unsigned char>(url[n])) || url[n] == '+' ||
                              url[n] == '-' || url[n] == '.')) {
        ++n;
    }
    if (n == 0 || n == url.size() || url[n] != ':' || !std::isalpha(static_cast<unsigned char>(url[0]))) {
        return {};
    }
    return lower(std::string(url.substr(0, n)));
}

/// Passes of request_url() after the first; two suffice for every URL we know of (a decoded
/// "%2e%2e" needs one more), the cap only bounds the work on a pathological one.
constexpr int kMaxNormalisePasses = 3;

Error url_error(const std::string& url, const std::string& why) {
    return Error{"url", "bad URL '" + url + "': " + why};
}

}  // namespace

std::string normalize_percent_encoding(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            auto decoded = static_cast<unsigned char>(hex_value(text[i + 1]) * 16 +
                                                      hex_value(text[i + 2]));
            if (is_unreserved(decoded)) {
                out += static_cast<char>(decoded);
            } else {
                out += '%';
                out += kHex[decoded >> 4];
                out += kHex[decoded & 15];
            }
            i += 2;
        } else if (c <= 0x20 || c >= 0x7f || c == '%' ||
                   std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos) {
            // A '%' that starts no escape is encoded too: left raw, "%%41" would become "%A"
            // and read as an escape the next time.
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

namespace {

// One pass of request_url(); see there.
Result<std::string> normalize_once(const std::string& url, const std::string& base) {
    UrlHandle u(curl_url());
    if (!u) return std::unexpected(url_error(url, "out of memory"));
    // Spaces and other raw bytes are common in hrefs; they are encoded below.
    constexpr unsigned int kFlags = CURLU_ALLOW_SPACE | CURLU_NON_SUPPORT_SCHEME;
    if (!base.empty()) {
        if (curl_url_set(u.get(), CURLUPART_URL, base.c_str(), kFlags) != CURLUE_OK) {
            return std::unexpected(url_error(base, "cannot parse base URL"));
        }
    }
    std::string trimmed = url;
    if (auto scheme = scheme_of(url); !scheme.empty() && scheme != "http" && scheme != "https") {
        return std::unexpected(Error{"scheme", "not an http(s) URL: '" + url + "'"});
    }
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
    std::size_t first = 0;
    while (first < trimmed.size() && std::isspace(static_cast<unsigned char>(trimmed[first]))) ++first;
    trimmed.erase(0, first);
    if (CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, trimmed.c_str(), kFlags);
        rc != CURLUE_OK) {
        return std::unexpected(url_error(url, curl_url_strerror(rc)));
    }
    std::string scheme = lower(get_part(u.get(), CURLUPART_SCHEME));
    if (scheme != "http" && scheme != "https") {
        return std::unexpected(Error{"scheme", "not an http(s) URL: '" + url + "'"});
    }
    std::string host = lower(get_part(u.get(), CURLUPART_HOST));
    if (host.empty()) return std::unexpected(url_error(url, "no host"));
    while (host.size() > 1 && host.back() == '.') host.pop_back();
    std::string port = get_part(u.get(), CURLUPART_PORT);
    if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port.clear();
    std::string path = get_part(u.get(), CURLUPART_PATH);
    path = normalize_percent_encoding(path.empty() ? "/" : path);
    std::string query =
        join_params(query_params(normalize_percent_encoding(get_part(u.get(), CURLUPART_QUERY))));
    // Assembled by hand: setting the parts back would let libcurl lower-case the hex digits
    // of percent-escapes. User name and password are dropped; the fragment too.
    std::string out = scheme + "://" + host;
    if (!port.empty()) out += ":" + port;
    out += path;
    if (!query.empty()) out += "?" + query;
    return out;
}

}  // namespace

Result<std::string> request_url(const std::string& url, const std::string& base) {
    auto out = normalize_once(url, base);
    // Decoding can make new syntax ("/%2e%2e/" becomes "/../", which the next parse resolves):
    // parse again until nothing changes, so that normalising a normalised URL is a no-op.
    for (int pass = 0; out && pass < kMaxNormalisePasses; ++pass) {
        auto again = normalize_once(*out, {});
        if (!again || *again == *out) break;
        out = std::move(again);
    }
    return out;
}

std::string url_key(const std::string& request) {
    std::size_t mark = request.find('?');
    if (mark == std::string::npos) return request;
    // Parameter order rarely matters to a server; sorting merges "?a=1&b=2" and "?b=2&a=1".
    std::vector<std::string> params = query_params(std::string_view(request).substr(mark + 1));
    std::ranges::stable_sort(params);
    std::string query = join_params(params);
    return request.substr(0, mark) + (query.empty() ? "" : "?" + query);
}

Result<std::string> normalize_url(const std::string& url, const std::string& base) {
    auto request = request_url(url, base);
    if (!request) return std::unexpected(request.error());
    return url_key(*request);
}

Result<UrlParts> split_url(const std::string& url) {
    UrlHandle u(curl_url());
    if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), CURLU_ALLOW_SPACE) != CURLUE_OK) {
        return std::unexpected(url_error(url, "cannot parse"));
    }
    UrlParts parts;
    parts.scheme = lower(get_part(u.get(), CURLUPART_SCHEME));
    if (parts.scheme != "http" && parts.scheme != "https") {
        return std::unexpected(Error{"scheme", "not an http(s) URL: '" + url + "'"});
    }
    parts.host = lower(get_part(u.get(), CURLUPART_HOST));
    std::string port = get_part(u.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
    parts.port = port.empty() ? 0 : std::atoi(port.c_str());
    parts.path = get_part(u.get(), CURLUPART_PATH);
    if (parts.path.empty()) parts.path.push_back('/');  // not = "/": GCC 12 -Wrestrict false alarm
    parts.query = get_part(u.get(), CURLUPART_QUERY);
    return parts;
}

std::string origin_of(const UrlParts& parts) {
    return parts.scheme + "://" + parts.host + ":" + std::to_string(parts.port);
}

std::string path_and_query(const UrlParts& parts) {
    return parts.query.empty() ? parts.path : parts.path + "?" + parts.query;
}

namespace {

bool is_ip_literal(const std::string& host) {
    return host.find(':') != std::string::npos || host.starts_with('[') ||
           std::ranges::all_of(host, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

}  // namespace

std::string registrable_domain(const std::string& host) {
    if (is_ip_literal(host)) return host;
    // The newest of libpsl's built-in list and Debian's publicsuffix package; loaded once and
    // never freed (read-only, shared by every crawl in the process).
    static const psl_ctx_t* const psl = [] {
        const psl_ctx_t* ctx = psl_latest(nullptr);
        return ctx ? ctx : psl_builtin();
    }();
    const char* domain = psl ? psl_registrable_domain(psl, host.c_str()) : nullptr;
    // None for a public suffix itself ("co.uk") or a single label ("localhost").
    return domain ? std::string(domain) : host;
}

namespace {

std::string scope_key(const std::string& mode, const std::string& url) {
    auto parts = split_url(url);
    if (!parts) return {};
    if (mode == "domain") return registrable_domain(parts->host);
    if (mode == "prefix") {
        std::string path = parts->path.substr(0, parts->path.rfind('/') + 1);
        return origin_of(*parts) + path;
    }
    return origin_of(*parts);
}

}  // namespace

Scope::Scope(std::string mode, const std::vector<std::string>& seeds) : mode_(std::move(mode)) {
    for (const auto& seed : seeds) add_seed(seed);
}

void Scope::add_seed(const std::string& seed) {
    std::string key = scope_key(mode_, seed);
    if (!key.empty() && std::ranges::find(keys_, key) == keys_.end()) keys_.push_back(key);
    std::string origin = scope_key("host", seed);
    if (!origin.empty() && std::ranges::find(origins_, origin) == origins_.end()) {
        origins_.push_back(origin);
    }
}

bool Scope::contains(const std::string& url) const {
    auto parts = split_url(url);
    if (!parts) return false;
    for (const auto& key : keys_) {
        if (mode_ == "domain") {
            if (parts->host == key || parts->host.ends_with("." + key)) return true;
        } else if (mode_ == "prefix") {
            if ((origin_of(*parts) + parts->path).starts_with(key)) return true;
        } else if (origin_of(*parts) == key) {
            return true;
        }
    }
    return false;
}

bool Scope::same_site(const std::string& url) const {
    if (mode_ == "domain") return contains(url);
    auto parts = split_url(url);
    return parts && std::ranges::find(origins_, origin_of(*parts)) != origins_.end();
}

}  // namespace thinkdex::crawler
