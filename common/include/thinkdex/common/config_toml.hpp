#pragma once
// A config written back as TOML, for `thinkdex config --show`.

#include <string>

#include "thinkdex/common/config.hpp"

namespace thinkdex {

/// Every key of `config` with its effective value (defaults included), as a TOML document that
/// load_config() reads back to the same values. Keys are sorted within each table.
std::string to_toml(const Config& config);

}  // namespace thinkdex
