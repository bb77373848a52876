#include "test_util.hpp"

#include <fcntl.h>
#include <zlib.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>
#include <stdexcept>

extern char** environ;

namespace thinkdex::test {

TempDir::TempDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = std::filesystem::temp_directory_path() /
                         ("thinkdex-test-" + std::to_string(rd()) + std::to_string(::getpid()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temp directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

RunResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
              const std::string& input) {
    TempDir io;
    auto in_path = io.path() / "in", out_path = io.path() / "out", err_path = io.path() / "err";
    write_file(in_path, input);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);

    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
        std::string entry(*e);
        auto name = entry.substr(0, entry.find('='));
        if (!env.contains(name)) env_strings.push_back(entry);
    }
    for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp, args;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_copy = argv;
    for (auto& s : argv_copy) args.push_back(s.data());
    args.push_back(nullptr);

    pid_t pid;
    int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot run " + argv.at(0));
    int status = 0;
    ::waitpid(pid, &status, 0);

    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    return result;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read '" + path.string() + "'");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string gzip(const std::string& data) {
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(compressBound(static_cast<uLong>(data.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write '" + path.string() + "'");
}

std::filesystem::path bin(const std::string& name) {
    return std::filesystem::path(THINKDEX_BIN_DIR) / name;
}

std::filesystem::path data(const std::string& relative) {
    return std::filesystem::path(THINKDEX_TEST_DATA) / relative;
}

std::filesystem::path sample_site_pdfs() { return THINKDEX_SAMPLE_SITE_PDF_DIR; }

std::string prose(unsigned seed, std::size_t words) {
    static const std::vector<std::string> vocabulary = {
        "sanctions", "tariffs", "exports", "customs", "banking", "currency", "reserves",
        "enforcement", "the", "of", "and", "in", "policy", "ministers", "compliance", "shipping",
        "insurance", "oil", "price", "cap", "evasion", "networks", "brokers", "licences"};
    std::string text;
    std::uint32_t state = seed;
    for (std::size_t i = 0; i < words; ++i) {
        state = state * 1664525u + 1013904223u;  // a linear congruential generator
        if (!text.empty()) text += (i % 17 == 0) ? ". " : " ";
        text += vocabulary[(state >> 16) % vocabulary.size()];
    }
    return text + ".";
}

}  // namespace thinkdex::test
