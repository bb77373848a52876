#pragma once
// One line of a JSON-lines file (`index --jsonl`, `search --batch`, a partitioned crawl's
// inbox), parsed the one way all of them read it.

#include <expected>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace thinkdex {

/// The JSON value on `line`, or a message for the user: "not valid JSON: ..." with the
/// parser's reason, or "not valid JSON: a NUL byte at column N". nlohmann-json reads a NUL
/// byte as the end of its input, so `{"id": 1}` followed by a NUL and anything at all would
/// otherwise pass as that object alone. Never throws for bad input.
std::expected<nlohmann::json, std::string> parse_json_line(std::string_view line);

}  // namespace thinkdex
