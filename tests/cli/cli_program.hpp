#pragma once
// The `thinkdex` program the CLI tests run.

#include <string>

#include "test_util.hpp"

namespace thinkdex {

inline std::string thinkdex() { return test::bin("thinkdex").string(); }

}  // namespace thinkdex
