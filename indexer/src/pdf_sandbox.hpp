#pragma once
// Private: running a risky parser (poppler, in the thinkdex-pdf-reader program) on untrusted
// bytes in a child process with bounded CPU time, wall-clock time and memory, so that a file
// that loops, explodes or crashes the parser costs one skipped file, never the caller.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "thinkdex/common/error.hpp"

namespace thinkdex::indexer::detail {

struct SandboxLimits {
    int cpu_seconds = 30;           ///< RLIMIT_CPU of the child; the wall clock allows twice this
    std::size_t memory = 1u << 30;  ///< address space the child may map (RLIMIT_AS)
    std::size_t max_output = 256u << 20;  ///< bytes of output read before the child is stopped
};

/// What a sandboxed program exits with when an allocation failed (reported as kind "memory"),
/// and when it failed otherwise.
inline constexpr int kExitOutOfMemory = 3;
inline constexpr int kExitFailed = 4;

/// Runs `program` with `args`, `input` on its standard input, and returns its standard output.
/// The child is made by fork() and exec() at once (nothing else runs between them, so a
/// threaded caller is safe under any allocator); its standard error is the caller's.
///
/// Fails with kind "timeout" (CPU or wall clock), "memory" (it exited with kExitOutOfMemory,
/// or was killed for memory), "crash" (it died by a signal, with its name, or exited non-zero)
/// or "sandbox" (the program cannot be run, or its output exceeded max_output).
Result<std::string> run_program(const std::filesystem::path& program,
                                const std::vector<std::string>& args, std::string_view input,
                                const SandboxLimits& limits);

}  // namespace thinkdex::indexer::detail
