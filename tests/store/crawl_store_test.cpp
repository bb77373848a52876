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

    // A crawl that ended is not resumed: the next one starts from an empty frontier.
    EXPECT_FALSE(store.begin_crawl());
    EXPECT_EQ(store.counts().queued, 0);
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
