// thinkdex.cgi as a web server runs it: environment in, headers and an HTML page out.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "../query/fixture_index.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

struct CgiResponse {
    int exit_code = -1;
    std::string status;        // "200 OK"
    std::string headers;       // every header line
    std::string body;
    std::string err;
};

CgiResponse cgi(const std::map<std::string, std::string>& env) {
    auto r = test::run({test::bin("thinkdex.cgi").string()}, env);
    CgiResponse out;
    out.exit_code = r.exit_code;
    out.err = r.err;
    auto end = r.out.find("\r\n\r\n");
    if (end == std::string::npos) {
        out.body = r.out;
        return out;
    }
    out.headers = r.out.substr(0, end + 2);
    out.body = r.out.substr(end + 4);
    auto status = out.headers.find("Status: ");
    if (status != std::string::npos)
        out.status = out.headers.substr(status + 8, out.headers.find("\r\n", status) - status - 8);
    return out;
}

class CgiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        test::build_fixture_index(dir_->path() / "index");
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::map<std::string, std::string> env(const std::string& query_string,
                                                  const std::string& method = "GET") {
        return {{"QUERY_STRING", query_string},
                {"REQUEST_METHOD", method},
                {"THINKDEX_INDEX", (dir_->path() / "index").string()},
                {"THINKDEX_CONFIG", ""},
                {"THINKDEX_DATA_DIR", ""},
                {"SERVER_NAME", "search.example.org"},
                {"SERVER_PORT", "8080"},
                {"SCRIPT_NAME", "/cgi-bin/thinkdex.cgi"}};
    }
    static test::TempDir* dir_;
};

test::TempDir* CgiTest::dir_ = nullptr;

TEST_F(CgiTest, ScriptInTheQueryComesBackEscaped) {
    auto r = cgi(env("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_NE(r.headers.find("Content-Type: text/html; charset=utf-8\r\n"), std::string::npos);
    EXPECT_TRUE(r.body.starts_with("<!DOCTYPE html>"));
    EXPECT_EQ(r.body.find("<script"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    // The fixture document with a script in its title matches, and is escaped too.
    EXPECT_NE(r.body.find("Escaping &lt;script&gt;alert(1)&lt;/script&gt; &amp; Friends"),
              std::string::npos)
        << r.body;
}

TEST_F(CgiTest, MatchingQueryListsResultsFacetsAndPaging) {
    auto r = cgi(env("q=central+asia"));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_NE(r.body.find("<ol class=\"results\""), std::string::npos);
    EXPECT_NE(r.body.find(">Sino-Russian Relations in Central Asia</a>"), std::string::npos);
    EXPECT_NE(r.body.find("<mark>Central</mark>"), std::string::npos);
    EXPECT_NE(r.body.find("<time datetime=\"2025-08-26\">"), std::string::npos);
    EXPECT_NE(r.body.find("author=Natasha%20Kuhrt"), std::string::npos);
    EXPECT_NE(r.body.find("<title>central asia – thinkdex</title>"), std::string::npos);

    // A facet link's query string, followed, narrows the results.
    r = cgi(env("q=central+asia&author=Li+Wei"));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_NE(r.body.find("China&#39;s Belt and Road at Ten"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("Sino-Russian"), std::string::npos);

    // Paging: 11 documents, 10 per page.
    r = cgi(env("q=&since=2000"));
    EXPECT_NE(r.body.find("rel=\"next\""), std::string::npos);
    r = cgi(env("since=2000&page=2"));
    EXPECT_NE(r.body.find("<ol class=\"results\" start=\"11\">"), std::string::npos);
    EXPECT_NE(r.body.find("rel=\"prev\""), std::string::npos);
}

TEST_F(CgiTest, NoQueryShowsTheForm) {
    auto r = cgi(env(""));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_NE(r.body.find("<search>"), std::string::npos);
    EXPECT_NE(r.body.find("Search 11 publications"), std::string::npos);
}

TEST_F(CgiTest, BadParametersGetA400Page) {
    const std::vector<std::string> bad = {"q=x&since=2024-13-40", "q=x&page=0", "q=x&page=abc",
                                          "q=" + std::string(600, 'a'), "q=after:someday"};
    for (const auto& qs : bad) {
        auto r = cgi(env(qs));
        EXPECT_EQ(r.status, "400 Bad Request") << qs;
        EXPECT_TRUE(r.body.starts_with("<!DOCTYPE html>")) << qs;
        EXPECT_NE(r.body.find("role=\"status\""), std::string::npos) << qs;
    }
    auto r = cgi(env("q=x&since=2024-13-40"));
    EXPECT_NE(r.body.find("The date &#39;2024-13-40&#39; is not valid"), std::string::npos)
        << r.body;
}

TEST_F(CgiTest, OnlyGetAndHead) {
    auto post = cgi(env("q=asia", "POST"));
    EXPECT_EQ(post.status, "405 Method Not Allowed");
    EXPECT_NE(post.headers.find("Allow: GET, HEAD"), std::string::npos);
    auto head = cgi(env("q=asia", "HEAD"));
    EXPECT_EQ(head.status, "200 OK");
    EXPECT_TRUE(head.body.empty());
}

TEST_F(CgiTest, MissingDatabaseGivesA503PageWithoutThePath) {
    test::TempDir other;
    auto missing = (other.path() / "secret-location" / "index").string();
    auto e = env("q=asia");
    e["THINKDEX_INDEX"] = missing;
    auto r = cgi(e);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.status, "503 Service Unavailable");
    EXPECT_TRUE(r.body.starts_with("<!DOCTYPE html>"));
    EXPECT_NE(r.body.find("Search is unavailable right now"), std::string::npos);
    EXPECT_EQ(r.body.find("secret-location"), std::string::npos);
    EXPECT_EQ(r.body.find(other.path().string()), std::string::npos);

    // A directory that is not a Xapian database: same page.
    test::write_file(other.path() / "broken" / "junk", "x");
    e["THINKDEX_INDEX"] = (other.path() / "broken").string();
    r = cgi(e);
    EXPECT_EQ(r.status, "503 Service Unavailable");
    EXPECT_EQ(r.body.find("broken"), std::string::npos);
}

TEST_F(CgiTest, FindsTheIndexThroughTheDataDir) {
    auto e = env("q=aral");
    e.erase("THINKDEX_INDEX");
    e["THINKDEX_INDEX"] = "";
    e["THINKDEX_DATA_DIR"] = dir_->path().string();
    auto r = cgi(e);
    EXPECT_EQ(r.status, "200 OK") << r.body;
    EXPECT_NE(r.body.find("Water Security in the Aral Sea Basin"), std::string::npos);
}

TEST_F(CgiTest, FindsTheIndexThroughAConfigFile) {
    test::TempDir conf;
    test::write_file(conf.path() / "thinkdex.toml",
                     "data_dir = \"" + dir_->path().string() + "\"\n[search]\nlimit = 2\n");
    auto e = env("q=asia");
    e["THINKDEX_INDEX"] = "";
    e["THINKDEX_CONFIG"] = (conf.path() / "thinkdex.toml").string();
    auto r = cgi(e);
    EXPECT_EQ(r.status, "200 OK") << r.body;
    // The config's page size applies: 3 matches, 2 per page.
    EXPECT_NE(r.body.find("Results 1–2 of 3 results"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("rel=\"next\""), std::string::npos);

    // A broken config file is an unavailable service too, without the path.
    test::write_file(conf.path() / "thinkdex.toml", "data_dir = [unclosed\n");
    r = cgi(e);
    EXPECT_EQ(r.status, "503 Service Unavailable");
    EXPECT_EQ(r.body.find(conf.path().string()), std::string::npos);
}

/// xmllint's verdict on `xml` ("" when well-formed), or nullopt when xmllint is missing.
std::optional<std::string> xml_problems(const std::string& xml) {
    if (!std::filesystem::exists("/usr/bin/xmllint")) return std::nullopt;
    auto r = test::run({"/usr/bin/xmllint", "--noout", "-"}, {}, xml);
    return r.exit_code == 0 ? "" : r.err;
}

TEST_F(CgiTest, JsonFormatIsTheClisJson) {
    auto r = cgi(env("q=central+asia&author=Li+Wei&format=json"));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_NE(r.headers.find("Content-Type: application/json\r\n"), std::string::npos);
    auto doc = nlohmann::json::parse(r.body);
    EXPECT_EQ(doc["query"], "central asia");
    EXPECT_EQ(doc["total"], 1);
    EXPECT_EQ(doc["results"][0]["title"], "China's Belt and Road at Ten");
    EXPECT_TRUE(doc["facets"].contains("author"));

    // Errors stay JSON for scripts.
    r = cgi(env("q=after:someday&format=json"));
    EXPECT_EQ(r.status, "400 Bad Request");
    EXPECT_NE(r.headers.find("Content-Type: application/json"), std::string::npos);
    EXPECT_FALSE(nlohmann::json::parse(r.body)["error"].get<std::string>().empty());
}

TEST_F(CgiTest, AtomFeedListsTheNewestMatchesWithASelfLink) {
    auto r = cgi(env("q=asia&format=atom"));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_NE(r.headers.find("Content-Type: application/atom+xml; charset=utf-8"),
              std::string::npos);
    EXPECT_TRUE(r.body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
                                   "xmlns=\"http://www.w3.org/2005/Atom\">"))
        << r.body;
    if (auto problems = xml_problems(r.body)) {
        EXPECT_EQ(*problems, "") << r.body;
    }
    const std::string self =
        "http://search.example.org:8080/cgi-bin/thinkdex.cgi?q=asia&amp;format=atom";
    EXPECT_NE(r.body.find("<id>" + self + "</id>"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("<link rel=\"self\" type=\"application/atom+xml\" href=\"" + self),
              std::string::npos);
    // Required elements: feed title/updated/author; entries with id, title, updated.
    EXPECT_NE(r.body.find("<title>thinkdex: asia</title>"), std::string::npos);
    EXPECT_NE(r.body.find("<updated>2025-08-26T00:00:00Z</updated>"), std::string::npos);
    // Newest first, whatever the relevance: the 2025 seed brief is the first entry.
    auto first = r.body.find("<entry>");
    ASSERT_NE(first, std::string::npos);
    EXPECT_NE(r.body.find("<title>Sino-Russian Relations in Central Asia</title>"), std::string::npos);
    EXPECT_LT(first, r.body.find("<published>2025-08-26T00:00:00Z</published>"));
    std::vector<std::string> dates;
    for (auto at = r.body.find("<published>"); at != std::string::npos;
         at = r.body.find("<published>", at + 1))
        dates.push_back(r.body.substr(at + 11, 10));
    ASSERT_GE(dates.size(), 2u);
    EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend())) << r.body;
    EXPECT_NE(r.body.find("<author><name>Natasha Kuhrt</name></author>"), std::string::npos);

    // Markup in the query and titles is escaped; the feed stays well-formed.
    r = cgi(env("q=%3Cscript%3E+escaping&format=atom"));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_EQ(r.body.find("<script"), std::string::npos);
    if (auto problems = xml_problems(r.body)) {
        EXPECT_EQ(*problems, "") << r.body;
    }
}

TEST_F(CgiTest, PageHeadLinksItsFeedAndTheOpenSearchDescription) {
    auto r = cgi(env("q=central+asia&author=Natasha+Kuhrt&page=1"));
    EXPECT_NE(r.body.find("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"New "
                          "results for central asia\" href=\"?q=central%20asia&amp;author="
                          "Natasha%20Kuhrt&amp;format=atom\">"),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("<link rel=\"search\" type=\"application/opensearchdescription+xml\" "
                          "title=\"thinkdex\" href=\"?format=opensearch\">"),
              std::string::npos);

    r = cgi(env("format=opensearch"));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_NE(r.headers.find("Content-Type: application/opensearchdescription+xml"),
              std::string::npos);
    if (auto problems = xml_problems(r.body)) {
        EXPECT_EQ(*problems, "") << r.body;
    }
    EXPECT_NE(r.body.find("<ShortName>thinkdex</ShortName>"), std::string::npos);
    EXPECT_NE(r.body.find("template=\"http://search.example.org:8080/cgi-bin/thinkdex.cgi?q="
                          "{searchTerms}&amp;page={startPage?}\""),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("Search 11 think-tank publications"), std::string::npos);
}

TEST_F(CgiTest, SortAndFormatAreValidated) {
    EXPECT_EQ(cgi(env("q=asia&format=rss")).status, "400 Bad Request");
    EXPECT_EQ(cgi(env("q=asia&sort=random")).status, "400 Bad Request");
    auto r = cgi(env("since=2000&sort=oldest&format=json"));
    auto doc = nlohmann::json::parse(r.body);
    ASSERT_GE(doc["results"].size(), 2u);
    EXPECT_LE(doc["results"][0]["published"].get<std::string>(),
              doc["results"][1]["published"].get<std::string>());
    // The order survives paging links.
    r = cgi(env("since=2000&sort=oldest"));
    EXPECT_NE(r.body.find("href=\"?since=2000&amp;sort=oldest&amp;page=2\""), std::string::npos);
    EXPECT_NE(r.body.find("<option value=\"oldest\" selected>"), std::string::npos);
}

}  // namespace
}  // namespace thinkdex
