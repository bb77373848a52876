// The crawler against a real HTTP server on 127.0.0.1: scope, status, politeness, limits,
// links and bodies.

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "crawl_site.hpp"

namespace thinkdex::crawler {
namespace {

using test::gzip;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

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

// Compressed answers are bounded by what they inflate to, not by what crosses the wire: a page
// that inflates past the cap is refused, a page sent as a truncated gzip stream is refused
// rather than stored half, and a gzipped sitemap that inflates past the sitemap cap is read
// no further; the crawl goes on.
TEST_F(CrawlerTest, GzipBombsAndTruncatedGzipAreRefused) {
    Site site;
    const std::string bomb = gzip(page("Bomb", std::string(20u << 20, ' ')));  // 20 MiB
    std::string cut = gzip(page("Cut", std::string(100000, 'x') + "<a href=/hidden.html>h</a>"));
    cut.resize(cut.size() / 2);
    for (const auto& [path, body] : {std::pair{"/bomb.html", bomb}, std::pair{"/cut.html", cut}}) {
        site.routes().Get(path, [body](const httplib::Request&, httplib::Response& res) {
            // A type cpp-httplib leaves alone: it would gzip an HTML body again.
            res.set_header("Content-Encoding", "gzip");
            res.set_content(body, "application/pdf");
        });
    }
    site.routes().Get("/plain.html", [](const httplib::Request& req, httplib::Response& res) {
        // what the crawler asks for
        res.set_content(page("Plain", "<p>" + req.get_header_value("Accept-Encoding") + "</p>"),
                        "text/html");
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/bomb.html>b</a> <a href=/cut.html>c</a> "
                                           "<a href=/plain.html>p</a>"));
    site.write("/hidden.html", page("Hidden", ""));
    site.write("/listed.html", page("Listed", ""));
    // 60 MiB of whitespace, then the one URL: past the 50 MiB a sitemap may inflate to.
    site.write("/sitemap.xml.gz",
               gzip("<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>" +
                    std::string(60u << 20, ' ') + "<url><loc>" + site.url("/listed.html") +
                    "</loc></url></urlset>"));
    auto config = config_for(site.url("/index.html"));
    config.max_body_bytes = 1u << 20;
    config.max_pdf_bytes = 1u << 20;
    config.sources[0].sitemaps.push_back(site.url("/sitemap.xml.gz"));
    auto store = open_store();
    CrawlStats stats = crawl(config, store);
    EXPECT_TRUE(store.get_page(site.url("/index.html")));
    EXPECT_FALSE(store.get_page(site.url("/bomb.html")));
    EXPECT_EQ(skipped(stats, "too-large"), 1u);
    EXPECT_FALSE(store.get_page(site.url("/cut.html")));
    EXPECT_EQ(skipped(stats, "gzip"), 2u);  // the cut page, and the sitemap past its cap
    EXPECT_EQ(site.count("/hidden.html"), 0u);
    auto plain = store.get_page(site.url("/plain.html"));
    ASSERT_TRUE(plain);
    EXPECT_NE(plain->body.find("<p>gzip</p>"), std::string::npos) << plain->body;
    EXPECT_EQ(site.count("/sitemap.xml.gz"), 1u);
    EXPECT_EQ(site.count("/listed.html"), 0u);
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

}  // namespace
}  // namespace thinkdex::crawler
