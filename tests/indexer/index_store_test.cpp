// index_store() over a real crawl store: a stored page that is not HTML is skipped with the
// reason, counted, and the document an earlier version of the page left is removed.

#include <gtest/gtest.h>

#include <string>

#include "test_util.hpp"
#include "thinkdex/common/config.hpp"
#include "thinkdex/indexer/indexer.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace {

using thinkdex::Config;
using thinkdex::indexer::index_store;
using thinkdex::store::CrawlStore;
using thinkdex::store::Page;

Page stored(const std::string& body, const std::string& hash) {
    Page p;
    p.url = "http://127.0.0.1/briefs/grain.html";
    p.final_url = p.url;
    p.status = 200;
    p.headers = "Content-Type: text/html\r\n";
    p.content_type = "text/html";
    p.body = body;
    p.fetched_at = 1700000000;
    p.content_hash = hash;
    return p;
}

TEST(IndexStore, PageThatBecameAPdfIsSkippedWithTheReasonAndItsDocumentRemoved) {
    thinkdex::test::TempDir dir;
    Config config;
    config.data_dir = dir.path();
    {
        CrawlStore store(config.store_path());
        store.put_page(stored("<html><head><title>Grain Corridor After the Spring</title></head>"
                              "<body><article><p>Grain exports through the corridor recovered "
                              "over the spring, and insurers returned.</p></article></body></html>",
                              "h1"));
    }
    auto first = index_store(config);
    EXPECT_EQ(first.added, 1u);
    EXPECT_EQ(first.total_docs, 1u);

    {
        CrawlStore store(config.store_path());
        store.put_page(stored("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj << >> endobj\n", "h2"));
    }
    auto second = index_store(config);
    EXPECT_EQ(second.removed, 1u);
    EXPECT_EQ(second.total_docs, 0u);
    ASSERT_EQ(second.skipped.size(), 1u);
    EXPECT_NE(second.skipped.begin()->first.find("PDF document"), std::string::npos)
        << second.skipped.begin()->first;
}

// Issue 14: a page with <meta name="robots" content="noindex"> was indexed. Pages that say
// noindex to us (meta robots, meta with our product token, X-Robots-Tag for all crawlers or
// for us) are skipped as "noindex", an earlier document removed; the store keeps the page.
TEST(IndexStore, PagesThatSayNoindexAreSkippedAndCounted) {
    const std::string text =
        "<body><article><p>Grain exports through the corridor recovered over the spring, and "
        "insurers returned.</p></article></body></html>";
    auto page = [&](const std::string& path, const std::string& head, const std::string& headers) {
        Page p = stored("<html><head><title>Grain " + path + "</title>" + head + "</head>" + text,
                        path);
        p.url = p.final_url = "http://127.0.0.1/" + path;
        p.headers += headers;
        return p;
    };
    thinkdex::test::TempDir dir;
    Config config;
    config.data_dir = dir.path();
    config.crawl.user_agent = "thinkdex-lab/1.0";
    {
        CrawlStore store(config.store_path());
        store.put_page(page("meta", "<meta name=robots content='NOINDEX, follow'>", ""));
        store.put_page(page("none", "<meta name=robots content=none>", ""));
        store.put_page(page("ours", "<meta name=thinkdex-lab content=noindex>", ""));
        store.put_page(page("header", "", "X-Robots-Tag: noindex\r\n"));
        store.put_page(page("header-ours", "", "X-Robots-Tag: thinkdex-lab: noindex\r\n"));
        // indexed: directives for another crawler, or that allow indexing
        store.put_page(page("other-meta", "<meta name=otherbot content=noindex>", ""));
        store.put_page(page("other-header", "", "X-Robots-Tag: otherbot: noindex, nofollow\r\n"));
        store.put_page(page("nofollow", "<meta name=robots content=nofollow>", ""));
        store.put_page(page("dated", "", "X-Robots-Tag: unavailable_after: 2099-01-01\r\n"));
    }
    auto stats = index_store(config);
    EXPECT_EQ(stats.added, 4u);
    ASSERT_EQ(stats.skipped.count("noindex"), 1u);
    EXPECT_EQ(stats.skipped.at("noindex"), 5u);
    CrawlStore store(config.store_path(), true);
    EXPECT_TRUE(store.get_page("http://127.0.0.1/meta"));  // still in the crawl store
}

}  // namespace
