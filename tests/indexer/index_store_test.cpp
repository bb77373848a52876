// index_store() over a real crawl store: a stored page that is not HTML is skipped with the
// reason, counted, and the document an earlier version of the page left is removed; pages are
// extracted on several threads, while the writer adds the batch before, and the index comes out
// the same as with one.

#include <gtest/gtest.h>

#include <xapian.h>

#include <string>
#include <vector>

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

TEST(IndexStore, PageThatBecameABrokenPdfIsSkippedWithTheReasonAndItsDocumentRemoved) {
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
    EXPECT_NE(second.skipped.begin()->first.find("broken PDF ("), std::string::npos)
        << second.skipped.begin()->first;
}

// A stored PDF (tests/data/pdf/report.ms, made by the build) becomes a document of type "pdf"
// whose words on every page are found; an encrypted one is skipped with its reason.
TEST(IndexStore, StoredPdfsAreIndexedWithTheirType) {
    thinkdex::test::TempDir dir;
    Config config;
    config.data_dir = dir.path();
    const std::filesystem::path pdfs = THINKDEX_TEST_PDF_DIR;
    {
        CrawlStore store(config.store_path());
        for (const char* name : {"report", "encrypted"}) {
            Page p = stored(thinkdex::test::read_file(pdfs / (std::string(name) + ".pdf")), name);
            p.url = p.final_url = std::string("http://127.0.0.1/files/") + name + ".pdf";
            p.headers = "Content-Type: application/pdf\r\n";
            p.content_type = "application/pdf";
            store.put_page(p);
        }
    }
    auto stats = index_store(config);
    EXPECT_EQ(stats.added, 1u);
    ASSERT_EQ(stats.skipped.size(), 1u);
    EXPECT_EQ(stats.skipped.begin()->first, "encrypted PDF (needs a password)");
    Xapian::Database db(config.index_path().string());
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("quillwort"));  // on page 3
    Xapian::MSet found = enquire.get_mset(0, 10);
    ASSERT_EQ(found.size(), 1u);
    const std::string data = found.begin().get_document().get_data();
    EXPECT_NE(data.find(R"("type":"pdf")"), std::string::npos) << data;
    EXPECT_NE(data.find("Grain Reserves and Famine Prevention in the Sahel"), std::string::npos);
}

/// Every document of the index at `path` in docid order, as its terms (with wdf and
/// positions), values and stored data.
std::vector<std::string> documents(const std::filesystem::path& path) {
    Xapian::Database db(path.string());
    std::vector<std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        std::string terms;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            terms += *t + ":" + std::to_string(t.get_wdf());
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
                terms += "," + std::to_string(*p);
            terms += " ";
        }
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
            terms += std::to_string(v.get_valueno()) + "=" + *v + " ";
        out.push_back(std::to_string(*it) + " " + terms + doc.get_data());
    }
    return out;
}

/// The spelling data ("did you mean") of the index at `path`: each word with its frequency.
std::vector<std::string> spellings(const std::filesystem::path& path) {
    Xapian::Database db(path.string());
    std::vector<std::string> out;
    for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s)
        out.push_back(*s + " " + std::to_string(s.get_termfreq()));
    return out;
}

TEST(IndexStore, ManyThreadsMakeTheSameIndexAsOne) {
    thinkdex::test::TempDir dir;
    Config config;
    config.data_dir = dir.path() / "store";
    {
        CrawlStore store(config.store_path());
        // More pages than one batch, with gone and non-HTML pages among them.
        for (int i = 0; i < 300; ++i) {
            Page p = stored("<html><head><title>Brief " + std::to_string(i) +
                                "</title></head><body><article><p>" +
                                thinkdex::test::prose(static_cast<unsigned>(i), 80) +
                                "</p></article></body></html>",
                            "h" + std::to_string(i));
            p.url = p.final_url = "http://127.0.0.1/briefs/" + std::to_string(i) + ".html";
            if (i % 37 == 0) p.content_type = "image/png";
            store.put_page(p);
        }
    }
    std::vector<std::vector<std::string>> indexes;
    // One thread extracts and writes in turn; more overlap the extraction of a batch with the
    // writing of the one before.
    for (std::size_t threads : {1u, 2u, 3u}) {
        Config c = config;
        c.index.threads = threads;
        const auto index = dir.path() / ("index-" + std::to_string(threads));
        std::filesystem::create_directories(index);
        auto stats = index_store(c);
        EXPECT_EQ(stats.added, 300u - 9u) << threads << " thread(s)";
        EXPECT_EQ(stats.skipped.size(), 1u);
        std::filesystem::rename(c.index_path(), index / "db");
        indexes.push_back(documents(index / "db"));
        for (std::string& spelling : spellings(index / "db"))
            indexes.back().push_back(std::move(spelling));
    }
    ASSERT_GT(indexes[0].size(), 291u);
    EXPECT_EQ(indexes[0], indexes[1]);
    EXPECT_EQ(indexes[0], indexes[2]);
}

// "Did you mean" counts each word once per document that has it: a rebuild replaces every
// document, and must not count their words again.
TEST(IndexStore, ARebuildLeavesTheSpellingDataAsItWas) {
    thinkdex::test::TempDir dir;
    Config config;
    config.data_dir = dir.path();
    {
        CrawlStore store(config.store_path());
        for (int i = 0; i < 5; ++i) {
            Page p = stored("<html><head><title>Grain corridor " + std::to_string(i) +
                                "</title></head><body><article><p>" +
                                thinkdex::test::prose(static_cast<unsigned>(i), 60) +
                                "</p></article></body></html>",
                            "h" + std::to_string(i));
            p.url = p.final_url = "http://127.0.0.1/briefs/" + std::to_string(i) + ".html";
            store.put_page(p);
        }
    }
    index_store(config);
    const auto first = spellings(config.index_path());
    ASSERT_FALSE(first.empty());
    index_store(config, /*rebuild=*/true);
    index_store(config, /*rebuild=*/true);
    EXPECT_EQ(spellings(config.index_path()), first);
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

// Issue 12: a source's `name` was not used as the site name of its pages that name none.
TEST(IndexStore, ASourcesNameIsTheSiteOfItsPagesThatNameNone) {
    thinkdex::test::TempDir dir;
    Config config;
    config.data_dir = dir.path();
    config.crawl.sources.push_back({"Caspian Policy Institute", "http://127.0.0.1/", {}, {}});
    {
        CrawlStore store(config.store_path());
        Page plain = stored("<html><head><title>Grain Corridor After the Spring</title></head>"
                            "<body><article><p>Grain exports through the corridor recovered "
                            "over the spring, and insurers returned.</p></article></body></html>",
                            "h1");
        Page named = plain;
        named.url = named.final_url = "http://127.0.0.1/briefs/named.html";
        named.body.insert(named.body.find("</head>"),
                          "<meta property=\"og:site_name\" content=\"Own Name\">");
        store.put_page(plain);
        store.put_page(named);
    }
    index_store(config);
    const auto docs = documents(config.index_path());
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_NE(docs[0].find("\"site\":\"Caspian Policy Institute\""), std::string::npos) << docs[0];
    EXPECT_NE(docs[1].find("\"site\":\"Own Name\""), std::string::npos) << docs[1];
}

}  // namespace
