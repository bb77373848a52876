// `thinkdex extract` as a user runs it: one JSON line a page, gzipped files and their bounds,
// config, missing files, and what is not HTML (broken PDFs, images) named with its reason.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_program.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::run;
using test::TempDir;

TEST(Cli, ExtractTakesConfig) {
    auto page = test::data("seed/sino-russian-relations-in-central-asia.html").string();
    auto missing = run({thinkdex(), "extract", "--config", "/nonexistent/e.toml", page});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("/nonexistent/e.toml"), std::string::npos) << missing.err;
    TempDir dir;
    test::write_file(dir.path() / "c.toml", "[log]\nlevel = \"error\"\n");
    auto ok = run({thinkdex(), "extract", "--config", (dir.path() / "c.toml").string(), page});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("Natasha Kuhrt"), std::string::npos);
}

nlohmann::json extract_one(const std::vector<std::string>& args) {
    auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    return nlohmann::json::parse(r.out);
}

void expect_seed_fields(const nlohmann::json& j) {
    EXPECT_EQ(j["title"], "Sino-Russian Relations in Central Asia");
    EXPECT_EQ(j["authors"], nlohmann::json::array({"Natasha Kuhrt"}));
    EXPECT_EQ(j["published"], "2025-08-26");
    EXPECT_EQ(j["language"], "en");
    for (const char* key : {"id", "url", "body", "summary", "site_name", "tags"}) {
        EXPECT_TRUE(j.contains(key)) << key;
    }
}

TEST(Cli, ExtractSeedPagePrintsOneJsonLine) {
    auto page = test::data("seed/sino-russian-relations-in-central-asia.html");
    auto j = extract_one({thinkdex(), "extract", page.string()});
    EXPECT_EQ(j["id"], "sino-russian-relations-in-central-asia");
    expect_seed_fields(j);
}

TEST(Cli, ExtractReadsGzippedFiles) {
    TempDir dir;
    auto html = test::read_file(test::data("seed/sino-russian-relations-in-central-asia.html"));
    auto gz_path = dir.path() / "brief.html.gz";
    test::write_file(gz_path, test::gzip(html));
    auto j = extract_one({thinkdex(), "extract", "--url", "https://example.org/brief",
                          gz_path.string()});
    EXPECT_EQ(j["id"], "brief");
    expect_seed_fields(j);
}

// Each file may have its own --url, in order (a page without a canonical link is known by
// it); one --url is every file's; any other count is a usage error.
TEST(Cli, ExtractTakesAUrlPerFile) {
    TempDir dir;
    const std::string page = "<html><head><title>A page</title></head><body><h1>A page</h1>"
                             "<p>Words of a page long enough to be read as its text.</p>"
                             "</body></html>";
    test::write_file(dir.path() / "a.html", page);
    test::write_file(dir.path() / "b.html", page);
    const auto a = (dir.path() / "a.html").string(), b = (dir.path() / "b.html").string();
    auto urls = [](const std::string& out) {
        std::vector<std::string> found;
        std::istringstream lines(out);
        for (std::string line; std::getline(lines, line);)
            found.push_back(nlohmann::json::parse(line)["url"]);
        return found;
    };
    auto each = run({thinkdex(), "extract", "--url", "https://a.example/x", a, "--url",
                     "https://b.example/y", b});
    ASSERT_EQ(each.exit_code, 0) << each.err;
    EXPECT_EQ(urls(each.out),
              (std::vector<std::string>{"https://a.example/x", "https://b.example/y"}));
    auto one = run({thinkdex(), "extract", "--url", "https://a.example/x", a, b});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(urls(one.out),
              (std::vector<std::string>{"https://a.example/x", "https://a.example/x"}));
    auto wrong = run({thinkdex(), "extract", "--url", "https://a.example/x", "--url",
                      "https://b.example/y", a, b, a});
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_NE(wrong.err.find("2 --url for 3 files"), std::string::npos) << wrong.err;
    EXPECT_EQ(wrong.out, "");
}

// Issue 14, defect 8: `extract` inflated .gz files without bound (a 1 MB bomb took 1 GB) and
// printed what a truncated one held. Both are now named with the reason, and exit 1.
TEST(Cli, ExtractRefusesTruncatedAndOversizedGzip) {
    TempDir dir;
    auto html = test::read_file(test::data("seed/sino-russian-relations-in-central-asia.html"));
    std::string packed = test::gzip(html);
    auto cut = dir.path() / "cut.html.gz";
    auto bomb = dir.path() / "bomb.html.gz";
    test::write_file(cut, packed.substr(0, packed.size() / 2));
    test::write_file(bomb, test::gzip(std::string(64u << 20, ' ')));
    auto r = run({thinkdex(), "extract", cut.string(), bomb.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("cut.html.gz': not an HTML page: truncated gzip data"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("bomb.html.gz': not an HTML page: gzip data inflates to more than"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(Cli, ExtractMissingFileIsAnError) {
    auto r = run({thinkdex(), "extract", "/nonexistent/page.html"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("/nonexistent/page.html"), std::string::npos) << r.err;
}

// A broken PDF or an image among HTML files: named with its reason on stderr, the good files
// still printed in order, and a non-zero exit.
TEST(Cli, ExtractRefusesNonHtmlFilesAndGoesOn) {
    TempDir dir;
    auto pdf = dir.path() / "paper.pdf";
    auto png = dir.path() / "chart.html";  // a misnamed image
    test::write_file(pdf, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    test::write_file(png, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
    auto seed = test::data("seed/sino-russian-relations-in-central-asia.html");
    auto r = run({thinkdex(), "extract", pdf.string(), seed.string(), png.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("paper.pdf': broken PDF ("), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("chart.html': not an HTML page: PNG image"), std::string::npos) << r.err;
    ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    expect_seed_fields(nlohmann::json::parse(r.out));
}

// PDFs made by the build from tests/data/pdf: a report printed with its type and page count,
// the encrypted and truncated ones named with their reason, and exit 1.
TEST(Cli, ExtractReadsPdfsAndRefusesBadOnes) {
    const std::filesystem::path dir = THINKDEX_TEST_PDF_DIR;
    auto r = run({thinkdex(), "extract", (dir / "report.pdf").string(),
                  (dir / "encrypted.pdf").string(), (dir / "truncated.pdf").string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("encrypted.pdf': encrypted PDF (needs a password)"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("truncated.pdf': broken PDF ("), std::string::npos) << r.err;
    ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["id"], "report");
    EXPECT_EQ(j["type"], "pdf");
    EXPECT_EQ(j["pages"], 3);
    EXPECT_EQ(j["title"], "Grain Reserves and Famine Prevention in the Sahel");
}

// Awkward and malformed files: what extract warns about names the file, and what it refuses
// gives one line naming the file and exit code 1, never a crash.

std::string nested_page(std::size_t depth) {
    std::string html = "<html><head><title>Deep</title></head><body>";
    for (std::size_t i = 0; i < depth; ++i) html += "<div>";
    html += "<p>The innermost paragraph of a page nested far too deep.</p>";
    for (std::size_t i = 0; i < depth; ++i) html += "</div>";
    return html + "</body></html>";
}

// Regression: without --url the warnings about an oversized or over-nested page named
// nothing ("extract: : elements nested deeper..."); with it they named the URL, which one
// --url gives every file. They name the file.
TEST(ExtractInput, WarningsNameTheFile) {
    TempDir dir;
    auto file = dir.path() / "deep.html";
    test::write_file(file, nested_page(1000));
    for (const std::vector<std::string>& url : {std::vector<std::string>{},
                                                std::vector<std::string>{"--url",
                                                                         "https://a.example/"}}) {
        std::vector<std::string> argv{thinkdex(), "extract"};
        argv.insert(argv.end(), url.begin(), url.end());
        argv.push_back(file.string());
        auto r = run(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.err.find("extract: " + file.string() + ": elements nested deeper than"),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.out.find("innermost paragraph"), std::string::npos) << r.out;
    }
}

// Issue 14, bad input. A stray NUL in a page is dropped and the page extracted; a file that is
// mostly NULs, binary, or a truncated gzip is refused with one line naming it and exit code 1,
// while the good file beside it is still extracted.
TEST(ExtractInput, NulBytesAndBinaryFiles) {
    TempDir dir;
    const std::string article =
        "<html><head><title>Grain</title></head><body><article><h1>Grain</h1><p>Before the NUL "
        "byte and then after it, the paragraph goes on about grain reserves.</p></article>"
        "</body></html>";
    auto with_nul = article;
    with_nul.insert(with_nul.find("byte"), std::string(1, '\0'));
    auto nul_in_tag = article;
    nul_in_tag.insert(nul_in_tag.find("<p>") + 2, std::string(1, '\0'));
    for (const std::string& html : {with_nul, nul_in_tag}) {
        auto file = dir.path() / "nul.html";
        test::write_file(file, html);
        auto r = run({thinkdex(), "extract", file.string()});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out.find('\0'), std::string::npos);
        EXPECT_EQ(r.out.find("\\u0000"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("grain reserves"), std::string::npos) << r.out;
    }

    struct Case {
        const char* name;
        std::string bytes;
        std::string why;  ///< after "'FILE': not an HTML page: "
    };
    const std::string gz = test::gzip(article);
    const Case cases[] = {
        {"mostly_nuls", "<html><body><p>x</p>" + std::string(4000, '\0'), "binary data"},
        {"png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(200, '\1'),
         "PNG image"},
        {"truncated_gzip", gz.substr(0, gz.size() / 2), "truncated"},
    };
    auto good = dir.path() / "good.html";
    test::write_file(good, article);
    for (const auto& c : cases) {
        auto file = dir.path() / (std::string(c.name) + ".html");
        test::write_file(file, c.bytes);
        auto r = run({thinkdex(), "extract", file.string(), good.string()});
        EXPECT_EQ(r.exit_code, 1) << c.name;
        EXPECT_NE(r.err.find("'" + file.string() + "': not an HTML page: "), std::string::npos)
            << c.name << "\n" << r.err;
        EXPECT_NE(r.err.find(c.why), std::string::npos) << c.name << "\n" << r.err;
        EXPECT_NE(r.out.find("grain reserves"), std::string::npos) << c.name;  // good.html
        EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << c.name;
    }
}

}  // namespace
}  // namespace thinkdex
