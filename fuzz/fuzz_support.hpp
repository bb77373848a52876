#pragma once
// What every fuzz target shares: the libFuzzer entry points and a property check that stops the
// run with a message, so a broken property is reported like a crash.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace thinkdex::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Aborts (a finding for libFuzzer) when `ok` is false.
inline void check(bool ok, const char* property) {
    if (ok) return;
    std::fprintf(stderr, "fuzz property violated: %s\n", property);
    std::abort();
}

}  // namespace thinkdex::fuzz
