#include "pdf_sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

namespace thinkdex::indexer::detail {

namespace {

constexpr int kExitCannotRun = 127;  // the child's status when exec() failed, as in the shell

Error sandbox_error(const std::string& what) {
    return {"sandbox", what + ": " + std::strerror(errno)};
}

/// A file descriptor closed when it goes out of scope.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

/// The input as an anonymous in-memory file, read from the start: the child reads it as its
/// standard input while the parent reads the output, and neither can block the other.
Result<int> input_file(std::string_view input) {
    const int fd = ::memfd_create("thinkdex-sandbox-input", MFD_CLOEXEC);
    if (fd < 0) return std::unexpected(sandbox_error("memfd_create"));
    std::size_t done = 0;
    while (done < input.size()) {
        const ssize_t n = ::write(fd, input.data() + done, input.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            Error e = sandbox_error("writing the input");
            ::close(fd);
            return std::unexpected(e);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::lseek(fd, 0, SEEK_SET) != 0) {
        Error e = sandbox_error("lseek");
        ::close(fd);
        return std::unexpected(e);
    }
    return fd;
}

/// In the child, between fork() and exec(): only async-signal-safe calls.
[[noreturn]] void child(int in_fd, int out_fd, char* const argv[], const SandboxLimits& limits) {
    if (::dup2(in_fd, STDIN_FILENO) < 0 || ::dup2(out_fd, STDOUT_FILENO) < 0) _exit(kExitCannotRun);
    // Files other threads opened without O_CLOEXEC (databases, pipes to their own children)
    // are not the program's business.
    ::close_range(3, ~0u, 0);
    const auto cpu = static_cast<rlim_t>(limits.cpu_seconds);
    rlimit cpu_limit{cpu, cpu + 1};
    ::setrlimit(RLIMIT_CPU, &cpu_limit);
#if !defined(__SANITIZE_ADDRESS__)
    // A sanitized reader maps terabytes of shadow memory: any address-space limit would fail
    // every allocation there, so sanitized builds bound only time.
    const auto memory = static_cast<rlim_t>(limits.memory);
    rlimit memory_limit{memory, memory};
    ::setrlimit(RLIMIT_AS, &memory_limit);
#endif
    ::execv(argv[0], argv);
    _exit(kExitCannotRun);
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

Error status_error(int status, bool timed_out, const SandboxLimits& limits,
                   const std::filesystem::path& program) {
    const std::string cpu = std::to_string(limits.cpu_seconds) + " s";
    if (timed_out)
        return {"timeout", "took more than " + std::to_string(2 * limits.cpu_seconds) + " s"};
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGXCPU) return {"timeout", "took more than " + cpu + " of CPU time"};
        if (sig == SIGKILL) return {"memory", "was killed (out of memory?)"};
        return {"crash", std::string("crashed (") + sigabbrev_np(sig) + ")"};
    }
    const int code = WEXITSTATUS(status);
    if (code == kExitOutOfMemory)
        return {"memory", "needs more than " + std::to_string(limits.memory >> 20) + " MiB of memory"};
    if (code == kExitCannotRun) return {"sandbox", "cannot run '" + program.string() + "'"};
    return {"crash", "failed (exit status " + std::to_string(code) + ")"};
}

}  // namespace

Result<std::string> run_program(const std::filesystem::path& program,
                                const std::vector<std::string>& args, std::string_view input,
                                const SandboxLimits& limits) {
    if (::access(program.c_str(), X_OK) != 0)
        return std::unexpected(sandbox_error("cannot run '" + program.string() + "'"));
    // Everything the child needs is made before fork(): it must not allocate.
    std::vector<std::string> strings{program.string()};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    auto in = input_file(input);
    if (!in) return std::unexpected(in.error());
    Fd in_fd{*in};
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return std::unexpected(sandbox_error("pipe"));
    Fd out_read{fds[0]};
    Fd out_write{fds[1]};
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(2 * limits.cpu_seconds);
    const pid_t pid = ::fork();
    if (pid < 0) return std::unexpected(sandbox_error("fork"));
    if (pid == 0) child(in_fd.fd, out_write.fd, argv.data(), limits);
    ::close(std::exchange(out_write.fd, -1));
    std::string out;
    bool timed_out = false;
    const bool complete = read_output(out_read.fd, deadline, limits.max_output, out, timed_out);
    if (!complete) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!complete && !timed_out)
        return std::unexpected(Error{
            "sandbox", "wrote more than " + std::to_string(limits.max_output >> 20) + " MiB"});
    if (timed_out || WIFSIGNALED(status) || WEXITSTATUS(status) != 0)
        return std::unexpected(status_error(status, timed_out, limits, program));
    return out;
}

}  // namespace thinkdex::indexer::detail
