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

}  // namespace
