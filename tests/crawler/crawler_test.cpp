#include "thinkdex/crawler/crawler.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fetcher.hpp"
#include "http_server.hpp"
#include "test_util.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::crawler {
namespace {

using test::gzip;

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A small site in a temp dir, served on 127.0.0.1. Routes are scripted before start(); files
// may be written at any time (the server reads them per request).
class Site {
  public:
    Site() : server_(root_.path()) {}
    httplib::Server& routes() { return server_.server(); }
    void start() { server_.start(); }
    std::string url(const std::string& path) const { return server_.base_url() + path; }
    void write(const std::string& path, const std::string& content) {
        test::write_file(root_.path() / path.substr(1), content);
    }
    void remove(const std::string& path) { std::filesystem::remove(root_.path() / path.substr(1)); }
    std::vector<std::string> requests() const { return server_.requests(); }
    std::size_t count(const std::string& path) const {
        auto r = requests();
        return static_cast<std::size_t>(std::ranges::count(r, path));
    }
    int max_in_flight() const { return server_.max_in_flight(); }

  private:
    test::TempDir root_;
    test::HttpServer server_;
};

std::string page(const std::string& title, const std::string& body) {
    return "<!doctype html><html><head><title>" + title + "</title></head><body>" + body +
           "</body></html>";
}

CrawlConfig config_for(const std::string& seed) {
    CrawlConfig c;
    c.sources.push_back(Source{"test", seed, {}, {}});
    c.delay = 0ms;
    c.connect_timeout = 5s;
    c.timeout = 10s;
    c.max_pages = 100;
    return c;
}

std::size_t skipped(const CrawlStats& s, const std::string& reason) {
    auto it = s.skipped.find(reason);
    return it == s.skipped.end() ? 0 : it->second;
}

class CrawlerTest : public testing::Test {
  protected:
    void SetUp() override { spdlog::set_level(spdlog::level::warn); }
    store::CrawlStore open_store() { return store::CrawlStore(data_.path() / "crawl.sqlite"); }
    test::TempDir data_;
};

TEST_F(CrawlerTest, CrawlsASmallSiteObeyingRobotsScopeAndStatus) {
    Site site;
    site.routes().Get("/old", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/moved.html");
    });
    site.start();
    site.write("/robots.txt", "User-agent: *\nDisallow: /private/\nSitemap: " +
                                  site.url("/sitemap.xml") + "\n");
    site.write("/index.html",
               "<!doctype html><html><head><title>Home</title>"
               "<link rel=alternate type=application/atom+xml href=/feed.atom></head><body>"
               "<a href=a.html>A</a> <a href='a.html#top'>A again</a> <a href=/b.html?utm_source=x>B</a>"
               "<a href=/private/secret.html>secret</a> <a href=http://other.invalid/x>off-site</a>"
               "<a href=mailto:editor@example.org>mail</a> <a href='javascript:void(0)'>js</a>"
               "<a href=/missing.html>missing</a> <a href=/old>old</a> <a href=/logo.png>logo</a>"
               "<a href=/report.pdf>pdf</a></body></html>");
    site.write("/a.html", page("A", "<a href=index.html>home</a> <a href=b.html>B</a>"));
    site.write("/b.html", page("B", "<p>Bee.</p>"));
    site.write("/moved.html", page("Moved", "<p>Moved here.</p>"));
    site.write("/private/secret.html", page("Secret", ""));
    site.write("/logo.png", "\x89PNG\r\n\x1a\n not really");
    site.write("/report.pdf", "%PDF-1.4 not really");
    site.write("/from-sitemap.html", page("Sitemap only", ""));
    site.write("/from-feed.html", page("Feed only", ""));
    site.write("/sitemap.xml",
               "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
               "<url><loc>" + site.url("/from-sitemap.html") + "</loc></url></urlset>");
    site.write("/feed.atom",
               "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>F</title>"
               "<entry><title>x</title><link href='/from-feed.html'/></entry></feed>");

    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);

    for (const char* path : {"/index.html", "/a.html", "/b.html", "/old", "/from-sitemap.html",
                             "/from-feed.html", "/report.pdf"}) {
        auto p = store.get_page(site.url(path));
        ASSERT_TRUE(p) << path;
        EXPECT_EQ(p->status, 200) << path;
        EXPECT_FALSE(p->body.empty()) << path;
    }
    EXPECT_EQ(store.get_page(site.url("/index.html"))->content_type, "text/html");
    EXPECT_EQ(store.get_page(site.url("/report.pdf"))->content_type, "application/pdf");
    auto moved = store.get_page(site.url("/old"));
    EXPECT_EQ(moved->final_url, site.url("/moved.html"));
    EXPECT_NE(moved->body.find("Moved here"), std::string::npos);
    EXPECT_FALSE(store.get_page(site.url("/moved.html")));  // not fetched a second time
    EXPECT_FALSE(store.get_page(site.url("/private/secret.html")));
    EXPECT_FALSE(store.get_page(site.url("/logo.png")));
    EXPECT_FALSE(store.get_page(site.url("/missing.html")));

    EXPECT_EQ(stats.new_pages, 7u);
    EXPECT_EQ(skipped(stats, "robots"), 1u);
    EXPECT_EQ(skipped(stats, "http-404"), 1u);
    EXPECT_EQ(skipped(stats, "content-type"), 1u);
    EXPECT_EQ(skipped(stats, "scope"), 1u);
    EXPECT_EQ(skipped(stats, "scheme"), 2u);
    EXPECT_EQ(stats.failed, 0u);
    EXPECT_FALSE(stats.resumed);

    EXPECT_EQ(site.count("/private/secret.html"), 0u);
    EXPECT_EQ(site.count("/robots.txt"), 1u);
    EXPECT_EQ(site.count("/a.html"), 1u);  // "a.html#top" is the same page
    EXPECT_EQ(site.count("/b.html"), 1u);  // tracking parameter dropped
    EXPECT_EQ(site.max_in_flight(), 1);

    auto counts = store.counts();
    EXPECT_EQ(counts.pages, 7);
    EXPECT_EQ(counts.queued, 0);
    EXPECT_TRUE(counts.last_crawl_finished);
}

TEST_F(CrawlerTest, IdentifiesItselfWithProductTokenAndContactUrl) {
    Site site;
    std::mutex mutex;
    std::vector<std::string> agents;
    site.routes().Get("/ua.html", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mutex);
        agents.push_back(req.get_header_value("User-Agent"));
        res.set_content(page("UA", ""), "text/html");
    });
    site.start();
    auto config = config_for(site.url("/ua.html"));
    config.user_agent = "thinkdex/0.1";
    config.contact_url = "https://example.org/about-our-crawler";
    auto store = open_store();
    crawl(config, store);
    ASSERT_EQ(agents.size(), 1u);
    EXPECT_EQ(agents[0], "thinkdex/0.1 (+https://example.org/about-our-crawler)");
}

TEST_F(CrawlerTest, RobotsGroupForThinkdexAndCrawlDelay) {
    Site site;
    std::mutex mutex;
    std::vector<Clock::time_point> times;
    site.routes().Get(R"(/p(\d+)\.html)", [&](const httplib::Request& req, httplib::Response& res) {
        {
            std::lock_guard lock(mutex);
            times.push_back(Clock::now());
        }
        int n = std::stoi(req.matches[1]);
        res.set_content(page("P", "<a href=/p" + std::to_string(n + 1) + ".html>next</a>"),
                        "text/html");
    });
    site.start();
    site.write("/robots.txt",
               "User-agent: *\nDisallow: /\n\nUser-agent: ThinkDex\nCrawl-delay: 0.3\n"
               "Disallow: /p4.html\n");
    auto config = config_for(site.url("/p1.html"));
    config.delay = 50ms;
    config.max_crawl_delay = 250ms;  // caps the 0.3 s asked for
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 3u);  // p1..p3; p4 disallowed for thinkdex
    EXPECT_EQ(skipped(stats, "robots"), 1u);
    ASSERT_EQ(times.size(), 3u);
    for (std::size_t i = 1; i < times.size(); ++i) {
        auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(times[i] - times[i - 1]);
        EXPECT_GE(gap.count(), 240) << "request " << i;
        EXPECT_LT(gap.count(), 2000) << "request " << i;
    }
    EXPECT_EQ(site.max_in_flight(), 1);
}

TEST_F(CrawlerTest, UnreachableRobotsTxtDisallowsTheSite) {
    Site site;
    site.routes().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
        res.status = 503;
    });
    site.start();
    site.write("/index.html", page("Home", ""));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(skipped(stats, "robots"), 1u);
    EXPECT_EQ(site.count("/index.html"), 0u);
}

// Regression: a robots.txt over the page size cap failed as "too-large", which counts as
// unreachable and disallowed the whole site. Its first 500 KiB are read instead.
TEST_F(CrawlerTest, ARobotsTxtLargerThanThePageCapIsReadUpToTheLimit) {
    Site site;
    site.routes().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
        std::string text = "User-agent: *\nDisallow: /private/\n";
        while (text.size() < (3u << 20)) text += "# " + std::string(100, 'x') + "\n";
        res.set_content(text + "Disallow: /\n", "text/plain");
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/private/x.html>x</a> <a href=/a.html>a</a>"));
    site.write("/a.html", page("A", ""));
    auto config = config_for(site.url("/index.html"));
    config.max_body_bytes = 1u << 20;
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 2u);
    EXPECT_EQ(skipped(stats, "robots"), 1u);  // /private/x.html
    EXPECT_EQ(site.count("/private/x.html"), 0u);
    auto cached = store.get_robots(site.url(""));
    ASSERT_TRUE(cached);
    EXPECT_LE(cached->body.size(), 500u * 1024);
    EXPECT_TRUE(cached->body.ends_with("\n"));
}

// Regression: query parameters were sorted before the request, so "/search?q=x&a=1" was asked
// for as "/search?a=1&q=x" and escaped "Disallow: /search?q=". The URL is requested, and
// robots.txt matched, as the page wrote it; the sorted form is only the duplicate key.
TEST_F(CrawlerTest, RequestsAndMatchesRobotsWithTheParameterOrderOfTheLink) {
    Site site;
    site.routes().Get("/list", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(page("List", ""), "text/html");
    });
    site.start();
    site.write("/robots.txt", "User-agent: *\nDisallow: /search?q=\n");
    site.write("/index.html", page("Home", "<a href='/search?q=x&a=1'>s</a>"
                                           "<a href='/list?b=2&a=1'>l</a>"
                                           "<a href='/list?a=1&b=2'>same list</a>"));
    site.write("/search", page("Search", ""));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(skipped(stats, "robots"), 1u);
    EXPECT_EQ(site.count("/search?q=x&a=1") + site.count("/search?a=1&q=x"), 0u);
    EXPECT_EQ(site.count("/list?b=2&a=1"), 1u);  // as the first link wrote it
    EXPECT_EQ(site.count("/list?a=1&b=2"), 0u);  // the same page: not asked for again
    auto list = store.get_page(site.url("/list?a=1&b=2"));  // stored under the key
    ASSERT_TRUE(list);
    EXPECT_EQ(list->final_url, site.url("/list?b=2&a=1"));
    EXPECT_EQ(store.counts().pages, 2);
}

// Page-level nofollow (meta robots, meta with our product token, X-Robots-Tag) stops the
// page's links being followed; the page itself is stored (noindex is the indexer's business).
TEST_F(CrawlerTest, PageLevelNofollowIsObeyed) {
    Site site;
    site.routes().Get("/header.html", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("X-Robots-Tag", "thinkdex: nofollow");
        res.set_content(page("H", "<a href=/from-header.html>x</a>"), "text/html");
    });
    site.routes().Get("/other-header.html", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("X-Robots-Tag", "otherbot: nofollow");
        res.set_content(page("O", "<a href=/from-other-header.html>x</a>"), "text/html");
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/meta.html>m</a> <a href=/ours.html>o</a> "
                                           "<a href=/header.html>h</a> <a href=/other-header.html>o</a>"));
    site.write("/meta.html", "<html><head><meta name=robots content='noindex,nofollow'></head>"
                             "<body><a href=/from-meta.html>x</a></body></html>");
    site.write("/ours.html", "<html><head><meta name=thinkdex content=nofollow></head>"
                             "<body><a href=/from-ours.html>x</a></body></html>");
    for (const char* p : {"/from-meta.html", "/from-ours.html", "/from-header.html",
                          "/from-other-header.html"}) {
        site.write(p, page("X", ""));
    }
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(stats.nofollow, 3u);
    EXPECT_TRUE(store.get_page(site.url("/meta.html")));  // stored, noindex or not
    EXPECT_EQ(site.count("/from-meta.html"), 0u);
    EXPECT_EQ(site.count("/from-ours.html"), 0u);
    EXPECT_EQ(site.count("/from-header.html"), 0u);
    EXPECT_EQ(site.count("/from-other-header.html"), 1u);  // not addressed to us
}

// rel="nofollow" on a link is a hint, followed by default; crawl.follow_nofollow = false skips
// such links, counted as "rel-nofollow".
TEST_F(CrawlerTest, RelNofollowLinksFollowTheConfigSwitch) {
    Site site;
    site.start();
    site.write("/index.html", page("Home", "<a rel=nofollow href=/hinted.html>h</a>"));
    site.write("/hinted.html", page("Hinted", ""));
    {
        auto store = open_store();
        CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
        EXPECT_EQ(stats.new_pages, 2u);
        EXPECT_EQ(site.count("/hinted.html"), 1u);
    }
    test::TempDir other;
    store::CrawlStore store(other.path() / "crawl.sqlite");
    auto config = config_for(site.url("/index.html"));
    config.follow_nofollow = false;
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 1u);
    EXPECT_EQ(skipped(stats, "rel-nofollow"), 1u);
    EXPECT_EQ(site.count("/hinted.html"), 1u);  // not asked for a second time
}

// Issue 14, build item 4: a windows-1251 page's Cyrillic links were requested as U+FFFD
// garbage. The page is decoded as extraction decodes it (here by its meta charset, and by the
// Content-Type header's) before its links are read.
TEST_F(CrawlerTest, LinksAreReadInThePagesCharset) {
    Site site;
    const std::string cp1251 = "\xF1\xF2\xE0\xF2\xFC\xFF";  // "статья"
    const std::string encoded = "%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F";
    site.routes().Get("/header.html", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content("<html><body><a href='/h-" + cp1251 + ".html'>x</a></body></html>",
                        "text/html; charset=windows-1251");
    });
    site.start();
    site.write("/index.html", "<html><head><meta charset=windows-1251></head><body>"
                              "<a href='/m-" + cp1251 + ".html'>x</a><a href=/header.html>h</a>"
                              "</body></html>");
    auto store = open_store();
    crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(site.count("/m-" + encoded + ".html"), 1u);
    EXPECT_EQ(site.count("/h-" + encoded + ".html"), 1u);
    for (const auto& r : site.requests()) EXPECT_EQ(r.find("%EF%BF%BD"), std::string::npos) << r;
}

// The robots.txt group that applies is the one naming the product token of the configured
// user_agent, not a built-in name.
TEST_F(CrawlerTest, RobotsProductTokenFollowsTheConfiguredUserAgent) {
    Site site;
    site.start();
    site.write("/robots.txt", "User-agent: thinkdex\nDisallow: /\n\n"
                              "User-agent: thinkdex-staging\nDisallow: /b.html\n");
    site.write("/index.html", page("Home", "<a href=/a.html>a</a> <a href=/b.html>b</a>"));
    site.write("/a.html", page("A", ""));
    site.write("/b.html", page("B", ""));
    auto config = config_for(site.url("/index.html"));
    config.user_agent = "thinkdex-staging/2.0";
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 2u);
    EXPECT_EQ(skipped(stats, "robots"), 1u);
    EXPECT_EQ(site.count("/b.html"), 0u);
}

/// A handler for /sN.html serving a page that links /s(N+1).html up to /s4.html, slowly,
/// recording in `max_in_flight` the most requests it had at once (over every server it is on).
auto chain_page(std::atomic<int>& in_flight, std::atomic<int>& max_in_flight,
                std::chrono::milliseconds delay) {
    return [&in_flight, &max_in_flight, delay](const httplib::Request& req,
                                               httplib::Response& res) {
        int now = ++in_flight;
        int seen = max_in_flight.load();
        while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(delay);
        int n = std::stoi(req.matches[1]);
        res.set_content(
            page("P", n < 4 ? "<a href=/s" + std::to_string(n + 1) + ".html>n</a>" : ""),
            "text/html");
        --in_flight;
    };
}

/// Starts `one` and `two`, both answering /sN.html with `handler`.
template <typename Handler>
void serve_chains(Site& one, Site& two, Handler handler) {
    for (Site* site : {&one, &two}) {
        site->routes().Get(R"(/s(\d+)\.html)", handler);
        site->start();
    }
}

// Politeness is per host name: "localhost" and "127.0.0.1" are two names (two servers to the
// crawler), while two ports of 127.0.0.1 are one.
TEST_F(CrawlerTest, PolitePerHostButParallelAcrossHosts) {
    std::atomic<int> in_flight{0}, max_in_flight{0};
    Site one, two;
    serve_chains(one, two, chain_page(in_flight, max_in_flight, 100ms));
    auto config = config_for(one.url("/s1.html"));
    std::string two_url = two.url("/s1.html");
    two_url.replace(two_url.find("127.0.0.1"), 9, "localhost");
    config.sources.push_back(Source{"two", two_url, {}, {}});
    config.delay = 20ms;
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 8u);
    EXPECT_EQ(one.max_in_flight(), 1);
    EXPECT_EQ(two.max_in_flight(), 1);
    EXPECT_EQ(max_in_flight.load(), 2);  // the two hosts were fetched at the same time
}

TEST_F(CrawlerTest, TwoPortsOfOneHostAreNeverFetchedAtOnce) {
    std::atomic<int> in_flight{0}, max_in_flight{0};
    Site one, two;
    serve_chains(one, two, chain_page(in_flight, max_in_flight, 50ms));
    auto config = config_for(one.url("/s1.html"));
    config.sources.push_back(Source{"two", two.url("/s1.html"), {}, {}});
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 8u);
    EXPECT_EQ(max_in_flight.load(), 1);       // robots.txt, pages: one request at a time over both
    EXPECT_EQ(one.count("/robots.txt"), 1u);  // robots.txt is per origin, though
    EXPECT_EQ(two.count("/robots.txt"), 1u);
}

TEST_F(CrawlerTest, SecondCrawlSends304ConditionsAndMarksRemovedPagesGone) {
    Site site;
    std::atomic<int> not_modified{0};
    std::string etag_body = page("ETag", "<p>Stable content.</p>");
    site.routes().Get("/etag.html", [&](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("If-None-Match") == "\"v1\"") {
            ++not_modified;
            res.status = 304;
            return;
        }
        res.set_header("ETag", "\"v1\"");
        res.set_content(etag_body, "text/html");
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/etag.html>e</a> <a href=/gone.html>g</a> "
                                           "<a href=/changes.html>c</a>"));
    site.write("/gone.html", page("Soon gone", ""));
    site.write("/changes.html", page("Changes", "<p>First version.</p>"));

    auto store = open_store();
    auto config = config_for(site.url("/index.html"));
    CrawlStats first = crawl(config, store);
    EXPECT_EQ(first.new_pages, 4u);
    auto before = store.get_page(site.url("/etag.html"));
    ASSERT_TRUE(before);
    EXPECT_EQ(before->etag, "\"v1\"");
    std::int64_t seq_after_first = store.counts().last_seq;

    // Night two: the link to gone.html is removed with the page; changes.html changed.
    site.write("/index.html", page("Home", "<a href=/etag.html>e</a> <a href=/changes.html>c</a>"
                                           "<a href=/new.html>n</a>"));
    site.write("/new.html", page("New", "<p>Published today.</p>"));
    site.remove("/gone.html");
    site.write("/changes.html", page("Changes", "<p>Second version.</p>"));
    CrawlStats second = crawl(config, store);
    EXPECT_EQ(not_modified.load(), 1);
    EXPECT_EQ(second.new_pages, 1u);
    EXPECT_EQ(second.changed, 2u);     // index.html and changes.html
    EXPECT_EQ(second.unchanged, 1u);   // etag.html, by 304
    EXPECT_EQ(second.gone, 1u);
    auto after = store.get_page(site.url("/etag.html"));
    EXPECT_EQ(after->body, etag_body);
    EXPECT_EQ(after->seq, before->seq);
    EXPECT_TRUE(store.get_page(site.url("/gone.html"))->gone);

    std::vector<std::string> changed;
    store.for_each_changed(seq_after_first, [&](const store::Page& p) { changed.push_back(p.url); });
    std::ranges::sort(changed);
    EXPECT_EQ(changed, (std::vector<std::string>{site.url("/changes.html"), site.url("/gone.html"),
                                                 site.url("/index.html"), site.url("/new.html")}));
}

TEST_F(CrawlerTest, MaxPagesAndMaxDepth) {
    Site site;
    site.routes().Get(R"(/c(\d+)\.html)", [](const httplib::Request& req, httplib::Response& res) {
        int n = std::stoi(req.matches[1]);
        res.set_content(page("C", "<a href=/c" + std::to_string(n + 1) + ".html>next</a>"),
                        "text/html");
    });
    site.start();
    auto config = config_for(site.url("/c0.html"));
    config.max_pages = 3;
    {
        auto store = open_store();
        CrawlStats stats = crawl(config, store);
        EXPECT_EQ(stats.new_pages, 3u);
        EXPECT_EQ(store.counts().pages, 3);
        EXPECT_EQ(site.count("/c3.html"), 0u);
    }
    test::TempDir other;
    store::CrawlStore store(other.path() / "crawl.sqlite");
    config.max_pages = 0;  // no limit
    config.max_depth = 2;
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 3u);  // c0 (depth 0), c1, c2
    EXPECT_EQ(site.count("/c3.html"), 0u);
    // c2, at the limit, is read only up to its body: its link to c3 is never seen, so not
    // counted as skipped either.
    EXPECT_EQ(skipped(stats, "depth"), 0u);
}

TEST_F(CrawlerTest, APageAtMaxDepthIsStoredAndOnlyItsHeadIsRead) {
    Site site;
    // The same page at every depth: a feed and a canonical URL in the head, links in the body
    // (one written in a comment and one in a script of the head, which do not end it).
    auto linked = [](const std::string& name, const std::string& next) {
        return "<!doctype html><html><head><title>" + name + "</title>"
               "<!-- <body> --><script>document.write('<body>')</script>"
               "<link rel=alternate type=application/rss+xml href=/" + name + ".rss>"
               "<link rel=canonical href=/" + name + ".html?canonical=1>"
               "</head><body><a href=/" + next + ".html>next</a></body></html>";
    };
    site.start();
    for (const auto& [name, next] : {std::pair{"d0", "d1"}, {"d1", "d2"}, {"d2", "d3"}}) {
        site.write("/" + std::string(name) + ".html", linked(name, next));
        site.write("/" + std::string(name) + ".rss",
                   "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><link>" +
                       site.url("/from-") + name + ".html</link></item></channel></rss>");
        site.write("/from-" + std::string(name) + ".html", page("F", "no links"));
    }
    auto config = config_for(site.url("/d0.html"));
    config.max_depth = 1;
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    // Below the limit, links, feeds and canonical URLs are followed as before.
    EXPECT_EQ(site.count("/d1.html"), 1u);
    EXPECT_EQ(site.count("/d0.rss"), 1u);
    EXPECT_EQ(site.count("/from-d0.html"), 1u);
    // At the limit the page is stored, its head's feed and canonical URL are still read, and
    // the link in its body is not followed.
    EXPECT_TRUE(store.get_page(site.url("/d1.html")).has_value());
    EXPECT_EQ(site.count("/d1.rss"), 1u);
    EXPECT_EQ(site.count("/from-d1.html"), 1u);
    EXPECT_TRUE(store.get_page(site.url("/d1.html?canonical=1")).has_value());
    EXPECT_EQ(site.count("/d2.html"), 0u);
    EXPECT_EQ(site.count("/d2.rss"), 0u);
    EXPECT_EQ(stats.failed, 0u);
}

TEST_F(CrawlerTest, SizeCapAbortsOversizedBodies) {
    Site site;
    site.routes().Get("/stream.html", [](const httplib::Request&, httplib::Response& res) {
        // Chunked: no Content-Length, so only the write callback can stop it.
        res.set_chunked_content_provider("text/html", [](std::size_t offset, httplib::DataSink& sink) {
            if (offset >= 1000000) {
                sink.done();
                return true;
            }
            std::string chunk(10000, 'x');
            return sink.write(chunk.data(), chunk.size());
        });
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/big.html>b</a> <a href=/stream.html>s</a>"));
    site.write("/big.html", page("Big", std::string(50000, 'x')));
    auto config = config_for(site.url("/index.html"));
    config.max_body_bytes = 20000;
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 1u);
    EXPECT_EQ(skipped(stats, "too-large"), 2u);
    EXPECT_FALSE(store.get_page(site.url("/big.html")));
    EXPECT_FALSE(store.get_page(site.url("/stream.html")));
}

TEST_F(CrawlerTest, RetriesServerErrorsThenGivesUp) {
    Site site;
    std::atomic<int> flaky_calls{0};
    site.routes().Get("/flaky.html", [&](const httplib::Request&, httplib::Response& res) {
        if (++flaky_calls == 1) {
            res.status = 500;
            return;
        }
        res.set_content(page("Flaky", "<p>ok now</p>"), "text/html");
    });
    site.routes().Get("/broken.html", [](const httplib::Request&, httplib::Response& res) {
        res.status = 500;
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/flaky.html>f</a> <a href=/broken.html>b</a>"));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(flaky_calls.load(), 2);
    EXPECT_TRUE(store.get_page(site.url("/flaky.html")));
    EXPECT_EQ(site.count("/broken.html"), 3u);  // first try and two retries
    EXPECT_EQ(stats.failed, 1u);
    EXPECT_EQ(skipped(stats, "http-500"), 1u);
}

TEST_F(CrawlerTest, GzippedSitemapIndexFromConfig) {
    Site site;
    site.start();
    site.write("/index.html", page("Home", ""));
    site.write("/deep.html", page("Deep", ""));
    site.write("/sitemap-index.xml",
               "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap><loc>" +
                   site.url("/pages.xml.gz") + "</loc></sitemap></sitemapindex>");
    site.write("/pages.xml.gz",
               gzip("<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>" +
                    site.url("/deep.html") + "</loc><lastmod>2025-01-01</lastmod></url></urlset>"));
    auto config = config_for(site.url("/index.html"));
    config.sources[0].sitemaps.push_back(site.url("/sitemap-index.xml"));
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(stats.new_pages, 2u);
    EXPECT_TRUE(store.get_page(site.url("/deep.html")));
}

TEST_F(CrawlerTest, ResumesAKilledCrawlWithoutRefetchingDonePages) {
    Site site;
    site.start();
    site.write("/index.html", page("Home", "<a href=/done.html>d</a> <a href=/todo.html>t</a>"));
    site.write("/done.html", page("Done", ""));
    site.write("/todo.html", page("Todo", ""));
    site.write("/inflight.html", page("In flight", ""));
    {
        // What a crawl killed mid-way leaves behind.
        auto store = open_store();
        EXPECT_FALSE(store.begin_crawl());
        store.enqueue(site.url("/index.html"), 0);
        store.enqueue(site.url("/done.html"), 1);
        store.enqueue(site.url("/inflight.html"), 1);
        store.enqueue(site.url("/todo.html"), 1);
        ASSERT_EQ(store.next_batch(3).size(), 3u);
        store.finish(site.url("/index.html"));
        store.finish(site.url("/done.html"));
    }
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_TRUE(stats.resumed);
    EXPECT_EQ(site.count("/index.html"), 0u);
    EXPECT_EQ(site.count("/done.html"), 0u);
    EXPECT_EQ(site.count("/inflight.html"), 1u);
    EXPECT_EQ(site.count("/todo.html"), 1u);
    EXPECT_TRUE(store.counts().last_crawl_finished);

    // The next crawl is a fresh one: everything may be visited again.
    CrawlStats next = crawl(config_for(site.url("/index.html")), store);
    EXPECT_FALSE(next.resumed);
    EXPECT_EQ(site.count("/index.html"), 1u);
}

TEST_F(CrawlerTest, RetryAfterIsRespected) {
    Site site;
    std::mutex mutex;
    std::vector<Clock::time_point> times;
    site.routes().Get("/busy.html", [&](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(mutex);
        times.push_back(Clock::now());
        if (times.size() == 1) {
            res.status = 429;
            res.set_header("Retry-After", "1");
            return;
        }
        res.set_content(page("Busy", ""), "text/html");
    });
    site.start();
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/busy.html")), store);
    EXPECT_EQ(stats.new_pages, 1u);
    ASSERT_EQ(times.size(), 2u);
    EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(times[1] - times[0]).count(), 950);
}

TEST_F(CrawlerTest, RedirectLoopsAreCutAndCounted) {
    Site site;
    site.routes().Get("/loop1", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/loop2");
    });
    site.routes().Get("/loop2", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/loop1");
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/loop1>loop</a>"));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(skipped(stats, "redirect-loop"), 1u);
    EXPECT_EQ(site.count("/loop1"), 1u);  // seen again: the loop is cut before asking
    EXPECT_EQ(site.count("/loop2"), 1u);
}

TEST_F(CrawlerTest, RedirectChainsLongerThanTheLimitAreCut) {
    Site site;
    site.routes().Get(R"(/r(\d+))", [](const httplib::Request& req, httplib::Response& res) {
        res.set_redirect("/r" + std::to_string(std::stoi(req.matches[1]) + 1));
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/r1>chain</a>"));
    auto config = config_for(site.url("/index.html"));
    config.max_redirects = 3;
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(skipped(stats, "redirects"), 1u);
    EXPECT_EQ(site.count("/r4"), 1u);  // r1 and three redirects followed
    EXPECT_EQ(site.count("/r5"), 0u);
}

// Each hop is checked before it is requested: a redirect into a disallowed path, off the
// crawl's scope, or onto a site whose robots.txt forbids it is not followed, with a reason.
TEST_F(CrawlerTest, RedirectHopsAreCheckedAgainstRobotsAndScope) {
    Site site, other;
    other.start();
    other.write("/robots.txt", "User-agent: *\nDisallow: /\n");
    other.write("/x.html", page("Other", ""));
    std::string off_site = other.url("/x.html");
    site.routes().Get("/to-private", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/private/secret.html");
    });
    site.routes().Get("/to-other", [&](const httplib::Request&, httplib::Response& res) {
        res.set_redirect(off_site);
    });
    site.routes().Get("/to-page", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/page.html", 301);
    });
    site.start();
    site.write("/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.write("/index.html", page("Home",
                                   "<a href=/to-private>p</a> <a href=/to-other>o</a> "
                                   "<a href=/to-page>ok</a>"));
    site.write("/private/secret.html", page("Secret", ""));
    site.write("/page.html", page("Page", ""));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(skipped(stats, "redirect-robots"), 1u);
    EXPECT_EQ(skipped(stats, "redirect-scope"), 1u);
    EXPECT_EQ(site.count("/private/secret.html"), 0u);
    EXPECT_EQ(other.count("/x.html"), 0u);
    EXPECT_FALSE(store.get_page(site.url("/to-private")));
    EXPECT_FALSE(store.get_page(site.url("/to-other")));
    EXPECT_EQ(store.get_page(site.url("/to-page"))->final_url, site.url("/page.html"));
    EXPECT_EQ(stats.new_pages, 2u);

    // A seed may redirect to another site (it comes into scope), but that site's robots.txt
    // is asked first, and here it says no.
    test::TempDir other_data;
    store::CrawlStore other_store(other_data.path() / "crawl.sqlite");
    CrawlStats seed = crawl(config_for(site.url("/to-other")), other_store);
    EXPECT_EQ(skipped(seed, "redirect-robots"), 1u);
    EXPECT_EQ(other.count("/robots.txt"), 1u);
    EXPECT_EQ(other.count("/x.html"), 0u);
}

TEST_F(CrawlerTest, BodiesAreStoredAsReceivedWhateverTheirBytes) {
    Site site;
    std::string cp1251 = page("\xcf\xf0\xe8\xe2\xe5\xf2", "<p>\xcc\xe8\xf0</p>");  // "Привет", "Мир"
    std::string junk("\x00\x01\xff\xfe<html>\x80\x81", 12);
    site.routes().Get("/ru.html", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(cp1251, "text/html; charset=windows-1251");
    });
    site.routes().Get("/junk.html", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(junk, "text/html");
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/ru.html>ru</a> <a href=/junk.html>junk</a>"));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(site.url("/index.html")), store);
    EXPECT_EQ(stats.new_pages, 3u);
    auto ru = store.get_page(site.url("/ru.html"));
    ASSERT_TRUE(ru);
    EXPECT_EQ(ru->body, cp1251);
    EXPECT_EQ(ru->content_type, "text/html");
    EXPECT_NE(ru->headers.find("charset=windows-1251"), std::string::npos);  // for the indexer
    EXPECT_EQ(store.get_page(site.url("/junk.html"))->body, junk);
}

TEST_F(CrawlerTest, SitemapLastmodSkipsPagesUnchangedSinceTheLastFetch) {
    Site site;
    site.start();
    site.write("/index.html", page("Home", ""));
    site.write("/old.html", page("Old", ""));
    site.write("/new.html", page("New", ""));
    auto write_sitemap = [&](const std::string& new_lastmod) {
        site.write("/sitemap.xml", "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                                   "<url><loc>" + site.url("/old.html") +
                                   "</loc><lastmod>2001-01-01</lastmod></url><url><loc>" +
                                   site.url("/new.html") + "</loc><lastmod>" + new_lastmod +
                                   "</lastmod></url></urlset>");
    };
    write_sitemap("2001-01-01");
    site.write("/robots.txt", "Sitemap: " + site.url("/sitemap.xml") + "\n");
    auto config = config_for(site.url("/index.html"));
    auto store = open_store();
    EXPECT_EQ(crawl(config, store).new_pages, 3u);
    write_sitemap("2999-01-01");  // new.html changed after we fetched it
    CrawlStats second = crawl(config, store);
    EXPECT_EQ(site.count("/old.html"), 1u);
    EXPECT_EQ(site.count("/new.html"), 2u);
    EXPECT_EQ(second.unchanged, 3u);  // old.html by lastmod; index and new.html same hash
}

// A crawl killed with SIGKILL half-way resumes where it stopped: what was stored stays
// stored and is not fetched again; at most the page in flight is fetched twice.
TEST_F(CrawlerTest, KillNineAndResume) {
    auto store_path = data_.path() / "crawl.sqlite";
    // Fork before the site's server threads exist: a child forked from a multithreaded process
    // may inherit an allocator lock held by another thread (GCC 12's AddressSanitizer allocator
    // has no fork handlers) and hang. The child learns the seed through a pipe.
    int seed_pipe[2];
    ASSERT_EQ(pipe(seed_pipe), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(seed_pipe[1]);
        std::string seed;
        char c;
        while (read(seed_pipe[0], &c, 1) == 1) seed += c;
        store::CrawlStore store(store_path);
        crawl(config_for(seed), store);
        _exit(0);
    }
    close(seed_pipe[0]);

    Site site;
    std::mutex mutex;
    std::map<std::string, int> hits;
    site.routes().Get(R"(/k(\d+)\.html)", [&](const httplib::Request& req, httplib::Response& res) {
        {
            std::lock_guard lock(mutex);
            ++hits[req.path];
        }
        std::this_thread::sleep_for(30ms);
        int n = std::stoi(req.matches[1]);
        std::string body;
        if (n == 0) {
            for (int i = 1; i <= 30; ++i) body += "<a href=/k" + std::to_string(i) + ".html>k</a>";
        }
        res.set_content(page("K", body), "text/html");
    });
    site.start();
    auto config = config_for(site.url("/k0.html"));
    const std::string seed = site.url("/k0.html");
    ASSERT_EQ(write(seed_pipe[1], seed.data(), seed.size()), static_cast<ssize_t>(seed.size()));
    close(seed_pipe[1]);
    // Wait until some pages are stored, then kill the crawler without warning.
    for (int i = 0; i < 500; ++i) {
        std::this_thread::sleep_for(10ms);
        if (!std::filesystem::exists(store_path)) continue;
        try {
            store::CrawlStore reader(store_path, true);
            if (reader.counts().pages >= 8) break;
        } catch (const Fatal&) {
        }
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the crawl finished before it could be killed";

    std::int64_t stored_before = store::CrawlStore(store_path, true).counts().pages;
    EXPECT_GE(stored_before, 8);
    EXPECT_LT(stored_before, 31);

    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_TRUE(stats.resumed);
    EXPECT_EQ(store.counts().pages, 31);
    int twice = 0;
    for (const auto& [path, n] : hits) {
        EXPECT_LE(n, 2) << path;
        if (n == 2) ++twice;
    }
    EXPECT_LE(twice, 1);
    EXPECT_EQ(hits.size(), 31u);
}

TEST_F(CrawlerTest, StalledResponsesTimeOut) {
    Site site;
    std::atomic<bool> stop{false};
    site.routes().Get("/stalled.html", [&](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider("text/html", [&](std::size_t offset, httplib::DataSink& sink) {
            if (offset == 0) return sink.write("<html>", 6);
            for (int i = 0; i < 50 && !stop; ++i) std::this_thread::sleep_for(100ms);
            return false;  // never finishes
        });
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/stalled.html>s</a>"));
    auto config = config_for(site.url("/index.html"));
    config.first_byte_timeout = 1s;  // also the stall limit
    auto store = open_store();
    auto started = Clock::now();
    CrawlStats stats = crawl(config, store);
    stop = true;
    EXPECT_EQ(skipped(stats, "timeout"), 1u);
    EXPECT_EQ(stats.failed, 1u);
    EXPECT_EQ(site.count("/stalled.html"), 3u);  // retried twice
    EXPECT_LT(Clock::now() - started, 9s);
    EXPECT_TRUE(store.get_page(site.url("/index.html")));
}

TEST_F(CrawlerTest, ASeedThatRedirectsBringsItsTargetSiteIntoScope) {
    Site old_site, new_site;
    new_site.start();
    std::string target = new_site.url("/home.html");
    old_site.routes().Get("/", [&](const httplib::Request&, httplib::Response& res) {
        res.set_redirect(target, 301);
    });
    old_site.start();
    new_site.write("/home.html", page("Home", "<a href=/pub.html>p</a>"));
    new_site.write("/pub.html", page("Publication", ""));
    auto store = open_store();
    CrawlStats stats = crawl(config_for(old_site.url("/")), store);
    EXPECT_EQ(stats.new_pages, 2u);  // the seed (stored under its own URL) and pub.html
    EXPECT_EQ(store.get_page(old_site.url("/"))->final_url, target);
    EXPECT_TRUE(store.get_page(new_site.url("/pub.html")));
}

TEST_F(CrawlerTest, RobotsTxtIsCachedInTheStoreForADay) {
    Site site;
    site.start();
    site.write("/robots.txt", "User-agent: *\nDisallow: /private/\nCrawl-delay: 0\nSitemap: " +
                                  site.url("/sitemap.xml") + "\n");
    site.write("/index.html", page("Home", "<a href=/private/x.html>x</a>"));
    site.write("/sitemap.xml",
               "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
               "<url><loc>" +
                   site.url("/listed.html") + "</loc></url><url><loc>" +
                   site.url("/private/x.html") + "</loc></url></urlset>");
    site.write("/listed.html", page("Listed", ""));
    auto config = config_for(site.url("/index.html"));
    auto store = open_store();
    CrawlStats first = crawl(config, store);
    CrawlStats second = crawl(config, store);
    EXPECT_EQ(site.count("/robots.txt"), 1u);
    EXPECT_EQ(skipped(second, "robots"), 1u);  // the cached rules still apply
    EXPECT_EQ(site.count("/private/x.html"), 0u);
    EXPECT_EQ(site.count("/sitemap.xml"), 2u);  // its Sitemap: line too
    EXPECT_EQ(first.new_pages, 2u);
    auto cached = store.get_robots(site.url(""));
    ASSERT_TRUE(cached);
    EXPECT_EQ(cached->status, 200);

    // A day later it is asked for again.
    store.put_robots(site.url(""), {cached->status, cached->body, cached->fetched_at - 86400});
    crawl(config, store);
    EXPECT_EQ(site.count("/robots.txt"), 2u);
}

TEST_F(CrawlerTest, UnavailableRobotsTxtIsNotCachedAndAskedForAgainNextRun) {
    Site site;
    std::atomic<int> calls{0};
    site.routes().Get("/robots.txt", [&](const httplib::Request&, httplib::Response& res) {
        if (++calls == 1) {
            res.status = 500;
            return;
        }
        res.status = 404;  // no robots.txt: allow all, and that is cached
    });
    site.start();
    site.write("/index.html", page("Home", ""));
    auto config = config_for(site.url("/index.html"));
    auto store = open_store();
    CrawlStats first = crawl(config, store);
    EXPECT_EQ(skipped(first, "robots"), 1u);
    EXPECT_EQ(site.count("/index.html"), 0u);
    EXPECT_FALSE(store.get_robots(site.url("")));
    CrawlStats second = crawl(config, store);
    EXPECT_EQ(second.new_pages, 1u);
    crawl(config, store);
    EXPECT_EQ(calls.load(), 2);
    EXPECT_EQ(store.get_robots(site.url(""))->status, 404);
}

// A socket that accepts connections (the kernel completes the handshake) and never answers.
class SilentServer {
  public:
    SilentServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
            ::listen(fd_, 8) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            throw std::runtime_error("cannot listen on 127.0.0.1");
        }
        port_ = ntohs(addr.sin_port);
    }
    ~SilentServer() { ::close(fd_); }
    int fd() const { return fd_; }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }

  private:
    int fd_ = -1;
    int port_ = 0;
};

FetchResult fetch_one(Fetcher& fetcher, const std::string& url) {
    fetcher.start(FetchRequest{1, url, {}, true, 0, false});
    for (int i = 0; i < 300; ++i) {
        auto done = fetcher.wait(200ms);
        if (!done.empty()) return done.front();
    }
    ADD_FAILURE() << "no result for " << url;
    return {};
}

TEST(FetcherTimeouts, AServerThatNeverAnswersTimesOutAfterFirstByteTimeout) {
    SilentServer silent;
    CrawlConfig config;
    config.connect_timeout = 5s;
    config.first_byte_timeout = 1s;
    config.timeout = 60s;
    Fetcher fetcher(config);
    FetchResult r = fetch_one(fetcher, silent.url("/index.html"));
    EXPECT_EQ(r.error, "timeout");
    EXPECT_TRUE(r.retryable_error());
    // Not the 60 s whole-request timeout: the first-byte one, named in the message.
    EXPECT_NE(r.error_message.find("first_byte_timeout_s"), std::string::npos) << r.error_message;
    EXPECT_NE(r.error_message.find("no answer"), std::string::npos) << r.error_message;
}

TEST(FetcherTimeouts, ATrickleIsCutByTheWholeRequestTimeout) {
    // By hand rather than with cpp-httplib, which may gzip the answer and so hold the bytes.
    SilentServer server;
    std::atomic<bool> stop{false};
    std::thread trickle([&] {
        int client = ::accept(server.fd(), nullptr, nullptr);
        if (client < 0) return;
        char request[4096];
        [[maybe_unused]] auto n = ::read(client, request, sizeof request);
        std::string head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
        bool ok = ::write(client, head.data(), head.size()) > 0;
        for (int i = 0; ok && !stop && i < 100; ++i) {
            std::this_thread::sleep_for(200ms);
            ok = ::write(client, "x", 1) == 1;
        }
        ::close(client);
    });
    CrawlConfig config;
    config.first_byte_timeout = 1s;  // never reached: a byte every 200 ms
    config.timeout = 2s;
    Fetcher fetcher(config);
    FetchResult r = fetch_one(fetcher, server.url("/trickle.html"));
    stop = true;
    trickle.join();
    EXPECT_EQ(r.error, "timeout");
    EXPECT_EQ(r.error_message.find("first_byte_timeout_s"), std::string::npos) << r.error_message;
    EXPECT_NE(r.error_message.find("imed out"), std::string::npos) << r.error_message;
}

// The adaptive schedule, with times set in the store instead of waiting for days.
TEST_F(CrawlerTest, RevisitIntervalHalvesOnChangeAndDoublesWhenStable) {
    Site site;
    site.start();
    site.write("/index.html", page("Home", "<a href=/stable.html>s</a> <a href=/busy.html>b</a>"));
    site.write("/stable.html", page("Stable", ""));
    site.write("/busy.html", page("Busy", "<p>v1</p>"));
    auto config = config_for(site.url("/index.html"));
    config.revisit_min = 1h;
    config.revisit_max = 4h;
    auto store = open_store();
    auto now = [] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
    auto make_due = [&](const std::string& path) {
        auto state = store.page_state(site.url(path));
        ASSERT_TRUE(state) << path;
        store.reschedule(site.url(path), state->revisit_interval, now() - 1);
    };

    std::int64_t before = now();
    crawl(config, store);
    auto stable = store.page_state(site.url("/stable.html"));
    ASSERT_TRUE(stable);
    EXPECT_EQ(stable->revisit_interval, 3600);  // a new page starts at the minimum
    EXPECT_GE(stable->next_visit, before + 3600 - 3600 / 16);
    EXPECT_LE(stable->next_visit, now() + 3600);

    // Right after: the seed is read again (it lists new publications), the others are not due.
    CrawlStats second = crawl(config, store);
    EXPECT_EQ(second.not_due, 2u);
    EXPECT_EQ(site.count("/index.html"), 2u);
    EXPECT_EQ(site.count("/stable.html"), 1u);
    EXPECT_EQ(site.count("/busy.html"), 1u);

    // Due again: the stable page's interval doubles (304), the busy one's halves (to the min).
    make_due("/stable.html");
    make_due("/busy.html");
    site.write("/busy.html", page("Busy", "<p>v2</p>"));
    CrawlStats third = crawl(config, store);
    EXPECT_EQ(third.changed, 1u);
    EXPECT_EQ(store.page_state(site.url("/stable.html"))->revisit_interval, 7200);
    EXPECT_EQ(store.page_state(site.url("/busy.html"))->revisit_interval, 3600);
    make_due("/stable.html");
    crawl(config, store);
    EXPECT_EQ(store.page_state(site.url("/stable.html"))->revisit_interval, 14400);
    make_due("/stable.html");
    crawl(config, store);
    EXPECT_EQ(store.page_state(site.url("/stable.html"))->revisit_interval, 14400);  // the max
    EXPECT_EQ(site.count("/stable.html"), 4u);
}

TEST_F(CrawlerTest, PagesLeftByThePageLimitComeNextRunAndSitemapLastmodMakesPagesDue) {
    Site site;
    site.start();
    site.write("/index.html", page("Home", "<a href=/a.html>a</a>"));
    site.write("/a.html", page("A", "<a href=/b.html>b</a>"));
    site.write("/b.html", page("B", ""));
    auto config = config_for(site.url("/index.html"));
    config.revisit_min = 24h;
    config.max_pages = 2;  // b.html is left for the next run
    auto store = open_store();
    crawl(config, store);
    EXPECT_EQ(site.count("/b.html"), 0u);
    config.max_pages = 100;
    CrawlStats second = crawl(config, store);
    EXPECT_EQ(second.not_due, 1u);  // a.html
    EXPECT_EQ(site.count("/a.html"), 1u);
    EXPECT_EQ(site.count("/b.html"), 1u);  // left queued by the first run
    EXPECT_EQ(second.new_pages, 1u);

    // The sitemap says a.html changed after we fetched it: fetched although not due.
    site.write("/sitemap.xml",
               "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
               "<url><loc>" +
                   site.url("/a.html") + "</loc><lastmod>2999-01-01</lastmod></url></urlset>");
    CrawlStats third = crawl(config, store);
    EXPECT_EQ(site.count("/a.html"), 2u);
    EXPECT_EQ(third.not_due, 1u);  // b.html
}

}  // namespace
}  // namespace thinkdex::crawler

namespace thinkdex::crawler {
namespace {

// Issue 16: a landing page's PDFs (citation_pdf_url, <link rel=alternate>, <a> to a .pdf) are
// fetched and stored under their own cap; one on another host only with pdf_other_hosts.
class PdfCrawlTest : public testing::Test {
  protected:
    void SetUp() override { spdlog::set_level(spdlog::level::warn); }
    test::TempDir data_;
};

TEST_F(PdfCrawlTest, LandingPagePdfsUnderTheirOwnCapAndOtherHostsBySwitch) {
    const std::string report =
        test::read_file(std::filesystem::path(THINKDEX_TEST_PDF_DIR) / "report.pdf");
    Site site, cdn;
    site.start();
    cdn.start();
    // Another host name for the same loopback address: out of the seed's scope.
    std::string elsewhere = cdn.url("/cdn/translation.pdf");
    elsewhere.replace(elsewhere.find("127.0.0.1"), 9, "localhost");
    site.write("/landing.html",
               "<!doctype html><html><head><title>Grain Reserves</title>"
               "<meta name=citation_pdf_url content=/files/report.pdf>"
               "<link rel=alternate type=application/pdf href=/files/summary.pdf></head><body>"
               "<p>Abstract.</p><a href=/files/big.pdf>Download</a> <a href=\"" + elsewhere +
               "\">Traduction</a></body></html>");
    site.write("/files/report.pdf", report);
    site.write("/files/summary.pdf", report);
    site.write("/files/big.pdf", "%PDF-1.4\n" + std::string(40000, 'x'));
    cdn.write("/cdn/translation.pdf", report);
    auto config = config_for(site.url("/landing.html"));
    config.max_body_bytes = 4096;  // below the PDFs: they pass under max_pdf_bytes
    config.max_pdf_bytes = 20000;
    for (bool other_hosts : {false, true}) {
        config.pdf_other_hosts = other_hosts;
        store::CrawlStore store(data_.path() / (other_hosts ? "b.sqlite" : "a.sqlite"));
        CrawlStats stats = crawl(config, store);
        for (const char* path : {"/files/report.pdf", "/files/summary.pdf"}) {
            auto stored = store.get_page(site.url(path));
            ASSERT_TRUE(stored) << path;
            EXPECT_EQ(stored->content_type, "application/pdf");
            EXPECT_EQ(stored->body, report);
        }
        EXPECT_FALSE(store.get_page(site.url("/files/big.pdf")));
        EXPECT_EQ(skipped(stats, "too-large"), 1u);
        EXPECT_EQ(store.get_page(elsewhere).has_value(), other_hosts) << other_hosts;
        EXPECT_EQ(skipped(stats, "scope"), other_hosts ? 0u : 1u);
    }
}

// The page's own PDFs are recorded in the store: those it names as such; else its one <a> to a
// .pdf; a page with several such <a> (a listing) has none of its own.
TEST_F(PdfCrawlTest, RecordsEachPagesOwnPdfs) {
    Site site;
    site.start();
    site.write("/index.html", "<!doctype html><html><body><a href=/named.html>a</a> "
                    "<a href=/single.html>b</a> <a href=/list.html>c</a></body></html>");
    site.write("/named.html",
               "<!doctype html><html><head><meta name=citation_pdf_url content=/r.pdf>"
               "<link rel=alternate type=application/pdf href=/s.pdf></head><body>"
               "<a href=/other.pdf>Annex</a></body></html>");
    site.write("/single.html", "<!doctype html><html><body><a href=/r.pdf>Download</a></body></html>");
    site.write("/list.html",
               "<!doctype html><html><body><a href=/r.pdf>1</a> <a href=/s.pdf>2</a></body></html>");
    for (const char* pdf : {"/r.pdf", "/s.pdf", "/other.pdf"}) site.write(pdf, "%PDF-1.4\n");
    store::CrawlStore store(data_.path() / "c.sqlite");
    crawl(config_for(site.url("/")), store);
    EXPECT_EQ(store.pdfs_of(site.url("/named.html")),
              (std::vector<std::string>{site.url("/r.pdf"), site.url("/s.pdf")}));
    EXPECT_EQ(store.pdfs_of(site.url("/single.html")), std::vector<std::string>{site.url("/r.pdf")});
    EXPECT_TRUE(store.pdfs_of(site.url("/list.html")).empty());
    EXPECT_TRUE(store.pdfs_of(site.url("/")).empty());
    EXPECT_EQ(store.landings_of(site.url("/r.pdf")),
              (std::vector<std::string>{site.url("/named.html"), site.url("/single.html")}));
}

}  // namespace
}  // namespace thinkdex::crawler
