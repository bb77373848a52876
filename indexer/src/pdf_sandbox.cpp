#include "pdf_sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <new>

namespace thinkdex::indexer::detail {

namespace {

constexpr int kExitMemory = 3;  // the child's exit status when an allocation failed
constexpr int kExitThrew = 4;   // ... when `work` threw anything else

#if !defined(__SANITIZE_ADDRESS__)
/// Bytes of address space the process has mapped now (/proc/self/statm's first field).
std::size_t mapped_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    statm >> pages;
    return pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}
#endif

void write_all(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void child(int out_fd, const std::function<std::string()>& work,
                        const SandboxLimits& limits) {
    // Pipes other threads opened for their own children would stay open here, and keep those
    // children's readers from seeing the end of their output until this child ends.
    if (out_fd > 3) close_range(3, static_cast<unsigned>(out_fd - 1), 0);
    close_range(static_cast<unsigned>(out_fd + 1), ~0u, 0);
    const auto cpu = static_cast<rlim_t>(limits.cpu_seconds);
    rlimit cpu_limit{cpu, cpu + 1};
    setrlimit(RLIMIT_CPU, &cpu_limit);
#if !defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer maps terabytes of shadow memory: any address-space limit would fail
    // every allocation there, so sanitized builds bound only time.
    const rlim_t memory = static_cast<rlim_t>(mapped_bytes() + limits.memory);
    rlimit memory_limit{memory, memory};
    setrlimit(RLIMIT_AS, &memory_limit);
#endif
    int status = 0;
    try {
        write_all(out_fd, work());
    } catch (const std::bad_alloc&) {
        status = kExitMemory;
    } catch (...) {
        status = kExitThrew;
    }
    _exit(status);
}

/// Reads the child's output until it closes the pipe, the deadline passes or the output grows
/// past `max`; returns false in the last two cases.
bool read_output(int fd, std::chrono::steady_clock::time_point deadline, std::size_t max,
                 std::string& out, bool& timed_out) {
    char buf[65536];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return !(timed_out = true);
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) return !(timed_out = true);
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return true;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > max) return false;
    }
}

Error status_error(int status, bool timed_out, const SandboxLimits& limits) {
    const std::string cpu = std::to_string(limits.cpu_seconds) + " s";
    if (timed_out)
        return {"timeout", "took more than " + std::to_string(2 * limits.cpu_seconds) + " s"};
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGXCPU) return {"timeout", "took more than " + cpu + " of CPU time"};
        if (sig == SIGKILL) return {"memory", "was killed (out of memory?)"};
        return {"crash", std::string("crashed (") + sigabbrev_np(sig) + ")"};
    }
    const std::string mib = std::to_string(limits.memory >> 20) + " MiB";
    if (WEXITSTATUS(status) == kExitMemory)
        return {"memory", "needs more than " + mib + " of memory"};
    return {"crash", "failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")"};
}

}  // namespace

Result<std::string> run_in_child(const std::function<std::string()>& work,
                                 const SandboxLimits& limits) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return std::unexpected(Error{"sandbox", std::string("pipe: ") + std::strerror(errno)});
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(2 * limits.cpu_seconds);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return std::unexpected(Error{"sandbox", std::string("fork: ") + std::strerror(errno)});
    }
    if (pid == 0) child(fds[1], work, limits);
    ::close(fds[1]);
    std::string out;
    bool timed_out = false;
    const bool complete = read_output(fds[0], deadline, limits.max_output, out, timed_out);
    if (!complete) ::kill(pid, SIGKILL);
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!complete && !timed_out)
        return std::unexpected(Error{
            "sandbox", "wrote more than " + std::to_string(limits.max_output >> 20) + " MiB"});
    if (timed_out || WIFSIGNALED(status) || WEXITSTATUS(status) != 0)
        return std::unexpected(status_error(status, timed_out, limits));
    return out;
}

}  // namespace thinkdex::indexer::detail
