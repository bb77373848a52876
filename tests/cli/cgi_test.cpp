// thinkdex.cgi as a web server runs it: environment in, headers and an HTML page out.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../query/fixture_index.hpp"
#include "cgi_run.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

using test::cgi;

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
    EXPECT_NE(r.body.find("Bad date &#39;2024-13-40&#39;: no month 13"), std::string::npos)
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
    // So do errors in the parameters themselves, whatever their order.
    for (const char* query_string :
         {"format=json&year=24", "page=0&format=json", "sort=best&format=json"}) {
        r = cgi(env(query_string));
        EXPECT_EQ(r.status, "400 Bad Request") << query_string;
        EXPECT_NE(r.headers.find("Content-Type: application/json"), std::string::npos)
            << query_string;
        EXPECT_NE(nlohmann::json::parse(r.body)["error"].get<std::string>().find("Bad "),
                  std::string::npos)
            << r.body;
    }
}

TEST_F(CgiTest, ConfiguredBaseUrlMakesTheFeedLinksWhateverTheServerNameSays) {
    test::TempDir conf;
    test::write_file(conf.path() / "thinkdex.toml",
                     "[cgi]\nbase_url = \"https://search.example.org/thinkdex\"\n");
    auto e = env("q=asia&format=atom");
    e["THINKDEX_CONFIG"] = (conf.path() / "thinkdex.toml").string();
    e["SERVER_NAME"] = "evil.example.net";  // as a server with UseCanonicalName Off sets it
    e["HTTP_HOST"] = "evil.example.net";
    auto r = cgi(e);
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_EQ(r.body.find("evil.example.net"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("href=\"https://search.example.org/thinkdex?q=asia&amp;format=atom\""),
              std::string::npos)
        << r.body;
    e["QUERY_STRING"] = "format=opensearch";
    r = cgi(e);
    EXPECT_EQ(r.body.find("evil.example.net"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("template=\"https://search.example.org/thinkdex?q={searchTerms}"),
              std::string::npos)
        << r.body;

    test::write_file(conf.path() / "thinkdex.toml",
                     "[cgi]\nbase_url = \"javascript:alert(1)//\"\n");
    r = cgi(e);
    EXPECT_EQ(r.status, "503 Service Unavailable");
    EXPECT_NE(r.err.find("cgi.base_url must be an http(s) URL"), std::string::npos) << r.err;
}

TEST_F(CgiTest, QueryOfNoncharactersStillGivesWellFormedAtom) {
    auto r = cgi(env("q=%EF%BF%BF+asia&format=atom"));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_EQ(r.body.find("\xEF\xBF\xBF"), std::string::npos);
    if (auto problems = xml_problems(r.body)) {
        EXPECT_EQ(*problems, "") << r.body;
    }
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


// ---- citations ----

/// The first href in `body` that starts with `prefix`, HTML-unescaped (only &amp; occurs).
std::string find_href(const std::string& body, const std::string& prefix) {
    auto at = body.find("href=\"" + prefix);
    if (at == std::string::npos) return {};
    at += 6;
    std::string href = body.substr(at, body.find('"', at) - at);
    for (auto amp = href.find("&amp;"); amp != std::string::npos; amp = href.find("&amp;"))
        href.replace(amp, 5, "&");
    return href;
}

/// The value of BibTeX field `name` on its line ("  title        = {{...}},").
std::string bib_field(const std::string& bib, const std::string& name) {
    auto at = bib.find("\n  " + name + " ");
    if (at == std::string::npos) return {};
    auto eq = bib.find(" = ", at);
    auto end = bib.find('\n', eq);
    std::string value = bib.substr(eq + 3, end - eq - 3);
    if (value.ends_with(",")) value.pop_back();
    return value;
}

class CitationTest : public CgiTest {
  protected:
    static void SetUpTestSuite() {
        CgiTest::SetUpTestSuite();
        indexer::IndexWriter writer(dir_->path() / "cite", "english");
        auto tricky = test::fixture_doc(
            "tricky", "Braces {x} & 100% of $5 #1 a_b ~c^ back\\slash\nsecond line",
            {"Ana Müller", "Research and Analysis Unit"}, "2024-03-05", "Body text about cites.");
        tricky.id = "https://think.example.org/tricky?x=1&y={2}";
        tricky.url = tricky.id;
        tricky.site = "Think & Co";
        writer.upsert(tricky);
        auto injected = test::fixture_doc("injected", "Line one\r\nER  - \r\nTY  - BOOK",
                                          {"Li Wei", "Bad\nAU  - Name"}, "2023", "Ris text.");
        writer.upsert(injected);
        writer.commit();
    }
    static std::map<std::string, std::string> cite_env(const std::string& query_string) {
        auto e = env(query_string);
        e["THINKDEX_INDEX"] = (dir_->path() / "cite").string();
        return e;
    }
};

TEST_F(CitationTest, EveryResultLinksItsBibtexAndRisCitation) {
    auto page = cgi(env("q=%22Sino-Russian%22"));
    ASSERT_EQ(page.status, "200 OK");
    const std::string id = "https%3A%2F%2Fthink.example.org%2Fsino-russian";
    EXPECT_NE(page.body.find("<p class=\"cite\">Cite: <a href=\"?format=bibtex&amp;id=" + id +
                             "\" download"),
              std::string::npos)
        << page.body;
    EXPECT_NE(page.body.find("href=\"?format=ris&amp;id=" + id + "\" download"),
              std::string::npos);

    // Following the link gives the download, with its type and file name.
    auto bib = cgi(env(find_href(page.body, "?format=bibtex").substr(1)));
    EXPECT_EQ(bib.status, "200 OK") << bib.body;
    EXPECT_NE(bib.headers.find("Content-Type: application/x-bibtex; charset=utf-8\r\n"),
              std::string::npos);
    EXPECT_NE(bib.headers.find(
                  "Content-Disposition: attachment; filename=\"kuhrt2025sino.bib\"\r\n"),
              std::string::npos)
        << bib.headers;
    EXPECT_TRUE(bib.body.starts_with("@misc{kuhrt2025sino,\n")) << bib.body;
    EXPECT_EQ(bib_field(bib.body, "author"), "{Natasha Kuhrt}");
    EXPECT_EQ(bib_field(bib.body, "title"), "{{Sino-Russian Relations in Central Asia}}");
    EXPECT_EQ(bib_field(bib.body, "year"), "{2025}");
    EXPECT_EQ(bib_field(bib.body, "month"), "aug");
    EXPECT_EQ(bib_field(bib.body, "date"), "{2025-08-26}");
    EXPECT_EQ(bib_field(bib.body, "organization"), "{Eurasia Policy Digest}");
    EXPECT_EQ(bib_field(bib.body, "publisher"), "{Eurasia Policy Digest}");
    EXPECT_EQ(bib_field(bib.body, "url"),
              "{https://eurasia-policy-digest.blogspot.com/2025/08/sino-russian.html}");
    EXPECT_EQ(bib_field(bib.body, "urldate").size(), 12u) << bib.body;  // {YYYY-MM-DD}
    EXPECT_TRUE(bib.body.ends_with("}\n}\n")) << bib.body;  // no comma after the last field

    auto ris = cgi(env(find_href(page.body, "?format=ris").substr(1)));
    EXPECT_EQ(ris.status, "200 OK");
    EXPECT_NE(ris.headers.find(
                  "Content-Type: application/x-research-info-systems; charset=utf-8\r\n"),
              std::string::npos);
    EXPECT_NE(ris.headers.find("filename=\"kuhrt2025sino.ris\""), std::string::npos);
    EXPECT_TRUE(ris.body.starts_with("TY  - ELEC\r\nAU  - Natasha Kuhrt\r\n"
                                     "TI  - Sino-Russian Relations in Central Asia\r\n"
                                     "PY  - 2025\r\nDA  - 2025/08/26/\r\n"
                                     "PB  - Eurasia Policy Digest\r\n"
                                     "UR  - https://eurasia-policy-digest.blogspot.com/2025/08/"
                                     "sino-russian.html\r\nY2  - "))
        << ris.body;
    EXPECT_TRUE(ris.body.ends_with("\r\nER  - \r\n"));

    // HEAD: the headers only.
    auto head = cgi(env("format=ris&id=https://think.example.org/sino-russian", "HEAD"));
    EXPECT_EQ(head.status, "200 OK");
    EXPECT_TRUE(head.body.empty());
}

TEST_F(CitationTest, BibtexEscapesEveryLatexSpecialAndKeepsBracesBalanced) {
    auto r = cgi(cite_env("format=bibtex&id=https%3A%2F%2Fthink.example.org%2Ftricky%3Fx%3D1%26"
                          "y%3D%7B2%7D"));
    ASSERT_EQ(r.status, "200 OK") << r.body;
    // Accents are folded into the key, not dropped.
    EXPECT_TRUE(r.body.starts_with("@misc{muller2024braces,\n")) << r.body;
    EXPECT_EQ(bib_field(r.body, "title"),
              "{{Braces \\textbraceleft{}x\\textbraceright{} \\& 100\\% of \\$5 \\#1 a\\_b "
              "\\textasciitilde{}c\\textasciicircum{} back\\textbackslash{}slash second line}}");
    // A corporate author with "and" in its name stays one author.
    EXPECT_EQ(bib_field(r.body, "author"), "{Ana Müller and {Research and Analysis Unit}}");
    EXPECT_EQ(bib_field(r.body, "organization"), "{Think \\& Co}");
    EXPECT_EQ(bib_field(r.body, "month"), "mar");
    // The URL stays verbatim but for what would unbalance the field.
    EXPECT_EQ(bib_field(r.body, "url"), "{https://think.example.org/tricky?x=1&y=%7B2%7D}");
    // Every line's braces balance (BibTeX counts them even after a backslash).
    std::istringstream lines(r.body);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("@") || line == "}") continue;
        EXPECT_EQ(std::count(line.begin(), line.end(), '{'),
                  std::count(line.begin(), line.end(), '}'))
            << line;
    }
}

TEST_F(CitationTest, RisKeepsEachValueOnItsLine) {
    auto r = cgi(cite_env("format=ris&id=https%3A%2F%2Fthink.example.org%2Finjected"));
    ASSERT_EQ(r.status, "200 OK") << r.body;
    EXPECT_NE(r.body.find("TI  - Line one ER - TY - BOOK\r\n"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("AU  - Li Wei\r\nAU  - Bad AU - Name\r\n"), std::string::npos);
    EXPECT_NE(r.body.find("PY  - 2023\r\nDA  - 2023///\r\n"), std::string::npos);
    // Every line is one tag: two capitals, two spaces, a dash; CRLF endings; one TY and one ER.
    std::size_t lines = 0, ty = 0, er = 0;
    for (std::size_t at = 0; at < r.body.size();) {
        auto end = r.body.find("\r\n", at);
        ASSERT_NE(end, std::string::npos) << r.body.substr(at);
        std::string line = r.body.substr(at, end - at);
        EXPECT_TRUE(line.size() >= 6 && std::isupper(static_cast<unsigned char>(line[0])) &&
                    std::isalnum(static_cast<unsigned char>(line[1])) &&
                    line.substr(2, 4) == "  - ")
            << line;
        EXPECT_EQ(line.find('\n'), std::string::npos);
        ty += line.starts_with("TY  -");
        er += line.starts_with("ER  -");
        ++lines;
        at = end + 2;
    }
    EXPECT_EQ(ty, 1u);
    EXPECT_EQ(er, 1u);
    EXPECT_GE(lines, 8u);
}

TEST_F(CitationTest, UnknownIdIsA404AndAMissingIdA400) {
    auto r = cgi(env("format=bibtex&id=https%3A%2F%2Fnowhere.example.org%2Fx"));
    EXPECT_EQ(r.status, "404 Not Found");
    EXPECT_TRUE(r.body.starts_with("<!DOCTYPE html>"));
    EXPECT_NE(r.body.find("There is no publication with this id"), std::string::npos);
    EXPECT_EQ(r.headers.find("Content-Disposition"), std::string::npos);

    r = cgi(env("format=ris"));
    EXPECT_EQ(r.status, "400 Bad Request");
    EXPECT_NE(r.body.find("A citation needs the id of a publication."), std::string::npos);
    r = cgi(env("format=bibtex&id=" + std::string(3000, 'x')));
    EXPECT_EQ(r.status, "400 Bad Request");
    // An id on any other page is ignored, and does not leak into its links.
    r = cgi(env("q=asia&id=https%3A%2F%2Fthink.example.org%2Faral"));
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_EQ(r.body.find("amp;id=https%3A%2F%2Fthink.example.org%2Faral&"), std::string::npos);
}

// ---- the stylesheet ----

TEST_F(CgiTest, PageLinksTheConfiguredStylesheetAndAllowsOnlyIt) {
    auto r = cgi(env("q=asia"));
    EXPECT_NE(r.body.find("<link rel=\"stylesheet\" href=\"/thinkdex/thinkdex.css\">"),
              std::string::npos);
    EXPECT_EQ(r.body.find("<style"), std::string::npos);
    EXPECT_NE(r.headers.find("style-src 'self';"), std::string::npos) << r.headers;

    test::TempDir conf;
    test::write_file(conf.path() / "thinkdex.toml",
                     "[cgi]\nstylesheet = \"https://static.example.org/css/t.css?v=2&x=\\\"\"\n");
    auto e = env("q=asia");
    e["THINKDEX_CONFIG"] = (conf.path() / "thinkdex.toml").string();
    r = cgi(e);
    EXPECT_EQ(r.status, "200 OK") << r.body;
    EXPECT_NE(r.body.find("<link rel=\"stylesheet\" "
                          "href=\"https://static.example.org/css/t.css?v=2&amp;x=&quot;\">"),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.headers.find("style-src 'self' https://static.example.org;"), std::string::npos)
        << r.headers;

    test::write_file(conf.path() / "thinkdex.toml", "[cgi]\nstylesheet = \"\"\n");
    r = cgi(e);
    EXPECT_EQ(r.status, "200 OK");
    EXPECT_EQ(r.body.find("rel=\"stylesheet\""), std::string::npos);

    // Not a URL: the config is refused, and the page says the service is unavailable.
    test::write_file(conf.path() / "thinkdex.toml", "[cgi]\nstylesheet = \"javascript:x\"\n");
    r = cgi(e);
    EXPECT_EQ(r.status, "503 Service Unavailable");
    EXPECT_NE(r.err.find("cgi.stylesheet must be a path starting with / or an http(s) URL"),
              std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace thinkdex

namespace thinkdex {
namespace {

TEST_F(CgiTest, AppliesTheConfiguredSynonyms) {
    test::TempDir conf;
    test::write_file(conf.path() / "thinkdex.toml",
                     "[search.synonyms]\n\"Kremlinology\" = [\"Shanghai Cooperation "
                     "Organisation\"]\n");
    auto e = env("q=Kremlinology&format=json");
    EXPECT_EQ(nlohmann::json::parse(cgi(e).body)["total"], 0);  // no config, no synonym
    e["THINKDEX_CONFIG"] = (conf.path() / "thinkdex.toml").string();
    auto r = cgi(e);
    ASSERT_EQ(r.status, "200 OK") << r.body;
    auto json = nlohmann::json::parse(r.body);
    ASSERT_EQ(json["total"], 1) << r.body;
    EXPECT_EQ(json["results"][0]["title"], "Sino-Russian Relations in Central Asia");
}

TEST_F(CgiTest, AFilterWithoutWordsListsWhatItSelects) {
    auto r = cgi(env("site=eurasia-policy-digest.blogspot.com"));
    ASSERT_EQ(r.status, "200 OK") << r.body;
    EXPECT_NE(r.body.find("Sino-Russian Relations in Central Asia"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("think.example.org/"), std::string::npos);
}

}  // namespace
}  // namespace thinkdex

namespace thinkdex {
namespace {

/// The CLI's `search --json` and the CGI's format=json, on one index and config, must give the
/// same results: one query engine behind both (issue 12). The config's page size and facet limit
/// apply to both.
TEST_F(CgiTest, CliAndCgiGiveTheSameResults) {
    test::TempDir conf;
    const auto config = conf.path() / "thinkdex.toml";
    test::write_file(config, "[search]\nlimit = 3\nfacet_limit = 2\n");
    struct Case {
        std::vector<std::string> cli;  // after `search --json`
        std::string query_string;      // before `&format=json`
    };
    const Case cases[] = {
        {{"russia"}, "q=russia"},
        {{"--page", "2", "russia"}, "q=russia&page=2"},
        {{"--author", "Natasha Kuhrt", "central", "asia"},
         "q=central+asia&author=Natasha+Kuhrt"},
        {{"--tag", "China", "--tag", "Russia", "--lang", "en", "--site", "think.example.org",
          "--sort", "newest", "china"},
         "q=china&tag=China&tag=Russia&lang=en&site=think.example.org&sort=newest"},
        {{"--since", "2024", "--until", "2025-03", "--sort", "oldest"},
         "since=2024&until=2025-03&sort=oldest"},
        {{"--year", "2024", "--kind", "article", "--sort", "recent", "europe"},
         "q=europe&year=2024&kind=article&sort=recent"},
    };
    auto without_time = [](nlohmann::json doc) {
        doc.erase("elapsed_ms");
        return doc;
    };
    for (const auto& c : cases) {
        std::vector<std::string> argv = {test::bin("thinkdex").string(), "search", "--json",
                                         "--config", config.string(), "--db",
                                         (dir_->path() / "index").string()};
        argv.insert(argv.end(), c.cli.begin(), c.cli.end());
        auto cli = test::run(argv);
        ASSERT_EQ(cli.exit_code, 0) << c.query_string << ": " << cli.err;
        auto e = env(c.query_string + "&format=json");
        e["THINKDEX_CONFIG"] = config.string();
        auto cgi_answer = cgi(e);
        ASSERT_EQ(cgi_answer.status, "200 OK") << c.query_string << ": " << cgi_answer.body;
        const auto from_cli = without_time(nlohmann::json::parse(cli.out));
        const auto from_cgi = without_time(nlohmann::json::parse(cgi_answer.body));
        EXPECT_EQ(from_cli, from_cgi) << c.query_string;
        EXPECT_LE(from_cgi["results"].size(), 3u) << c.query_string;
        for (const auto& [name, values] : from_cgi["facets"].items())
            EXPECT_LE(values.size(), 2u) << c.query_string << ": facet " << name;
    }
    // A bad filter value is refused by both, naming it.
    auto cli = test::run({test::bin("thinkdex").string(), "search", "--config", config.string(),
                          "--db", (dir_->path() / "index").string(), "--lang", "english", "x"});
    EXPECT_EQ(cli.exit_code, 2);
    EXPECT_NE(cli.err.find("bad language 'english'"), std::string::npos) << cli.err;
    auto bad = cgi(env("q=x&lang=english"));
    EXPECT_EQ(bad.status, "400 Bad Request");
    EXPECT_NE(bad.body.find("Bad language &#39;english&#39;: use a two-letter ISO 639-1 code"),
              std::string::npos)
        << bad.body;
}

}  // namespace
}  // namespace thinkdex
