// thinkdex.cgi as a web server runs it: environment in, headers and an HTML page out.

#include <gtest/gtest.h>

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
                {"THINKDEX_DATA_DIR", ""}};
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

}  // namespace
}  // namespace thinkdex
