#pragma once
// Errors shared by every module.
//
// Expected per-item failures (a 404, a page that will not parse, a malformed query) are values:
// functions return `std::expected<T, thinkdex::Error>`. Fatal conditions (a database that will
// not open, a bad config) throw `thinkdex::Fatal`; `main` maps them to exit codes.

#include <expected>
#include <stdexcept>
#include <string>

namespace thinkdex {

/// What went wrong with one item, e.g. {"fetch", "http://x/a: HTTP 404"}.
struct Error {
    std::string kind;     ///< short machine-readable reason ("http", "robots", "parse", "query")
    std::string message;  ///< what failed, on what, and why
};

template <typename T>
using Result = std::expected<T, Error>;

/// Thrown when a run cannot go on. `exit_code()` is 2 for usage and configuration errors and
/// 1 for everything else, as documented in the README.
class Fatal : public std::runtime_error {
  public:
    explicit Fatal(const std::string& message, int exit_code = 1)
        : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const noexcept { return exit_code_; }

  private:
    int exit_code_;
};

/// A configuration or usage problem (exit code 2).
class ConfigError : public Fatal {
  public:
    explicit ConfigError(const std::string& message) : Fatal(message, 2) {}
};

}  // namespace thinkdex
