// The crawler and robots.txt (RFC 9309): groups, Crawl-delay, unreachable and oversized
// files, the product token, and the store's cached copy.

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "crawl_site.hpp"

namespace thinkdex::crawler {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

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

// Regression: the end-of-crawl sweep re-queued stored pages under their key alone, so a page
// no longer linked was re-checked as "/search?a=1&q=x" and escaped "Disallow: /search?q=",
// which had come since. A re-check asks for the page as it was first linked.
TEST_F(CrawlerTest, ReCheckedPagesAreRequestedAsFirstLinked) {
    Site site;
    site.routes().Get("/search", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(page("Search", ""), "text/html");
    });
    site.start();
    site.write("/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.write("/index.html", page("Home", "<a href='/search?q=x&a=1'>s</a>"));
    auto config = config_for(site.url("/index.html"));
    auto store = open_store();
    crawl(config, store);
    ASSERT_EQ(site.count("/search?q=x&a=1"), 1u);
    const std::string key = site.url("/search?a=1&q=x");
    ASSERT_TRUE(store.get_page(key));

    // Unlinked, now disallowed, and due: the sweep re-checks it, and robots.txt stops it.
    site.write("/index.html", page("Home", ""));
    site.write("/robots.txt", "User-agent: *\nDisallow: /search?q=\n");
    store.put_robots(site.url(""), {200, "", 0});  // stale: fetched again
    store.reschedule(key, 0, 0);
    CrawlStats stats = crawl(config, store);
    EXPECT_EQ(skipped(stats, "robots"), 1u);
    EXPECT_EQ(site.count("/search?a=1&q=x"), 0u);
    EXPECT_EQ(site.count("/search?q=x&a=1"), 1u);  // the first crawl's request only
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

}  // namespace
}  // namespace thinkdex::crawler
