// bench-crawl: crawler throughput and memory against many local hosts, with a bare libcurl
// baseline measured in the same run.
//
//   bench-crawl [--hosts 50] [--pages 10000] [--runs 5] [--million-urls 1000000]
//               [--million-fetch 1000] [--skip-million]
//
// A server process serves `--hosts` sites on 127.0.0.1 .. 127.0.0.N (distinct loopback
// addresses are distinct hosts to the crawler, so it may fetch them in parallel), one port
// each, with no delay: `--pages` pages in all, each about 4 KB of text linking ten more pages
// of its site, and robots.txt answering 404. Every run is a fresh process (so that its peak
// resident memory, from wait4(), is the crawler's alone) with a fresh store:
//   baseline  a bare libcurl multi fetch of the same URLs (16 at once, as the crawler), bodies
//             dropped: no store, no robots.txt, no politeness, no link extraction
//   crawl     thinkdex::crawler::crawl() from the 50 seeds, delay 0, as `thinkdex crawl` runs
// The figures are the medians over `--runs` runs of each; the ratio crawl/baseline says what
// the crawler's work costs over the transfers themselves.
// Then one run discovers `--million-urls` URLs (a sitemap index of 20 sitemaps on one host,
// 50,000 URLs each), fetches only `--million-fetch` pages, and reports its peak resident memory.
// Targets (issue 4): >= 500 pages/s and < 200 MB for the crawl; < 300 MB with 1,000,000 URLs.

#include <curl/curl.h>
#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_machine.hpp"
#include "thinkdex/crawler/crawler.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr int kSitemaps = 20;
constexpr int kPerSitemap = 50000;
constexpr int kLinksPerPage = 10;

struct Options {
    int hosts = 50;
    int pages = 10000;
    int runs = 5;
    int million_urls = kSitemaps * kPerSitemap;
    int million_fetch = 1000;
    bool skip_million = false;
};

// ~4 KB of text, and links to pages i*10+1 .. i*10+10 of the same site (a tree: every page
// is reached once its parent is fetched).
std::string page_html(int i, int per_host) {
    std::string html = fmt::format(
        "<!doctype html><html><head><title>Brief {}</title></head><body><main><h1>Brief {}</h1>", i,
        i);
    for (int p = 0; p < 8; ++p) {
        html +=
            "<p>The regional security outlook remains uncertain as energy corridors, trade "
            "agreements and water disputes shape the policy choices of the states involved; "
            "analysts expect negotiations to continue through the next season. "
            "Further reading is listed below.</p>";
    }
    for (int k = 1; k <= kLinksPerPage; ++k) {
        int target = i * kLinksPerPage + k;
        if (target < per_host)
            html += fmt::format("<a href=\"/p/{}.html\">Brief {}</a> ", target, target);
    }
    return html + "</main></body></html>";
}

// cpp-httplib compresses text answers for clients that accept it, with brotli at its highest
// quality: that alone took half the machine's CPU. A bench server answers plainly (the
// request is httplib's own non-const object, so dropping the header is well defined), so
// that the crawler, not the server, is what is measured.
void plain(const httplib::Request& req) {
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
}

// The server process: `hosts` servers, ports written to `fd`, then serves until killed.
[[noreturn]] void serve(const Options& o, int fd) {
    int per_host = o.pages / o.hosts;
    std::vector<std::unique_ptr<httplib::Server>> servers;
    std::vector<std::thread> threads;
    std::vector<int> ports;
    for (int h = 1; h <= o.hosts; ++h) {
        auto server = std::make_unique<httplib::Server>();
        // One request at a time per host from the crawler: two threads are plenty.
        server->new_task_queue = [] { return new httplib::ThreadPool(2); };
        server->set_tcp_nodelay(true);
        server->Get(
            R"(/p/(\d+)\.html)", [per_host](const httplib::Request& req, httplib::Response& res) {
                plain(req);
                res.set_content(page_html(std::stoi(req.matches[1]), per_host), "text/html");
            });
        std::string address = fmt::format("127.0.0.{}", h);
        if (h == 1) {
            // The million-URL crawl: a sitemap index of kSitemaps sitemaps of kPerSitemap URLs.
            server->Get(
                "/sitemap-index.xml", [](const httplib::Request& req, httplib::Response& res) {
                    plain(req);
                    std::string xml =
                        "<?xml version=\"1.0\"?><sitemapindex "
                        "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
                    for (int s = 0; s < kSitemaps; ++s) {
                        xml += fmt::format("<sitemap><loc>http://{}/sitemap-{}.xml</loc></sitemap>",
                                           req.get_header_value("Host"), s);
                    }
                    res.set_content(xml + "</sitemapindex>", "application/xml");
                });
            server->Get(R"(/sitemap-(\d+)\.xml)",
                        [](const httplib::Request& req, httplib::Response& res) {
                            plain(req);
                            int s = std::stoi(req.matches[1]);
                            std::string host = req.get_header_value("Host");
                            std::string xml =
                                "<?xml version=\"1.0\"?><urlset "
                                "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
                            xml.reserve(static_cast<std::size_t>(kPerSitemap) * 80);
                            for (int u = 0; u < kPerSitemap; ++u) {
                                xml += fmt::format("<url><loc>http://{}/big/{}/{}.html</loc></url>",
                                                   host, s, u);
                            }
                            res.set_content(xml + "</urlset>", "application/xml");
                        });
            server->Get(R"(/big/(\d+)/(\d+)\.html)",
                        [](const httplib::Request& req, httplib::Response& res) {
                            plain(req);
                            res.set_content(page_html(0, 0), "text/html");
                        });
        }
        int port = server->bind_to_any_port(address);
        if (port <= 0) {
            std::fprintf(stderr, "bench-crawl: cannot listen on %s\n", address.c_str());
            _exit(1);
        }
        ports.push_back(port);
        threads.emplace_back([s = server.get()] { s->listen_after_bind(); });
        servers.push_back(std::move(server));
    }
    for (auto& s : servers) {
        while (!s->is_running()) std::this_thread::sleep_for(1ms);
    }
    if (write(fd, ports.data(), ports.size() * sizeof(int)) < 0) _exit(1);
    close(fd);
    while (true) pause();
}

struct RunResult {
    double seconds = 0;
    std::size_t pages = 0;       // pages fetched
    std::size_t discovered = 0;  // URLs in the frontier and the store (million run)
    long max_rss_kb = 0;         // from wait4()
    bool ok = false;
};

// Runs `body` in a child process; its result comes back through a pipe, its peak RSS from
// wait4().
template <typename F>
RunResult in_child(F&& body) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        RunResult r = body();
        if (write(fds[1], &r, sizeof r) < 0) _exit(1);
        _exit(0);
    }
    close(fds[1]);
    RunResult r;
    bool got = read(fds[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r);
    close(fds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    r.ok = got && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    r.max_rss_kb = usage.ru_maxrss;
    return r;
}

std::size_t on_body(char*, std::size_t size, std::size_t n, void*) { return size * n; }

// The same URLs with a bare libcurl multi handle, 16 at once: what the network and the
// servers allow.
RunResult baseline(const std::vector<std::string>& urls) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM* multi = curl_multi_init();
    std::size_t next = 0, done = 0, running_count = 0;
    auto add = [&] {
        CURL* e = curl_easy_init();
        curl_easy_setopt(e, CURLOPT_URL, urls[next++].c_str());
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
        curl_multi_add_handle(multi, e);
        ++running_count;
    };
    auto start = Clock::now();
    while (next < urls.size() && running_count < 16) add();
    while (running_count > 0) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            long status = 0;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
            done += status == 200;
            curl_multi_remove_handle(multi, msg->easy_handle);
            curl_easy_cleanup(msg->easy_handle);
            --running_count;
            if (next < urls.size()) add();
        }
        if (running_count > 0) curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    RunResult r;
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    r.pages = done;
    curl_multi_cleanup(multi);
    return r;
}

thinkdex::CrawlConfig crawl_config(const std::vector<std::string>& seeds) {
    thinkdex::CrawlConfig c;
    for (const auto& seed : seeds) c.sources.push_back(thinkdex::Source{"bench", seed, {}, {}});
    c.delay = 0ms;
    c.max_pages = 0;
    c.max_depth = 100;
    return c;
}

RunResult crawl_run(const thinkdex::CrawlConfig& config) {
    spdlog::set_level(spdlog::level::err);
    auto dir = fs::temp_directory_path() / fmt::format("bench-crawl-{}", getpid());
    fs::remove_all(dir);
    RunResult r;
    {
        thinkdex::store::CrawlStore store(dir / "crawl.sqlite");
        auto start = Clock::now();
        auto stats = thinkdex::crawler::crawl(config, store);
        r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        r.pages = stats.fetched;
        auto counts = store.counts();
        r.discovered = static_cast<std::size_t>(counts.pages + counts.queued);
    }
    fs::remove_all(dir);
    return r;
}

double mb(long kb) { return static_cast<double>(kb) / 1024.0; }

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app{"bench-crawl: crawler pages/s and peak memory against local hosts"};
    app.add_option("--hosts", o.hosts, "Sites, on 127.0.0.1 .. 127.0.0.N (at most 250)")
        ->check(CLI::Range(1, 250));
    app.add_option("--pages", o.pages, "Pages in all, spread over the sites")
        ->check(CLI::PositiveNumber);
    app.add_option("--runs", o.runs, "Runs of each variant; medians are reported")
        ->check(CLI::PositiveNumber);
    app.add_option("--million-fetch", o.million_fetch, "Pages fetched in the million-URL run");
    app.add_flag("--skip-million", o.skip_million, "Skip the million-URL run");
    CLI11_PARSE(app, argc, argv);

    int fds[2];
    if (pipe(fds) != 0) return 1;
    pid_t server = fork();  // before any thread is started
    if (server == 0) {
        close(fds[0]);
        serve(o, fds[1]);
    }
    close(fds[1]);
    std::vector<int> ports(static_cast<std::size_t>(o.hosts));
    if (read(fds[0], ports.data(), ports.size() * sizeof(int)) !=
        static_cast<ssize_t>(ports.size() * sizeof(int))) {
        std::cerr << "bench-crawl: the servers did not start\n";
        kill(server, SIGTERM);
        return 1;
    }
    close(fds[0]);

    int per_host = o.pages / o.hosts;
    std::vector<std::string> seeds, urls;
    for (int h = 0; h < o.hosts; ++h) {
        std::string base =
            fmt::format("http://127.0.0.{}:{}", h + 1, ports[static_cast<std::size_t>(h)]);
        seeds.push_back(base + "/p/0.html");
        for (int i = 0; i < per_host; ++i) urls.push_back(fmt::format("{}/p/{}.html", base, i));
    }
    // Interleave the hosts, as the crawler's frontier does.
    std::vector<std::string> interleaved;
    for (int i = 0; i < per_host; ++i) {
        for (int h = 0; h < o.hosts; ++h)
            interleaved.push_back(urls[static_cast<std::size_t>(h * per_host + i)]);
    }

    std::cout << "bench-crawl: commit " << thinkdex::bench::commit() << ", " << THINKDEX_BUILD_TYPE
              << " build, " << thinkdex::bench::cpu_model() << ", "
              << std::thread::hardware_concurrency() << " cores, load "
              << thinkdex::bench::load_average() << "\n"
              << fmt::format("{} hosts, {} pages ({} per host), {} runs each\n", o.hosts,
                             per_host * o.hosts, per_host, o.runs);

    std::vector<double> base_rate, crawl_rate, crawl_rss;
    auto config = crawl_config(seeds);
    bool ok = true;
    for (int run = 0; run < o.runs; ++run) {
        RunResult b = in_child([&] { return baseline(interleaved); });
        RunResult c = in_child([&] { return crawl_run(config); });
        ok = ok && b.ok && c.ok;
        base_rate.push_back(static_cast<double>(b.pages) / b.seconds);
        crawl_rate.push_back(static_cast<double>(c.pages) / c.seconds);
        crawl_rss.push_back(mb(c.max_rss_kb));
        std::cout << fmt::format(
                         "run {}: baseline {} pages in {:.2f} s ({:.0f}/s, {:.1f} MB); "
                         "crawl {} pages in {:.2f} s ({:.0f}/s, peak RSS {:.1f} MB)\n",
                         run + 1, b.pages, b.seconds, base_rate.back(), mb(b.max_rss_kb), c.pages,
                         c.seconds, crawl_rate.back(), crawl_rss.back())
                  << std::flush;
    }
    double base = thinkdex::bench::median(base_rate);
    double crawl = thinkdex::bench::median(crawl_rate);
    double rss = thinkdex::bench::median(crawl_rss);
    std::cout << fmt::format(
        "median: baseline {:.0f} pages/s; crawl {:.0f} pages/s ({:.2f} of the "
        "baseline), peak RSS {:.1f} MB  [target >= 500 pages/s, < 200 MB: {}]\n",
        base, crawl, base > 0 ? crawl / base : 0, rss,
        crawl >= 500 && rss < 200 ? "met" : "NOT met");

    if (!o.skip_million) {
        auto million = crawl_config({seeds[0]});
        std::string base_url = fmt::format("http://127.0.0.1:{}", ports[0]);
        million.sources[0].sitemaps.push_back(base_url + "/sitemap-index.xml");
        million.max_pages = static_cast<std::size_t>(o.million_fetch);
        RunResult m = in_child([&] { return crawl_run(million); });
        ok = ok && m.ok;
        std::cout << fmt::format(
            "million: {} URLs discovered ({} sitemaps x {}), {} pages fetched, "
            "{:.1f} s, peak RSS {:.1f} MB  [target < 300 MB: {}]\n",
            m.discovered, kSitemaps, kPerSitemap, m.pages, m.seconds, mb(m.max_rss_kb),
            mb(m.max_rss_kb) < 300 ? "met" : "NOT met");
    }
    kill(server, SIGTERM);
    waitpid(server, nullptr, 0);
    if (!ok) std::cerr << "bench-crawl: a run failed\n";
    return ok ? 0 : 1;
}
