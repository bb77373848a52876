#include "thinkdex/common/schema.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>

namespace thinkdex::schema {

namespace {
constexpr std::size_t kMaxTermBytes = 240;

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::string hex64(std::uint64_t value) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(value));
    return hex;
}
}  // namespace

std::string unique_id_term(std::string_view id) {
    std::string term(kUniqueId);
    if (term.size() + id.size() <= kMaxTermBytes) {
        term.append(id);
        return term;
    }
    term.append(id.substr(0, kMaxTermBytes - term.size() - 17));
    term.push_back('#');
    term.append(hex64(fnv1a(id)));
    return term;
}

std::string dup_group_key(std::string_view id) { return hex64(fnv1a(id)); }

std::string id_hash(std::string_view id) {
    const std::uint64_t h = fnv1a(id);
    std::string bytes(8, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>((h >> (56 - 8 * i)) & 0xff);
    return bytes;
}

std::string id_hash_term(std::string_view hash) {
    std::uint64_t h = 0;
    for (const unsigned char c : hash) h = h << 8 | c;
    return std::string(kIdHash) + hex64(h);
}

int index_layout(std::string_view meta) {
    int layout = 0;
    const auto [end, error] = std::from_chars(meta.data(), meta.data() + meta.size(), layout);
    return error == std::errc() && end == meta.data() + meta.size() && layout > 1 ? layout : 1;
}

std::string join_fields(std::initializer_list<std::string_view> fields) {
    std::string out;
    bool first = true;
    for (std::string_view field : fields) {
        if (!first) out.push_back(kFieldSeparator);
        first = false;
        out.append(field);
    }
    return out;
}

std::string filter_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    bool space = false;
    for (unsigned char c : value) {
        if (std::isspace(c)) {
            space = true;
            continue;
        }
        if (space && term.size() > prefix.size()) term.push_back(' ');
        space = false;
        term.push_back(static_cast<char>(std::tolower(c)));
    }
    if (term.size() > kMaxTermBytes) term.resize(kMaxTermBytes);
    return term;
}

}  // namespace thinkdex::schema
