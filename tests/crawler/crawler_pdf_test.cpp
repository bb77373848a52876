// The crawler and PDFs (issue 16): landing pages' own PDFs, their cap, other hosts.

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
