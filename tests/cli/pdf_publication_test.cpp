// A PDF and the landing page that links it as its own are one publication in search: crawl a
// small site from 127.0.0.1 with the real binary, index it, search the words of the PDFs.

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "http_server.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kPdfs = THINKDEX_TEST_PDF_DIR;

std::string landing(const std::string& title, const std::string& head, const std::string& text) {
    return "<!doctype html><html lang=en><head><title>" + title + "</title>" + head +
           "<meta name=citation_title content=\"" + title + "\">"
           "<meta name=citation_publication_date content=\"2024/03/12\"></head><body><article>"
           "<h1>" + title + "</h1><p>" + text + "</p></article></body></html>";
}

class PdfPublication : public ::testing::Test {
  protected:
    void SetUp() override {
        site_ = dir_.path() / "site";
        fs::create_directories(site_);
        test::write_file(site_ / "robots.txt", "User-agent: *\nAllow: /\n");
        // Two <a> to PDFs: neither is the home page's own.
        test::write_file(site_ / "index.html",
                         "<!doctype html><html><head><title>Home</title></head><body>"
                         "<a href=\"/grain.html\">Grain</a> <a href=\"/nile.html\">Nile</a> "
                         "<a href=\"/loose.pdf\">Reef brief</a> "
                         "<a href=\"/blank.pdf\">Scan</a></body></html>");
        test::write_file(site_ / "grain.html",
                         landing("Sahel grain banks: the landing page",
                                 "<meta name=citation_pdf_url content=\"/grain-report.pdf\">",
                                 "An abstract of the report on village grain banks in Niger."));
        test::write_file(site_ / "nile.html",
                         landing("Nile water talks: the landing page",
                                 "<meta name=citation_pdf_url content=\"/nile.pdf\">"
                                 "<link rel=alternate type=application/pdf href=\"/nile-fr.pdf\">",
                                 "An abstract on water diplomacy between the basin states."));
        fs::copy_file(kPdfs / "report.pdf", site_ / "grain-report.pdf");
        fs::copy_file(kPdfs / "junk.pdf", site_ / "nile.pdf");
        fs::copy_file(kPdfs / "french.pdf", site_ / "nile-fr.pdf");
        fs::copy_file(kPdfs / "brief.pdf", site_ / "loose.pdf");
        fs::copy_file(kPdfs / "image_only.pdf", site_ / "blank.pdf");
        server_ = std::make_unique<test::HttpServer>(site_);
        server_->start();
        test::write_file(config(), "data_dir = \"" + (dir_.path() / "data").string() +
                                       "\"\n[crawl]\ndelay_ms = 0\n[[crawl.sources]]\nseed = \"" +
                                       server_->base_url() + "/\"\n");
        crawl_and_index();
    }

    void crawl_and_index() {
        auto crawl = thinkdex({"crawl"});
        ASSERT_EQ(crawl.exit_code, 0) << crawl.err;
        auto index = thinkdex({"index"});
        ASSERT_EQ(index.exit_code, 0) << index.err;
    }

    std::string config() const { return (dir_.path() / "thinkdex.toml").string(); }

    test::RunResult thinkdex(std::vector<std::string> args) const {
        args.insert(args.begin(), test::bin("thinkdex").string());
        args.insert(args.begin() + 2, {"--config", config()});
        return test::run(args);
    }

    json search(std::vector<std::string> args) const {
        args.insert(args.begin(), {"search", "--json", "--limit", "100"});
        auto r = thinkdex(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return json::parse(r.out);
    }

    std::string url(const std::string& path) const { return server_->base_url() + path; }

    test::TempDir dir_;
    fs::path site_;
    std::unique_ptr<test::HttpServer> server_;
};

// A word only on page 2 of the PDF finds the landing page, once, with the PDF at that page.
TEST_F(PdfPublication, WordOnlyInThePdfFindsTheLandingPage) {
    const json result = search({"zanzibarite"});
    ASSERT_EQ(result["results"].size(), 1u) << result.dump(2);
    const json& hit = result["results"][0];
    EXPECT_EQ(hit["title"], "Sahel grain banks: the landing page");
    EXPECT_EQ(hit["url"], url("/grain.html"));
    EXPECT_EQ(hit["type"], "html");
    EXPECT_EQ(hit["page"], 2);
    EXPECT_EQ(hit["pdf"], url("/grain-report.pdf") + "#page=2");
    EXPECT_EQ(hit["pdfs"], json::array({url("/grain-report.pdf")}));
    EXPECT_NE(hit["snippet"].get<std::string>().find("zanzibarite"), std::string::npos) << hit;
}

// A word of the landing page's own text (and of its PDF): the page's snippet, the PDF linked
// without a page.
TEST_F(PdfPublication, WordOfTheLandingPageKeepsItsOwnSnippet) {
    const json result = search({"village"});  // in the PDF too, on its page 1
    ASSERT_EQ(result["results"].size(), 1u) << result.dump(2);
    EXPECT_EQ(result["results"][0]["page"], 0);
    EXPECT_EQ(result["results"][0]["pdf"], url("/grain-report.pdf"));
}

// Two PDFs hang under one landing page; the snippet's PDF is the one the word is in.
TEST_F(PdfPublication, TwoPdfsOfOnePublication) {
    const json result = search({"interconnexions"});
    ASSERT_EQ(result["results"].size(), 1u) << result.dump(2);
    const json& hit = result["results"][0];
    EXPECT_EQ(hit["url"], url("/nile.html"));
    EXPECT_EQ(hit["pdfs"], json::array({url("/nile.pdf"), url("/nile-fr.pdf")}));
    EXPECT_EQ(hit["pdf"], url("/nile-fr.pdf") + "#page=1");
    const json english = search({"upstream", "dams"});
    ASSERT_EQ(english["results"].size(), 1u) << english.dump(2);
    EXPECT_EQ(english["results"][0]["url"], url("/nile.html"));
    EXPECT_EQ(english["results"][0]["pdf"], url("/nile.pdf") + "#page=1");
}

// A PDF that no page has as its own is a publication of its own.
TEST_F(PdfPublication, PdfWithoutLandingPageIsItsOwnResult) {
    const json result = search({"quokkaberry"});
    ASSERT_EQ(result["results"].size(), 1u) << result.dump(2);
    EXPECT_EQ(result["results"][0]["url"], url("/loose.pdf"));
    EXPECT_EQ(result["results"][0]["type"], "pdf");
    EXPECT_EQ(result["results"][0]["pdfs"], json::array());
}

// Facets count each publication once: the landing pages are html, the loose brief pdf.
TEST_F(PdfPublication, FacetsCountThePublicationOnce) {
    const json result = search({"--type", "pdf", "quokkaberry OR zanzibarite OR interconnexions"});
    ASSERT_EQ(result["results"].size(), 1u) << result.dump(2);
    const json all = search({"zanzibarite OR interconnexions OR quokkaberry"});
    EXPECT_EQ(all["total"], 3) << all.dump(2);
    std::map<std::string, int> types;
    for (const auto& value : all["facets"]["type"]) types[value["value"]] = value["count"];
    EXPECT_EQ(types, (std::map<std::string, int>{{"html", 2}, {"pdf", 1}})) << all["facets"];
}

// The PDF changes: re-crawled and re-indexed, the landing page's result follows its text.
TEST_F(PdfPublication, ChangedPdfRebuildsItsLandingPage) {
    fs::copy_file(kPdfs / "brief.pdf", site_ / "grain-report.pdf",
                  fs::copy_options::overwrite_existing);
    fs::last_write_time(site_ / "grain-report.pdf",
                        fs::file_time_type::clock::now() + std::chrono::hours(1));
    crawl_and_index();
    EXPECT_EQ(search({"zanzibarite"})["results"].size(), 0u);
    const json result = search({"parametric"});
    ASSERT_EQ(result["results"].size(), 2u) << result.dump(2);
    std::set<std::string> urls;
    for (const auto& hit : result["results"]) urls.insert(hit["url"]);
    EXPECT_EQ(urls, (std::set<std::string>{url("/grain.html"), url("/loose.pdf")}));
}

// A PDF indexed alone in an earlier run, unchanged since, joins the page that later names it
// as its own: one result, the page's.
TEST_F(PdfPublication, PdfIndexedAloneJoinsThePageThatLaterNamesIt) {
    ASSERT_EQ(search({"quokkaberry"})["results"][0]["url"], url("/loose.pdf"));
    test::write_file(site_ / "reef.html",
                     landing("Reef insurance: the landing page",
                             "<meta name=citation_pdf_url content=\"/loose.pdf\">",
                             "An abstract on insurance for island states."));
    test::write_file(site_ / "index.html",
                     "<!doctype html><html><head><title>Home</title></head><body>"
                     "<a href=\"/grain.html\">Grain</a> <a href=\"/nile.html\">Nile</a> "
                     "<a href=\"/reef.html\">Reef</a> <a href=\"/loose.pdf\">Reef brief</a> "
                     "<a href=\"/blank.pdf\">Scan</a></body></html>");
    crawl_and_index();
    const json result = search({"quokkaberry"});
    ASSERT_EQ(result["results"].size(), 1u) << result.dump(2);
    EXPECT_EQ(result["results"][0]["url"], url("/reef.html"));
    EXPECT_EQ(result["results"][0]["pdf"], url("/loose.pdf") + "#page=1");
}

}  // namespace
}  // namespace thinkdex
