// bench-extract-speed: throughput of thinkdex::indexer::extract() against bare gumbo parsing,
// measured in the same run on the same pages held in memory.
//
//   bench-extract-speed [DIR] [--runs 7] [--passes 3]
//
// DIR is the article-body dev set (../shared/bench/article-body, or its html/ folder); every
// *.html / *.html.gz in it is read and inflated once. A run hands every page `--passes` times
// to each variant; the figure of a variant is the median pages/s over `--runs` runs:
//   gumbo      gumbo_parse + gumbo_destroy_output on the raw UTF-8 bytes (the ceiling for any
//              extractor that gives gumbo every byte)
//   extract    thinkdex::indexer::extract() on the same bytes (charset, pre-scan, parse,
//              metadata, main content)
// each on one thread and on two threads (workers take the next page from a shared counter).
// Wall-clock pages/s is the figure. On a shared machine wall time also counts waiting for a
// core, so pages per CPU-second are shown too: with two threads, 2 x (pages per CPU-second on
// two threads) / (on one thread) is the scaling the two threads reach when both have a core,
// which is what contention (locks, allocator, memory bandwidth) would lower.
// Exit 0 after printing, also when DIR is absent (the bench is then skipped with a message).

#include <gumbo.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "bench_machine.hpp"
#include "thinkdex/common/gzip.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace {

namespace fs = std::filesystem;
using thinkdex::bench::commit;
using thinkdex::bench::cpu_model;
using thinkdex::bench::load_average;
using thinkdex::bench::median;

constexpr std::size_t kMaxPageBytes = 64u << 20;  ///< inflated; the sets' pages are far smaller

// The page's bytes, inflated when gzipped (with the project's one gunzip); "" when unreadable.
std::string read_page(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    if (!thinkdex::is_gzip(bytes)) return bytes;
    return thinkdex::gunzip(bytes, kMaxPageBytes).value_or("");
}

double cpu_seconds(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Sample {
    double wall = 0;  ///< pages per wall-clock second
    double cpu = 0;   ///< pages per CPU-second, summed over the threads
};

// Runs `work(page)` over every page `passes` times on `threads` threads.
template <typename Work>
Sample run(const std::vector<std::string>& pages, int passes, int threads, Work work) {
    const std::size_t total = pages.size() * static_cast<std::size_t>(passes);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < total; i = next++) work(pages[i % pages.size()]);
    };
    // one thread: that thread's CPU time; several: the process's (this thread only waits)
    const clockid_t clock = threads == 1 ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID;
    double cpu0 = cpu_seconds(clock);
    auto t0 = std::chrono::steady_clock::now();
    if (threads == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
        for (auto& t : pool) t.join();
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double cpu = cpu_seconds(clock) - cpu0;
    Sample s;
    s.wall = static_cast<double>(total) / wall;
    if (cpu > 0) s.cpu = static_cast<double>(total) / cpu;
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Throughput of thinkdex extract() against bare gumbo parsing"};
    std::string dir = "../shared/bench/article-body";
    int runs = 7, passes = 3;
    app.add_option("DIR", dir, "article-body dev set (or its html/ folder)");
    app.add_option("--runs", runs, "Runs per variant; the median is reported")
        ->check(CLI::Range(5, 1000));
    app.add_option("--passes", passes, "Passes over the pages per run")->check(CLI::Range(1, 100));
    CLI11_PARSE(app, argc, argv);
    spdlog::set_level(spdlog::level::err);  // extraction warnings would only add noise here

    fs::path root = dir;
    if (fs::is_directory(root / "html")) root /= "html";
    if (!fs::is_directory(root)) {
        std::cout << "bench-extract-speed: skipped, no directory " << dir << "\n";
        return 0;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(root)) {
        std::string name = entry.path().filename().string();
        if (name.ends_with(".html") || name.ends_with(".html.gz")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> pages;
    std::size_t bytes = 0;
    for (const auto& f : files) {
        pages.push_back(read_page(f));
        bytes += pages.back().size();
    }
    if (pages.empty()) {
        std::cout << "bench-extract-speed: skipped, no pages in " << root.string() << "\n";
        return 0;
    }

    auto gumbo = [](const std::string& page) {
        GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(),
                                                    page.size());
        gumbo_destroy_output(&kGumboDefaultOptions, out);
    };
    std::atomic<std::size_t> sink{0};  // keeps the extraction from being optimised away
    auto extract = [&sink](const std::string& page) {
        auto e = thinkdex::indexer::extract(page);
        sink += e ? e->body.size() : 0;
    };

    // warm-up: page cache, allocator, lazily built tables
    run(pages, 1, 1, gumbo);
    run(pages, 1, 1, extract);

    std::vector<double> g1, g1cpu, e1, e1cpu, g2, e2, e2cpu;
    for (int r = 0; r < runs; ++r) {
        // interleaved, so that a change in the machine's load hits every variant alike
        Sample s = run(pages, passes, 1, gumbo);
        g1.push_back(s.wall);
        g1cpu.push_back(s.cpu);
        s = run(pages, passes, 1, extract);
        e1.push_back(s.wall);
        e1cpu.push_back(s.cpu);
        g2.push_back(run(pages, passes, 2, gumbo).wall);
        s = run(pages, passes, 2, extract);
        e2.push_back(s.wall);
        e2cpu.push_back(s.cpu);
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    const double n = static_cast<double>(pages.size());
    std::cout << fmt::format("commit {}, build {}, {}, {} hardware threads\n", commit(),
                             THINKDEX_BUILD_TYPE, cpu_model(),
                             std::thread::hardware_concurrency());
    std::cout << fmt::format("{} pages, {:.1f} MB in memory, {} runs x {} passes, medians\n",
                             pages.size(), mb, runs, passes);
    auto row = [&](const char* name, double pps, double cpu) {
        std::cout << fmt::format("  {:<18} {:8.1f} pages/s  {:6.1f} MB/s", name, pps,
                                 pps * mb / n);
        if (cpu > 0) std::cout << fmt::format("  ({:.1f} pages per CPU-second)", cpu);
        std::cout << "\n";
    };
    row("gumbo, 1 thread", median(g1), median(g1cpu));
    row("extract, 1 thread", median(e1), median(e1cpu));
    row("gumbo, 2 threads", median(g2), 0);
    row("extract, 2 threads", median(e2), median(e2cpu));
    std::cout << fmt::format("extract/gumbo, one core: {:.2f} wall, {:.2f} CPU (target >= 1.2)\n",
                             median(e1) / median(g1), median(e1cpu) / median(g1cpu));
    const double cpu_scaling = 2 * median(e2cpu) / median(e1cpu);
    std::cout << fmt::format("extract 2 threads / 1 thread: {:.2f} wall, {:.2f} from CPU time "
                             "(target >= 1.8; load average {})\n",
                             median(e2) / median(e1), cpu_scaling, load_average());
    // gumbo shares nothing between threads: its own scaling is what the machine allows now
    std::cout << fmt::format("control: gumbo 2 threads / 1 thread: {:.2f} wall\n",
                             median(g2) / median(g1));
    std::cout << fmt::format("SUMMARY gumbo_1t={:.1f} extract_1t={:.1f} extract_2t={:.1f} "
                             "ratio_1t={:.3f} ratio_cpu={:.3f} scaling_2t={:.3f} scaling_cpu={:.3f} "
                             "gumbo_scaling_2t={:.3f}\n",
                             median(g1), median(e1), median(e2), median(e1) / median(g1),
                             median(e1cpu) / median(g1cpu), median(e2) / median(e1), cpu_scaling,
                             median(g2) / median(g1));
    return sink.load() == 0 ? 1 : 0;
}
