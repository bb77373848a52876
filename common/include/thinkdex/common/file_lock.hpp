#pragma once
// An exclusive lock on a file (flock), for "one writer per data dir" rules that the files
// themselves cannot enforce: two crawls on one crawl store would each keep their own per-host
// politeness and together break it. The kernel drops the lock when the process dies, so a
// killed run never leaves a stale lock behind.

#include <filesystem>
#include <optional>
#include <string>

namespace thinkdex {

class FileLock {
  public:
    /// Takes the lock on `path` (creating the file) without waiting, and writes this process's
    /// id into it. Nothing when another process holds it; `holder`, when given, then receives
    /// that process's id as it wrote it ("" if unknown). Throws Fatal naming the path when the
    /// file cannot be opened.
    static std::optional<FileLock> try_lock(const std::filesystem::path& path,
                                            std::string* holder = nullptr);
    ~FileLock();
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

  private:
    explicit FileLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace thinkdex
