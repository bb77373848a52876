// Crawling again: conditional requests, gone pages, resuming a killed crawl, the revisit
// schedule and sitemap lastmod.

#include <atomic>
#include <map>
#include <mutex>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "crawl_site.hpp"

namespace thinkdex::crawler {
namespace {

using namespace std::chrono_literals;

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
