#include "thinkdex/store/crawl_store.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex::store {
namespace {

Page make_page(const std::string& url, const std::string& body, std::int64_t at = 100) {
    Page p;
    p.url = url;
    p.final_url = url;
    p.status = 200;
    p.headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    p.content_type = "text/html";
    p.body = body;
    p.fetched_at = at;
    p.etag = "\"v1\"";
    return p;
}

std::vector<std::string> changed_urls(const CrawlStore& store, std::int64_t after) {
    std::vector<std::string> urls;
    store.for_each_changed(after, [&](const Page& p) { urls.push_back(p.url); });
    return urls;
}

TEST(CrawlStore, PutReportsNewChangedUnchangedAndBumpsSeqOnlyOnChange) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "sub" / "crawl.sqlite");
    EXPECT_EQ(store.put_page(make_page("http://a/1", "one")), PutOutcome::kNew);
    auto first = store.get_page("http://a/1");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->seq, 1);
    EXPECT_EQ(first->content_hash, content_hash("one"));
    EXPECT_EQ(first->body, "one");
    EXPECT_EQ(first->etag, "\"v1\"");

    EXPECT_EQ(store.put_page(make_page("http://a/1", "one", 200)), PutOutcome::kUnchanged);
    EXPECT_EQ(store.get_page("http://a/1")->seq, 1);
    EXPECT_EQ(store.get_page("http://a/1")->fetched_at, 200);

    EXPECT_EQ(store.put_page(make_page("http://a/1", "two")), PutOutcome::kChanged);
    EXPECT_EQ(store.get_page("http://a/1")->seq, 2);
    EXPECT_EQ(store.get_page("http://a/1")->body, "two");
    EXPECT_EQ(store.counts().last_seq, 2);
    EXPECT_FALSE(store.get_page("http://a/missing"));
}

TEST(CrawlStore, BodiesAreBinarySafe) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    std::string bytes("a\0b\xff", 4);
    store.put_page(make_page("http://a/bin", bytes));
    EXPECT_EQ(store.get_page("http://a/bin")->body, bytes);
}

TEST(CrawlStore, ForEachChangedVisitsPagesAfterSeqInOrder) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    store.put_page(make_page("http://a/1", "1"));
    store.put_page(make_page("http://a/2", "2"));
    store.put_page(make_page("http://a/3", "3"));
    store.put_page(make_page("http://a/1", "1 changed"));
    EXPECT_EQ(changed_urls(store, 0),
              (std::vector<std::string>{"http://a/2", "http://a/3", "http://a/1"}));
    EXPECT_EQ(changed_urls(store, 3), (std::vector<std::string>{"http://a/1"}));
    EXPECT_TRUE(changed_urls(store, 4).empty());
}

TEST(CrawlStore, MarkUnchangedKeepsBodyAndSeq) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    store.put_page(make_page("http://a/1", "body", 100));
    store.mark_unchanged("http://a/1", 500);
    auto p = store.get_page("http://a/1");
    EXPECT_EQ(p->fetched_at, 500);
    EXPECT_EQ(p->body, "body");
    EXPECT_EQ(p->seq, 1);
    EXPECT_TRUE(changed_urls(store, 1).empty());
}

TEST(CrawlStore, MarkGoneBumpsSeqOnceAndComingBackIsAChange) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    store.put_page(make_page("http://a/1", "body"));
    store.mark_gone("http://a/1", 300);
    auto p = store.get_page("http://a/1");
    EXPECT_TRUE(p->gone);
    EXPECT_EQ(p->seq, 2);
    EXPECT_EQ(store.counts().pages, 0);
    EXPECT_EQ(store.counts().gone, 1);
    store.mark_gone("http://a/1", 400);  // still gone: nothing new for the indexer
    EXPECT_EQ(store.get_page("http://a/1")->seq, 2);
    store.mark_gone("http://a/unknown", 400);
    EXPECT_FALSE(store.get_page("http://a/unknown"));

    EXPECT_EQ(store.put_page(make_page("http://a/1", "body")), PutOutcome::kChanged);
    EXPECT_FALSE(store.get_page("http://a/1")->gone);
    EXPECT_EQ(store.get_page("http://a/1")->seq, 3);
}

// The frontier is keyed by the duplicate key but hands back the URL to request, in its own
// parameter order.
TEST(CrawlStore, FrontierKeepsTheRequestUrlBesideTheKey) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    store.begin_crawl();
    EXPECT_EQ(store.enqueue({{"http://a/s?a=1&q=x", 0, "http://a/s?q=x&a=1"},
                             {"http://a/t", 0, ""},
                             {"http://a/s?a=1&q=x", 0, "http://a/s?a=1&q=x"}}),
              2u);  // the third is the first's key
    auto batch = store.next_batch(10);
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch[0].url, "http://a/s?a=1&q=x");
    EXPECT_EQ(batch[0].request_url, "http://a/s?q=x&a=1");
    EXPECT_EQ(batch[1].request_url, "http://a/t");  // none given: the key
}

TEST(CrawlStore, FrontierIsFifoAndIgnoresKnownUrls) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    EXPECT_FALSE(store.begin_crawl());
    EXPECT_TRUE(store.enqueue("http://a/1", 0));
    EXPECT_TRUE(store.enqueue("http://a/2", 1));
    EXPECT_FALSE(store.enqueue("http://a/1", 3));
    auto batch = store.next_batch(1);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch[0].url, "http://a/1");
    EXPECT_EQ(batch[0].depth, 0);
    store.finish("http://a/1");
    EXPECT_FALSE(store.enqueue("http://a/1", 0));  // fetched during this crawl
    batch = store.next_batch(10);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch[0].url, "http://a/2");
    EXPECT_EQ(batch[0].depth, 1);
    EXPECT_TRUE(store.next_batch(10).empty());
    store.finish("http://a/2");
    EXPECT_EQ(store.counts().queued, 0);
    store.end_crawl();
    EXPECT_TRUE(store.counts().last_crawl_finished);
}

TEST(CrawlStore, KilledCrawlResumesWithInProgressUrlsRequeued) {
    test::TempDir dir;
    auto path = dir.path() / "crawl.sqlite";
    {
        CrawlStore store(path);
        EXPECT_FALSE(store.begin_crawl());
        store.enqueue("http://a/done", 0);
        store.enqueue("http://a/in-flight", 0);
        store.enqueue("http://a/queued", 0);
        ASSERT_EQ(store.next_batch(2).size(), 2u);
        store.finish("http://a/done");
        // No end_crawl: the process was killed here.
    }
    CrawlStore store(path);
    EXPECT_TRUE(store.begin_crawl());
    EXPECT_EQ(store.counts().queued, 2);
    EXPECT_FALSE(store.counts().last_crawl_finished);
    auto batch = store.next_batch(10);
    std::vector<std::string> urls;
    for (const auto& e : batch) urls.push_back(e.url);
    EXPECT_EQ(urls, (std::vector<std::string>{"http://a/in-flight", "http://a/queued"}));
    EXPECT_FALSE(store.enqueue("http://a/done", 0));
    store.end_crawl();

    // A crawl that ended is not resumed: the next one may visit the done URLs again, and
    // keeps those it never fetched (as when it stopped at its page limit) queued.
    EXPECT_FALSE(store.begin_crawl());
    EXPECT_EQ(store.counts().queued, 2);
    EXPECT_TRUE(store.enqueue("http://a/done", 0));
}

TEST(CrawlStore, EnqueueUnvisitedPagesQueuesStoredPagesNotSeenInThisCrawl) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    store.put_page(make_page("http://a/linked", "1"));
    store.put_page(make_page("http://a/orphan", "2"));
    store.put_page(make_page("http://a/was-gone", "3"));
    store.mark_gone("http://a/was-gone", 100);
    EXPECT_FALSE(store.begin_crawl());
    store.enqueue("http://a/linked", 0);
    store.finish("http://a/linked");
    EXPECT_EQ(store.enqueue_unvisited_pages(7), 1u);
    auto batch = store.next_batch(10);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch[0].url, "http://a/orphan");
    EXPECT_EQ(batch[0].depth, 7);
    EXPECT_EQ(store.enqueue_unvisited_pages(7), 0u);  // already in the frontier
}

// Regression: a stored page re-checked by the sweep was queued without its request URL, so
// it was asked for (and matched against robots.txt) with its query parameters sorted.
TEST(CrawlStore, UnvisitedPagesAreQueuedWithTheUrlTheyWereFirstRequestedAs) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    Page sorted = make_page("http://a/s?a=1&q=x", "1");
    sorted.request_url = "http://a/s?q=x&a=1";
    store.put_page(sorted);
    store.put_page(make_page("http://a/plain", "2"));  // no request URL: the key
    EXPECT_EQ(store.get_page("http://a/s?a=1&q=x")->request_url, "http://a/s?q=x&a=1");
    EXPECT_EQ(store.get_page("http://a/plain")->request_url, "");
    EXPECT_FALSE(store.begin_crawl());
    EXPECT_EQ(store.enqueue_unvisited_pages(1), 2u);
    auto batch = store.next_batch(10);
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch[0].url, "http://a/s?a=1&q=x");
    EXPECT_EQ(batch[0].request_url, "http://a/s?q=x&a=1");
    EXPECT_EQ(batch[1].request_url, "http://a/plain");
}

TEST(CrawlStore, ScheduleIsStoredWithThePageAndRescheduled) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    Page p = make_page("http://a/1", "one");
    p.revisit_interval = 3600;
    p.next_visit = 5000;
    store.put_page(p);
    auto state = store.page_state("http://a/1");
    ASSERT_TRUE(state);
    EXPECT_EQ(state->revisit_interval, 3600);
    EXPECT_EQ(state->next_visit, 5000);
    EXPECT_EQ(state->etag, "\"v1\"");
    EXPECT_EQ(state->content_hash, content_hash("one"));
    EXPECT_EQ(store.get_page("http://a/1")->next_visit, 5000);
    store.reschedule("http://a/1", 7200, 9000);
    EXPECT_EQ(store.page_state("http://a/1")->revisit_interval, 7200);
    EXPECT_EQ(store.page_state("http://a/1")->next_visit, 9000);
    EXPECT_FALSE(store.page_state("http://a/unknown"));

    // Only due pages are swept when asked; counts() says how many are due now.
    store.put_page(make_page("http://a/2", "two"));  // next_visit 0: due
    EXPECT_FALSE(store.begin_crawl());
    EXPECT_EQ(store.enqueue_unvisited_pages(3, 4999), 1u);
    EXPECT_EQ(store.next_batch(10).at(0).url, "http://a/2");
    EXPECT_EQ(store.counts().due, 2);                  // 9000 is long past
    store.reschedule("http://a/1", 7200, 4102444800);  // 2100-01-01
    EXPECT_EQ(store.counts().due, 1);
}

TEST(CrawlStore, RobotsCacheKeepsTheLatestAnswerPerOrigin) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    EXPECT_FALSE(store.get_robots("http://a:80"));
    store.put_robots("http://a:80", {200, "User-agent: *\nDisallow: /x\n", 100});
    store.put_robots("http://a:80", {404, "", 200});
    store.put_robots("https://a:443", {200, std::string("bin\0ary", 7), 300});
    auto a = store.get_robots("http://a:80");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, 404);
    EXPECT_EQ(a->fetched_at, 200);
    EXPECT_EQ(store.get_robots("https://a:443")->body, std::string("bin\0ary", 7));
    EXPECT_EQ(store.counts().robots_cached, 2);
}

TEST(CrawlStore, BatchEnqueueAddsOnlyNewUrlsInOneGo) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "crawl.sqlite");
    EXPECT_FALSE(store.begin_crawl());
    store.enqueue("http://a/1", 0);
    EXPECT_EQ(
        store.enqueue(
            std::vector<std::string>{"http://a/1", "http://a/2", "http://a/3", "http://a/2"}, 1),
        2u);
    EXPECT_EQ(store.counts().queued, 3);
    EXPECT_EQ(store.queued(), 3);
}

// A store written by the first version (no schedule columns) is migrated when opened for
// writing, keeping its pages.
TEST(CrawlStore, OpensAVersionOneStoreAndMigratesIt) {
    test::TempDir dir;
    auto path = dir.path() / "old.sqlite";
    auto r = test::run(
        {"/usr/bin/sqlite3", path.string(),
         "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
         "INSERT INTO meta VALUES ('seq', 1), ('schema_version', 1);"
         "CREATE TABLE pages (url TEXT PRIMARY KEY, final_url TEXT NOT NULL,"
         " status INTEGER NOT NULL, headers TEXT NOT NULL, content_type TEXT NOT NULL,"
         " body BLOB NOT NULL, fetched_at INTEGER NOT NULL, etag TEXT NOT NULL,"
         " last_modified TEXT NOT NULL, content_hash TEXT NOT NULL,"
         " gone INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL);"
         "INSERT INTO pages VALUES ('http://a/1', 'http://a/1', 200, '', 'text/html',"
         " 'old', 100, '', '', 'h', 0, 1);"
         "CREATE TABLE frontier (id INTEGER PRIMARY KEY AUTOINCREMENT,"
         " url TEXT NOT NULL UNIQUE, depth INTEGER NOT NULL, state INTEGER NOT NULL DEFAULT 0);"
         "CREATE INDEX frontier_by_state ON frontier (state, id);"
         "CREATE TABLE crawls (id INTEGER PRIMARY KEY AUTOINCREMENT, started INTEGER NOT NULL,"
         " finished INTEGER);"});
    if (r.exit_code == -1 || r.err.find("No such file") != std::string::npos) {
        GTEST_SKIP() << "no sqlite3 program";
    }
    ASSERT_EQ(r.exit_code, 0) << r.err;
    {
        // Read-only, as `thinkdex index` and `status` open it: not migrated, still read whole.
        CrawlStore old(path, true);
        EXPECT_EQ(old.counts().due, 1);
        EXPECT_TRUE(old.pdfs_of("http://a/1").empty());  // no pdf_links yet
        auto page = old.get_page("http://a/1");
        ASSERT_TRUE(page);
        EXPECT_EQ(page->body, "old");
        EXPECT_EQ(page->revisit_interval, 0);
        EXPECT_EQ(page->request_url, "");
        EXPECT_EQ(changed_urls(old, 0), std::vector<std::string>{"http://a/1"});
    }
    CrawlStore store(path);
    // Version 3's pdf_links table.
    store.set_pdf_links("http://a/1", {"http://a/1.pdf"});
    EXPECT_EQ(store.pdfs_of("http://a/1"), std::vector<std::string>{"http://a/1.pdf"});
    auto version = test::run({"/usr/bin/sqlite3", path.string(),
                              "SELECT value FROM meta WHERE key = 'schema_version'"});
    EXPECT_EQ(version.out, "5\n");
    auto state = store.page_state("http://a/1");
    ASSERT_TRUE(state);
    EXPECT_EQ(state->next_visit, 0);
    EXPECT_EQ(store.get_page("http://a/1")->body, "old");
    store.put_robots("http://a:80", {200, "", 1});
    EXPECT_EQ(store.counts().robots_cached, 1);
    // The frontier gained its request_url column.
    store.begin_crawl();
    EXPECT_EQ(store.enqueue({{"http://a/s?a=1&q=x", 0, "http://a/s?q=x&a=1"}}), 1u);
    EXPECT_EQ(store.next_batch(1).at(0).request_url, "http://a/s?q=x&a=1");
    // Pages gained theirs (version 5).
    Page linked = make_page("http://a/t?b=2&c=3", "t");
    linked.request_url = "http://a/t?c=3&b=2";
    store.put_page(linked);
    EXPECT_EQ(store.get_page("http://a/t?b=2&c=3")->request_url, "http://a/t?c=3&b=2");
    // And the outbox of partitioned crawls (version 4); an old store is no partition's.
    EXPECT_FALSE(store.partition());
    EXPECT_EQ(store.hand_over({{{"http://b/1", 1, "http://b/1"}, 1}}), 1u);
}

// `thinkdex index` reads a store read-only; one written before version 5, not yet migrated by
// a crawl, has no request URL for its pages and must still be read.
TEST(CrawlStore, ReadsAVersionFourStoreReadOnly) {
    test::TempDir dir;
    auto path = dir.path() / "v4.sqlite";
    CrawlStore(path).put_page(make_page("http://a/1", "one"));
    auto r = test::run({"/usr/bin/sqlite3", path.string(),
                        "ALTER TABLE pages DROP COLUMN request_url;"
                        "UPDATE meta SET value = 4 WHERE key = 'schema_version'"});
    if (r.exit_code == -1 || r.err.find("No such file") != std::string::npos) {
        GTEST_SKIP() << "no sqlite3 program";
    }
    ASSERT_EQ(r.exit_code, 0) << r.err;
    CrawlStore old(path, true);
    auto page = old.get_page("http://a/1");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->body, "one");
    EXPECT_EQ(page->request_url, "");
    EXPECT_EQ(changed_urls(old, 0), std::vector<std::string>{"http://a/1"});
}

// The outbox keeps each link once, whatever depth it is handed over at again, so that
// exporting it again and again sends nothing twice.
TEST(CrawlStore, OutboxKeepsEachLinkOnceAndThePartitionStays) {
    test::TempDir dir;
    const auto path = dir.path() / "crawl.sqlite";
    {
        CrawlStore store(path);
        store.set_partition({1, 3});
        EXPECT_EQ(store.hand_over({{{"http://c/2", 2, "http://c/2?b=1&a=2"}, 2},
                                   {{"http://b/1", 1, ""}, 0},
                                   {{"http://c/2", 5, "http://c/2"}, 2}}),
                  2u);
        EXPECT_EQ(store.hand_over({{{"http://b/1", 1, ""}, 0}}), 0u);
    }
    CrawlStore store(path, /*read_only=*/true);
    ASSERT_TRUE(store.partition());
    EXPECT_EQ(store.partition()->index, 1u);
    EXPECT_EQ(store.partition()->count, 3u);
    std::vector<std::string> seen;
    store.for_each_handed_over([&](const HandedOver& link) {
        seen.push_back(std::to_string(link.partition) + " " + link.entry.url + " " +
                       link.entry.request_url + " " + std::to_string(link.entry.depth));
    });
    EXPECT_EQ(seen, (std::vector<std::string>{"0 http://b/1 http://b/1 1",
                                              "2 http://c/2 http://c/2?b=1&a=2 2"}));
}

// A page's own PDFs: replaced as a whole on each fetch of the page, found from either side.
TEST(CrawlStore, PdfLinksAreReplacedPerLandingPage) {
    test::TempDir dir;
    CrawlStore store(dir.path() / "s.sqlite");
    store.set_pdf_links("http://a/p", {"http://a/full.pdf", "http://a/summary.pdf"});
    store.set_pdf_links("http://a/q", {"http://a/full.pdf"});
    EXPECT_EQ(store.pdfs_of("http://a/p"),
              (std::vector<std::string>{"http://a/full.pdf", "http://a/summary.pdf"}));
    EXPECT_EQ(store.landings_of("http://a/full.pdf"),
              (std::vector<std::string>{"http://a/p", "http://a/q"}));
    store.set_pdf_links("http://a/p", {"http://a/summary.pdf"});
    EXPECT_EQ(store.pdfs_of("http://a/p"), std::vector<std::string>{"http://a/summary.pdf"});
    EXPECT_EQ(store.landings_of("http://a/full.pdf"), std::vector<std::string>{"http://a/q"});
    store.set_pdf_links("http://a/q", {});
    EXPECT_TRUE(store.landings_of("http://a/full.pdf").empty());
}

TEST(CrawlStore, ReadOnlyOpenOfMissingStoreNamesThePath) {
    test::TempDir dir;
    auto path = dir.path() / "nothing" / "crawl.sqlite";
    try {
        CrawlStore store(path, true);
        FAIL() << "opened a missing store";
    } catch (const Fatal& e) {
        EXPECT_NE(std::string(e.what()).find("cannot open crawl store '" + path.string() + "'"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(CrawlStore, OpeningSomethingElseFailsWithTheSqliteReason) {
    test::TempDir dir;
    auto path = dir.path() / "not-a-db";
    test::write_file(path, std::string(4096, 'x'));
    try {
        CrawlStore store(path);
        FAIL() << "opened a file that is not a database";
    } catch (const Fatal& e) {
        std::string what = e.what();
        EXPECT_NE(what.find(path.string()), std::string::npos) << what;
        EXPECT_NE(what.find("not a database"), std::string::npos) << what;
    }
}

TEST(CrawlStore, ReadOnlySeesWhatTheWriterCommitted) {
    test::TempDir dir;
    auto path = dir.path() / "crawl.sqlite";
    CrawlStore writer(path);
    writer.put_page(make_page("http://a/1", "one"));
    CrawlStore reader(path, true);
    EXPECT_EQ(reader.counts().pages, 1);
    writer.put_page(make_page("http://a/2", "two"));
    EXPECT_EQ(reader.counts().pages, 2);
    EXPECT_EQ(reader.get_page("http://a/2")->body, "two");
}

TEST(ContentHash, IsSixteenHexDigitsAndDependsOnLength) {
    EXPECT_EQ(content_hash("").size(), 16u);
    EXPECT_NE(content_hash(std::string("a")), content_hash(std::string("a\0", 2)));
    EXPECT_EQ(content_hash("abc"), content_hash("abc"));
    EXPECT_NE(content_hash("abc"), content_hash("abd"));
}

}  // namespace
}  // namespace thinkdex::store
