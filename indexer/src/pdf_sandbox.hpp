#pragma once
// Private: running a risky parser (poppler) on untrusted bytes in a forked child process with
// bounded CPU time, wall-clock time and memory, so that a file that loops, explodes or crashes
// the parser costs one skipped file, never the caller.

#include <cstddef>
#include <functional>
#include <string>

#include "thinkdex/common/error.hpp"

namespace thinkdex::indexer::detail {

struct SandboxLimits {
    int cpu_seconds = 30;           ///< RLIMIT_CPU of the child; the wall clock allows twice this
    std::size_t memory = 1u << 30;  ///< address space the child may add to what it inherits
    std::size_t max_output = 256u << 20;  ///< bytes of output read before the child is stopped
};

/// Runs `work` in a child made by fork() (without exec: the child inherits the input and needs
/// no helper program) and returns what it returned. `work` must use only what is safe after a
/// fork in a threaded process: the heap (glibc's malloc is fork-safe) and state the parent never
/// touches (poppler runs only in children), not spdlog or locks other threads may hold.
///
/// Fails with kind "timeout" (CPU or wall clock), "memory" (an allocation failed, or the child
/// was killed for memory), "crash" (the child died by a signal, with its name) or "sandbox"
/// (fork or pipe failed, or the output exceeded max_output).
Result<std::string> run_in_child(const std::function<std::string()>& work,
                                 const SandboxLimits& limits);

}  // namespace thinkdex::indexer::detail
