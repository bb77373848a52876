#include "thinkdex/common/shard.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex {

std::string ShardAddress::name() const {
    if (!remote()) return path.string();
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

namespace {

/// Whether `text` ends in ":DIGITS" after a host without '/': the remote form.
bool looks_remote(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == text.size()) return false;
    if (text.find('/') != std::string_view::npos) return false;
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(colon) + 1, text.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

std::optional<ShardAddress> parse_shard_address(std::string_view text, std::string& why) {
    if (text.find_first_not_of(" \t") == std::string_view::npos) {
        why = "a shard must be HOST:PORT or an index directory, not empty";
        return std::nullopt;
    }
    if (std::any_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        why = "a shard must not contain control characters";
        return std::nullopt;
    }
    ShardAddress out;
    if (!looks_remote(text)) {
        out.path = std::string(text);
        return out;
    }
    const auto colon = text.rfind(':');
    std::string_view host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    unsigned long port = 0;
    const std::string_view digits = text.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (host.empty() || ec != std::errc() || port < 1 || port > 65535) {
        why = "shard '" + std::string(text) + "' must be HOST:PORT with a host and a port of 1 "
              "to 65535";
        return std::nullopt;
    }
    out.host = std::string(host);
    out.port = static_cast<unsigned>(port);
    return out;
}

std::vector<ShardAddress> read_stub_file(const std::filesystem::path& stub) {
    std::ifstream in(stub);
    if (!in) throw ConfigError("cannot read stub database '" + stub.string() + "'");
    std::vector<ShardAddress> out;
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        auto fail = [&](const std::string& why) {
            throw ConfigError(stub.string() + ":" + std::to_string(line_no) + ": " + why);
        };
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        const auto space = line.find_first_of(" \t", start);
        const std::string type = line.substr(start, space - start);
        const auto arg_at = space == std::string::npos ? space : line.find_first_not_of(" \t", space);
        if (arg_at == std::string::npos) fail("'" + type + "' needs an argument");
        std::string arg = line.substr(arg_at);
        while (!arg.empty() && (arg.back() == ' ' || arg.back() == '\t')) arg.pop_back();
        std::string why;
        if (type == "remote") {
            if (arg.starts_with(':'))
                fail("'remote :PROGRAM' is not supported: use 'remote HOST:PORT' of a "
                     "`thinkdex serve-shard`");
            auto address = parse_shard_address(arg, why);
            if (!address || !address->remote())
                fail(address ? "'remote " + arg + "' must be HOST:PORT" : why);
            out.push_back(*address);
        } else if (type == "auto" || type == "glass") {
            std::filesystem::path path(arg);
            if (path.is_relative()) path = stub.parent_path() / path;
            out.push_back(ShardAddress{{}, 0, path});
        } else {
            fail("unknown line type '" + type + "': expected remote HOST:PORT, auto PATH or "
                 "glass PATH");
        }
    }
    if (out.empty()) throw ConfigError("stub database '" + stub.string() + "' lists no shard");
    return out;
}

ShardPart parse_shard_part(std::string_view text, std::string_view what) {
    auto fail = [&] {
        return ConfigError(std::string(what) + " must be i/N with 0 <= i < N <= " +
                           std::to_string(kMaxShards) + " (got '" + std::string(text) + "')");
    };
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) throw fail();
    ShardPart part;
    const std::string_view i = text.substr(0, slash), n = text.substr(slash + 1);
    auto number = [&](std::string_view s, unsigned& out) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return !s.empty() && ec == std::errc() && end == s.data() + s.size();
    };
    if (!number(i, part.index) || !number(n, part.count) || part.count == 0 ||
        part.count > kMaxShards || part.index >= part.count)
        throw fail();
    return part;
}

unsigned shard_of_host(std::string_view host, unsigned count) {
    std::string lower(host);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a offset basis
    for (unsigned char c : schema::bare_host(lower)) {
        hash ^= c;
        hash *= 1099511628211ULL;  // FNV prime
    }
    return static_cast<unsigned>(hash % count);
}

}  // namespace thinkdex
