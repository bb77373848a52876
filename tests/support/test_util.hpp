#pragma once
// Small helpers for tests: a private temp directory, running a program, reading files.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace thinkdex::test {

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `argv` (argv[0] is a path) with extra environment variables, feeding `input` to stdin,
/// and waits for it. Captures stdout and stderr.
RunResult run(const std::vector<std::string>& argv,
              const std::map<std::string, std::string>& env = {}, const std::string& input = {});

std::string read_file(const std::filesystem::path& path);
/// `data` as one gzip member, e.g. for .html.gz files and gzipped sitemaps.
std::string gzip(const std::string& data);

/// `words` words of prose-like text from a fixed vocabulary (sanctions policy), with a full
/// stop every 17 words; equal seeds give equal text.
std::string prose(unsigned seed, std::size_t words);
void write_file(const std::filesystem::path& path, const std::string& content);

/// Path of a built program, e.g. bin("thinkdex").
std::filesystem::path bin(const std::string& name);
/// Path under tests/data.
std::filesystem::path data(const std::string& relative);
/// The sample site's PDF report, built from tests/data/pdf: serve it beside data("site")
/// (HttpServer::add_root).
std::filesystem::path sample_site_pdfs();

}  // namespace thinkdex::test
