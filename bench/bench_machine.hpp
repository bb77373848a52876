#pragma once
// What every benchmark prints beside its figures (commit, CPU, load), and the median it
// reports: shared by the bench programs. Needs THINKDEX_SOURCE_DIR defined by CMake.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace thinkdex::bench {

/// First line a shell command prints, without its newline; "" when it fails.
inline std::string first_line_of_command(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[256];
        if (std::fgets(buffer, sizeof buffer, pipe)) out = buffer;
        pclose(pipe);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

/// Short hash of the source tree's HEAD, marked when tracked files have uncommitted changes.
inline std::string commit() {
    const std::string git = "git -C '" + std::string(THINKDEX_SOURCE_DIR) + "' ";
    std::string hash = first_line_of_command(git + "rev-parse --short HEAD 2>/dev/null");
    if (hash.empty()) return "unknown";
    if (!first_line_of_command(git + "status --porcelain --untracked-files=no 2>/dev/null").empty())
        hash += " (with uncommitted changes)";
    return hash;
}

inline std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("model name")) {
            auto colon = line.find(':');
            if (colon != std::string::npos)
                return line.substr(line.find_first_not_of(" \t", colon + 1));
        }
    }
    return "unknown CPU";
}

/// "1.20 0.95 0.80": the 1, 5 and 15 minute load averages.
inline std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one.empty() ? "?" : one + " " + five + " " + fifteen;
}

inline double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n == 0 ? 0 : n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace thinkdex::bench
