// Feeds GCC's -fsanitize-coverage=trace-pc into libFuzzer's engine.
//
// Debian 12's clang 14 can build libFuzzer targets, but its libstdc++ headers give it no
// std::expected, which thinkdex uses throughout; GCC 12 compiles thinkdex, but has no libFuzzer.
// GCC can instrument every basic block with a call to __sanitizer_cov_trace_pc() and every
// comparison with __sanitizer_cov_trace_cmp*() (which libFuzzer implements). libFuzzer 14 no
// longer reads trace-pc itself, so this file does: each block's return address is hashed into an
// array of 8-bit counters registered with libFuzzer as if clang's inline-8bit-counters had made
// it. The build links a copy of libFuzzer whose own __sanitizer_cov_trace_pc (which only prints
// "no longer supported" and exits) is weakened, so this definition wins. Built without coverage
// instrumentation, or every counter update would call itself.

#include <cstddef>
#include <cstdint>

extern "C" void __sanitizer_cov_8bit_counters_init(std::uint8_t* start, std::uint8_t* stop);
extern "C" void __sanitizer_cov_pcs_init(const std::uintptr_t* begin, const std::uintptr_t* end);

namespace {

// 2^16 counters: a few thousand blocks per target collide rarely at this size.
constexpr unsigned kCounterBits = 16;
constexpr std::size_t kCounters = std::size_t{1} << kCounterBits;

alignas(64) std::uint8_t counters[kCounters];
// libFuzzer wants a (pc, flags) pair per counter for its reports; a slot number stands in.
std::uintptr_t pc_table[2 * kCounters];

struct Registration {
    Registration() {
        for (std::size_t i = 0; i < kCounters; ++i) pc_table[2 * i] = i + 1;
        __sanitizer_cov_8bit_counters_init(counters, counters + kCounters);
        __sanitizer_cov_pcs_init(pc_table, pc_table + 2 * kCounters);
    }
} registration;

}  // namespace

extern "C" void __sanitizer_cov_trace_pc() {
    auto pc = reinterpret_cast<std::uintptr_t>(__builtin_return_address(0));
    // Fibonacci hashing: the top bits of pc × 2^64/φ spread nearby addresses apart.
    const std::uint64_t slot = (static_cast<std::uint64_t>(pc) * 0x9E3779B97F4A7C15ULL) >>
                               (64 - kCounterBits);
    ++counters[slot];
}

// GCC's trace-cmp also reports floating-point comparisons, which libFuzzer has no hook for;
// they carry nothing it could use, so they are dropped.
extern "C" void __sanitizer_cov_trace_cmpf(float, float) {}
extern "C" void __sanitizer_cov_trace_cmpd(double, double) {}
