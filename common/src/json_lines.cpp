#include "thinkdex/common/json_lines.hpp"

#include <nlohmann/json.hpp>

namespace thinkdex {

std::expected<nlohmann::json, std::string> parse_json_line(std::string_view line) {
    if (auto nul = line.find('\0'); nul != std::string_view::npos)
        return std::unexpected("not valid JSON: a NUL byte at column " + std::to_string(nul + 1));
    try {
        return nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
        return std::unexpected(std::string("not valid JSON: ") + e.what());
    }
}

}  // namespace thinkdex
