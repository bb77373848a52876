#include "thinkdex/common/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "thinkdex/common/error.hpp"

namespace thinkdex {

std::optional<FileLock> FileLock::try_lock(const std::filesystem::path& path,
                                           std::string* holder) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Fatal("cannot open lock file '" + path.string() + "': " + std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        if (holder) {
            char buf[32] = {};
            ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
            *holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
            while (!holder->empty() && (holder->back() == '\n' || holder->back() == ' '))
                holder->pop_back();
        }
        ::close(fd);
        if (err == EWOULDBLOCK) return std::nullopt;
        throw Fatal("cannot lock '" + path.string() + "': " + std::strerror(err));
    }
    // The holder's id, for the message another process gives; informative only.
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        // The lock holds without it.
    }
    return FileLock(fd);
}

FileLock::~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

}  // namespace thinkdex
