#include "thinkdex/query/render.hpp"
#include "thinkdex/query/user_query.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixture_index.hpp"
#include "thinkdex/common/utf8.hpp"
#include "test_util.hpp"

namespace thinkdex::query {
namespace {

const std::string kScript = "<script>alert(1)</script>";

SearchResult sample_result() {
    SearchResult r;
    r.query = "central asia " + kScript;
    r.total = 25;
    r.offset = 10;
    r.limit = 10;
    r.elapsed_ms = 1.5;
    Hit hit;
    hit.rank = 11;
    hit.score = 4.25;
    hit.id = "https://think.example.org/a";
    hit.url = "https://think.example.org/a?x=1&y=\"2\"";
    hit.title = "Title " + kScript;
    hit.authors = {"Natasha Kuhrt", "Eve \"<b>\""};
    hit.published = "2025-08-26";
    hit.site = "Site & Co";
    hit.snippet = {{"…water in ", false}, {"Central", true}, {" ", false}, {"Asia", true},
                   {" <img src=x onerror=alert(2)> end", false}};
    r.hits.push_back(hit);
    Hit bad = hit;
    bad.rank = 12;
    bad.url = "javascript:alert(3)";
    bad.title = "Evil link";
    r.hits.push_back(bad);
    r.facets["author"] = {{"Natasha Kuhrt", 7, "Natasha Kuhrt"}, {"A&B \"<i>\"", 2, "A&B \"<i>\""}};
    r.facets["year"] = {{"2025", 5, "2025"}, {"2024", 3, "2024"}};
    return r;
}

TEST(RenderJson, IsValidAndHasEveryField) {
    auto j = nlohmann::json::parse(render_json(sample_result()));
    EXPECT_EQ(j["query"], "central asia " + kScript);
    EXPECT_EQ(j["total"], 25);
    EXPECT_EQ(j["total_exact"], true);
    EXPECT_EQ(j["offset"], 10);
    EXPECT_EQ(j["limit"], 10);
    EXPECT_DOUBLE_EQ(j["elapsed_ms"].get<double>(), 1.5);
    EXPECT_EQ(j["corrected_query"], "");
    ASSERT_EQ(j["results"].size(), 2u);
    const auto& hit = j["results"][0];
    EXPECT_EQ(hit["rank"], 11);
    EXPECT_DOUBLE_EQ(hit["score"].get<double>(), 4.25);
    EXPECT_EQ(hit["id"], "https://think.example.org/a");
    EXPECT_EQ(hit["title"], "Title " + kScript);
    EXPECT_EQ(hit["authors"][1], "Eve \"<b>\"");
    EXPECT_EQ(hit["published"], "2025-08-26");
    EXPECT_EQ(hit["site"], "Site & Co");
    EXPECT_EQ(hit["snippet"], "…water in Central Asia <img src=x onerror=alert(2)> end");
    EXPECT_EQ(hit["snippet_html"],
              "…water in <mark>Central</mark> <mark>Asia</mark> &lt;img src=x "
              "onerror=alert(2)&gt; end");
    EXPECT_EQ(hit["matches"], nlohmann::json::array({"Central", "Asia"}));
    EXPECT_EQ(j["facets"]["author"][0]["value"], "Natasha Kuhrt");
    EXPECT_EQ(j["facets"]["author"][0]["count"], 7);
    EXPECT_EQ(j["facets"]["year"][1]["value"], "2024");
}

TEST(RenderJson, InvalidUtf8IsReplacedNotThrown) {
    SearchResult r;
    r.query = "bad \xff byte";
    auto j = nlohmann::json::parse(render_json(r));
    EXPECT_EQ(j["query"], "bad \xEF\xBF\xBD byte");
}

TEST(RenderText, PlainMarksMatchesAndListsFacets) {
    std::string out = render_text(sample_result(), false);
    EXPECT_NE(out.find("11. Title " + kScript), std::string::npos) << out;
    EXPECT_NE(out.find("Natasha Kuhrt, Eve \"<b>\" · 2025-08-26 · Site & Co"), std::string::npos);
    EXPECT_NE(out.find("**Central** **Asia**"), std::string::npos) << out;
    EXPECT_NE(out.find("Authors: Natasha Kuhrt (7), A&B \"<i>\" (2)"), std::string::npos) << out;
    EXPECT_NE(out.find("Years: 2025 (5), 2024 (3)"), std::string::npos) << out;
    EXPECT_NE(out.find("25 results, showing 11-12"), std::string::npos) << out;
    EXPECT_EQ(out.find('\033'), std::string::npos);
    EXPECT_EQ(out.back(), '\n');
}

TEST(RenderText, ColorUsesAnsiBoldAndStripsEscapesFromContent) {
    SearchResult r = sample_result();
    r.hits[0].title = "Evil \033[31mred\033]0;title\a";
    std::string out = render_text(r, true);
    EXPECT_NE(out.find("\033[1;31mCentral\033[0m"), std::string::npos) << out;
    EXPECT_NE(out.find("12. \033[1;36mEvil link\033[0m"), std::string::npos) << out;
    EXPECT_EQ(out.find("\033[31m"), std::string::npos);
    EXPECT_EQ(out.find('\a'), std::string::npos);
    EXPECT_EQ(out.find("**"), std::string::npos);
}

TEST(RenderText, NoResults) {
    SearchResult r;
    r.query = "zzz";
    EXPECT_NE(render_text(r, false).find("No results for 'zzz'."), std::string::npos);
}

TEST(RenderHtml, CompletePageWithEscaping) {
    PageRequest request;
    request.query.text = "central asia " + kScript;
    request = at_page(request, 2);
    std::string h = render_html_page(request, sample_result(), 10);
    EXPECT_TRUE(h.starts_with("<!DOCTYPE html>\n<html lang=\"en\">")) << h.substr(0, 60);
    EXPECT_NE(h.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(h.find("name=\"viewport\""), std::string::npos);
    EXPECT_NE(h.find("<title>central asia &lt;script&gt;alert(1)&lt;/script&gt; – page 2 – "
                     "thinkdex</title>"),
              std::string::npos);
    EXPECT_NE(h.find("<search>"), std::string::npos);
    EXPECT_NE(h.find("<label for=\"q\">"), std::string::npos);
    EXPECT_NE(h.find("value=\"central asia &lt;script&gt;alert(1)&lt;/script&gt;\""),
              std::string::npos);
    // Nothing from the request or the index comes through as markup.
    EXPECT_EQ(h.find("<script"), std::string::npos);
    EXPECT_EQ(h.find("<img"), std::string::npos);
    EXPECT_EQ(h.find("<b>"), std::string::npos);
    EXPECT_EQ(h.find("<i>"), std::string::npos);
    EXPECT_NE(h.find("Title &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(h.find("<mark>Central</mark> <mark>Asia</mark>"), std::string::npos);
    EXPECT_NE(h.find("href=\"https://think.example.org/a?x=1&amp;y=&quot;2&quot;\""),
              std::string::npos);
    EXPECT_EQ(h.find("javascript:"), h.find("<p class=\"url\">javascript:") + 15)
        << "a javascript: URL may appear as text only";
    EXPECT_EQ(h.find("href=\"javascript"), std::string::npos);
    EXPECT_NE(h.find("<ol class=\"results\" start=\"11\">"), std::string::npos);
    EXPECT_NE(h.find("<time datetime=\"2025-08-26\">2025-08-26</time>"), std::string::npos);
    EXPECT_NE(h.find("aria-live=\"polite\""), std::string::npos);
    EXPECT_NE(h.find("Results 11–12 of 25 results"), std::string::npos) << h;
    EXPECT_NE(h.find("(1.50 ms)"), std::string::npos);
    // Facet links add the filter to the current query and start again at page 1.
    EXPECT_NE(h.find("href=\"?q=central%20asia%20%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;"
                     "author=Natasha%20Kuhrt\""),
              std::string::npos)
        << h;
    EXPECT_NE(h.find("author=A%26B%20%22%3Ci%3E%22\">A&amp;B &quot;&lt;i&gt;&quot;</a>"),
              std::string::npos);
    EXPECT_NE(h.find("&amp;year=2025\">2025</a> <span class=\"count\">(5)</span>"),
              std::string::npos);
    // Pagination: page 2 of 3, both ways.
    EXPECT_NE(h.find("<nav class=\"pages\" aria-label=\"Pages\">"), std::string::npos);
    EXPECT_NE(h.find("rel=\"prev\" href=\"?q=central%20asia%20%3Cscript%3Ealert%281%29%3C%2F"
                     "script%3E\""),
              std::string::npos);
    EXPECT_NE(h.find("&amp;page=3\">Next"), std::string::npos);
    EXPECT_NE(h.find("Page 2 of 3"), std::string::npos);
    EXPECT_TRUE(h.ends_with("</html>\n"));
}

TEST(RenderHtml, ActiveFilterCanBeRemoved) {
    PageRequest request;
    request.query.text = "asia";
    request.query.authors = {"Natasha Kuhrt"};
    SearchResult r = sample_result();
    r.offset = 0;
    std::string h = render_html_page(request, r, 10);
    // The active author's facet link removes it; the hidden input keeps it for new queries.
    EXPECT_NE(h.find("<a href=\"?q=asia\" class=\"active\""), std::string::npos) << h;
    EXPECT_NE(h.find("Author: Natasha Kuhrt <a href=\"?q=asia\">remove</a>"), std::string::npos);
    EXPECT_NE(h.find("<input type=\"hidden\" name=\"author\" value=\"Natasha Kuhrt\">"),
              std::string::npos);
}

TEST(RenderHtml, PartialResultsSayWhatIsMissing) {
    PageRequest request;
    request.query.text = "asia";
    SearchResult r = sample_result();
    EXPECT_EQ(render_html_page(request, r, 10).find("Partial results"), std::string::npos);
    r.partial = true;
    r.missing_shards = {"10.0.0.7:33333"};
    const std::string h = render_html_page(request, r, 10);
    EXPECT_NE(h.find("<p class=\"status partial\" role=\"alert\">Partial results"),
              std::string::npos);
    // The page does not tell the public the shards' internal addresses; the CLI does.
    EXPECT_EQ(h.find("10.0.0.7"), std::string::npos);
    EXPECT_NE(render_text(r, false).find("Partial results: shard(s) 10.0.0.7:33333"),
              std::string::npos);
}

TEST(RenderHtml, MessagePageEscapes) {
    PageRequest request;
    request.query.text = kScript;
    std::string h = render_html_message(request, "Bad " + kScript);
    EXPECT_TRUE(h.starts_with("<!DOCTYPE html>"));
    EXPECT_NE(h.find("<search>"), std::string::npos);
    EXPECT_EQ(h.find("<script"), std::string::npos);
    EXPECT_NE(h.find("Bad &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(Escaping, HtmlAndUrl) {
    EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(url_encode("a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~");
    EXPECT_EQ(url_decode("a+b%26c%3dd%2F%C3%A9"), "a b&c=d/é");
    EXPECT_EQ(url_decode("100%"), "100%");
    EXPECT_EQ(url_decode("%zz%4"), "%zz%4");
    EXPECT_EQ(url_decode("bad%FFbyte"), "bad\xEF\xBF\xBD" "byte");
    EXPECT_EQ(url_decode("%C0%AF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
    // RFC 3986's sub-delimiters are escaped too; "%2b" is a plus, "+" a space
    EXPECT_EQ(url_encode("it's (a)!*"), "it%27s%20%28a%29%21%2A");
    EXPECT_EQ(url_decode("%41%42+%2b"), "AB +");
    // a NUL byte is encoded, and dropped when decoded, with nothing after it lost
    EXPECT_EQ(url_encode(std::string("a\0b", 3)), "a%00b");
    EXPECT_EQ(url_decode("a%00b"), "ab");
    EXPECT_EQ(url_decode(std::string("a\0%41", 5)), "aA");
}

TEST(ParsePageRequest, DecodesEveryParameter) {
    auto r = parse_page_request(
        "q=central+asia&author=Natasha%20Kuhrt&year=2025&since=2024-01&until=2025&page=3&x=y");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->query.text, "central asia");
    EXPECT_EQ(r->query.authors, std::vector<std::string>{"Natasha Kuhrt"});
    EXPECT_EQ(r->query.years, std::vector<std::string>{"2025"});
    EXPECT_EQ(r->query.since, "2024-01");
    EXPECT_EQ(r->query.until, "2025");
    EXPECT_EQ(page_number(*r), 3u);
    auto search = to_search_request(*r);
    EXPECT_EQ(search.offset, 20u);
    EXPECT_EQ(search.limit, 10u);
    EXPECT_EQ(search.authors, std::vector<std::string>{"Natasha Kuhrt"});
    EXPECT_EQ(search.years, std::vector<std::string>{"2025"});

    auto empty = parse_page_request("");
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(page_number(*empty), 1u);
    EXPECT_TRUE(to_search_request(*empty).authors.empty());
}

TEST(ParsePageRequest, RejectsBadParameters) {
    struct Row {
        std::string query_string;
        std::string kind;
        std::string message_part;
    };
    const Row rows[] = {
        {"q=" + std::string(501, 'a'), "request", "too long"},
        {"page=0", "request", "Bad page '0': use a number from 1 to 1000."},
        {"page=1001", "request", "Bad page '1001'"},
        {"page=2x", "request", "Bad page '2x'"},
        {"page=-1", "request", "Bad page '-1'"},
        {"sort=best", "request", "Bad order 'best': use relevance, recent, newest or oldest."},
        {"year=24", "request", "Bad year '24': use four digits"},
        {"since=2024-13-01", "request", "Bad date '2024-13-01': no month 13"},
        {"until=yesterday", "request", "Bad date 'yesterday'"},
        // The CLI's checks (filter_problems), each naming the value.
        {"lang=english", "request", "Bad language 'english'"},
        {"type=docx", "request", "Bad content type 'docx'"},
        {"site=https://rusi.org/", "request", "Bad site 'https://rusi.org/'"},
        {"year=24&lang=english", "request", "four digits, like 2024. Bad language 'english'"},
    };
    for (const auto& row : rows) {
        auto r = parse_page_request(row.query_string);
        ASSERT_FALSE(r.has_value()) << row.query_string;
        EXPECT_EQ(r.error().kind, row.kind) << row.query_string;
        EXPECT_NE(r.error().message.find(row.message_part), std::string::npos)
            << row.query_string << ": " << r.error().message;
    }
    // Exactly at the limits is fine.
    EXPECT_TRUE(parse_page_request("q=" + std::string(500, 'a') + "&page=1000").has_value());
}

// The CLI and the CGI check through one parser: the same problems, in the same words.
TEST(UserQuery, OneParserNamesEveryProblem) {
    UserQuery user;
    user.years = {"trade"};
    user.page = "0";
    user.sort = "best";
    user.limit = "1001";
    auto r = to_search_request(user, {});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error(), (std::vector<std::string>{
                             "bad order 'best': use relevance, recent, newest or oldest",
                             "bad page '0': use a number from 1 to 1000",
                             "bad page size '1001': use a number from 1 to 1000",
                             "bad year 'trade': use four digits, like 2024"}));
    user = UserQuery{};
    user.text = "oil";
    user.sort = "newest";
    user.page = "3";
    user.limit = "20";
    SearchRequest defaults;
    defaults.facet_limit = 7;
    auto ok = to_search_request(user, defaults);
    ASSERT_TRUE(ok.has_value()) << ok.error().front();
    EXPECT_EQ(ok->query, "oil");
    EXPECT_EQ(ok->sort, SortOrder::kNewest);
    EXPECT_EQ(ok->limit, 20u);
    EXPECT_EQ(ok->offset, 40u);
    EXPECT_EQ(ok->facet_limit, 7u);
    for (const auto& [name, order] : kSortNames) {
        EXPECT_EQ(parse_sort(name), order);
        EXPECT_STREQ(sort_name(order), name);
    }
}

TEST(RenderHtml, RealSearchShowsResultsWithMarks) {
    test::TempDir dir;
    test::build_fixture_index(dir.path() / "index");
    Searcher searcher(dir.path() / "index");
    PageRequest request;
    request.query.text = "central asia";
    auto result = searcher.search(to_search_request(request));
    ASSERT_TRUE(result.has_value());
    std::string h = render_html_page(request, *result, 10);
    EXPECT_NE(h.find("Sino-Russian Relations in Central Asia</a>"), std::string::npos);
    EXPECT_NE(h.find("<mark>Central</mark>"), std::string::npos);
    EXPECT_NE(h.find("<aside"), std::string::npos);
    EXPECT_NE(h.find("Natasha Kuhrt</a> <span class=\"count\">(2)</span>"), std::string::npos)
        << h;
}

// ---- The JSON schema (README, "JSON output"), facets in the sidebar, estimates ----

/// Checks `j` against the documented JSON schema: exactly these fields, of these types.
void expect_json_schema(const nlohmann::json& j) {
    using Json = nlohmann::json;
    auto keys = [](const Json& object) {
        std::set<std::string> out;
        for (const auto& [key, value] : object.items()) out.insert(key);
        return out;
    };
    ASSERT_TRUE(j.is_object());
    EXPECT_EQ(keys(j), (std::set<std::string>{"query", "corrected_query", "total", "total_exact",
                                               "offset", "limit", "returned", "next_offset",
                                               "partial", "missing_shards",
                                               "elapsed_ms", "results", "facets"}));
    EXPECT_TRUE(j["query"].is_string());
    EXPECT_TRUE(j["corrected_query"].is_string());
    EXPECT_TRUE(j["total"].is_number_unsigned());
    EXPECT_TRUE(j["total_exact"].is_boolean());
    EXPECT_TRUE(j["offset"].is_number_unsigned());
    EXPECT_TRUE(j["limit"].is_number_unsigned());
    EXPECT_TRUE(j["returned"].is_number_unsigned());
    EXPECT_TRUE(j["next_offset"].is_null() || j["next_offset"].is_number_unsigned());
    EXPECT_TRUE(j["elapsed_ms"].is_number());
    ASSERT_TRUE(j["results"].is_array());
    EXPECT_EQ(j["returned"], j["results"].size());
    for (const auto& hit : j["results"]) {
        EXPECT_EQ(keys(hit), (std::set<std::string>{"rank", "score", "id", "url", "title",
                                                     "authors", "published", "site", "kind",
                                                     "type", "pdf", "page", "pdfs", "snippet",
                                                     "snippet_html", "matches", "also_at"}));
        EXPECT_TRUE(hit["rank"].is_number_unsigned());
        EXPECT_TRUE(hit["score"].is_number());
        for (const char* field : {"id", "url", "title", "published", "site", "kind", "snippet",
                                  "snippet_html"})
            EXPECT_TRUE(hit[field].is_string()) << field;
        for (const char* field : {"authors", "matches", "pdfs"}) {
            ASSERT_TRUE(hit[field].is_array()) << field;
            for (const auto& s : hit[field]) EXPECT_TRUE(s.is_string()) << field;
        }
        ASSERT_TRUE(hit["also_at"].is_array());
        for (const auto& copy : hit["also_at"]) {
            EXPECT_EQ(keys(copy), (std::set<std::string>{"site", "url"}));
            EXPECT_TRUE(copy["site"].is_string() && copy["url"].is_string());
        }
    }
    ASSERT_TRUE(j["facets"].is_object());
    for (const auto& [name, values] : j["facets"].items()) {
        EXPECT_TRUE(std::set<std::string>(
                        {"author", "year", "site", "tag", "language", "type", "kind"})
                        .contains(name))
            << name;
        ASSERT_TRUE(values.is_array());
        for (const auto& v : values) {
            EXPECT_EQ(keys(v), (std::set<std::string>{"value", "label", "count"}));
            EXPECT_TRUE(v["value"].is_string() && v["label"].is_string());
            EXPECT_TRUE(v["count"].is_number_unsigned());
        }
    }
}

TEST(RenderJson, FollowsTheDocumentedSchema) {
    SearchResult r = sample_result();
    r.hits[0].also_at = {{"Mirror Digest", "https://mirror.example.net/a"}};
    r.facets["site"] = {{"rusi.org", 3, "RUSI"}};
    auto j = nlohmann::json::parse(render_json(r));
    expect_json_schema(j);
    EXPECT_EQ(j["results"][0]["also_at"][0]["site"], "Mirror Digest");
    EXPECT_EQ(j["results"][0]["also_at"][0]["url"], "https://mirror.example.net/a");
    EXPECT_EQ(j["results"][1]["also_at"], nlohmann::json::array());
    EXPECT_EQ(j["facets"]["site"][0]["label"], "RUSI");
    EXPECT_EQ(j["returned"], 2);
    EXPECT_EQ(j["next_offset"], 12);  // results 11-12 of 25
    r.offset = 23;
    EXPECT_TRUE(nlohmann::json::parse(render_json(r))["next_offset"].is_null());  // 24-25 of 25

    // A real search, with every facet.
    test::TempDir dir;
    test::build_fixture_index(dir.path() / "index");
    Searcher searcher(dir.path() / "index");
    SearchRequest request;
    request.query = "russia";
    request.limit = 2;
    auto result = searcher.search(request);
    ASSERT_TRUE(result.has_value());
    auto real = nlohmann::json::parse(render_json(*result));
    expect_json_schema(real);
    EXPECT_EQ(real["facets"].size(), 7u);  // author, year, site, tag, language, type, kind
    EXPECT_EQ(real["next_offset"], 2);
    EXPECT_EQ(real["facets"]["site"][0]["value"], "think.example.org");
    EXPECT_EQ(real["facets"]["site"][0]["label"], "Think Example");
}

TEST(RenderText, EstimatesSayAboutAndTimeIsShown) {
    SearchResult r = sample_result();
    r.total_exact = false;
    std::string out = render_text(r, false);
    EXPECT_NE(out.find("about 25 results, showing 11-12, 1.50 ms"), std::string::npos) << out;
    std::string h = render_html_page(PageRequest{}, r, 10);
    EXPECT_NE(h.find("Results 11–12 of about 25 results"), std::string::npos) << h;
    EXPECT_NE(h.find("(1.50 ms)"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(render_json(r))["total_exact"], false);
    r.total_exact = true;
    EXPECT_NE(render_text(r, false).find("\n25 results, showing"), std::string::npos);
}

TEST(RenderText, AlsoAtAndEveryFacet) {
    SearchResult r = sample_result();
    r.hits[0].also_at = {{"Mirror Digest", "https://mirror.example.net/a"}};
    r.facets["site"] = {{"rusi.org", 3, "RUSI"}, {"example.org", 1, "example.org"}};
    r.facets["tag"] = {{"China", 2, "China"}};
    r.facets["language"] = {{"en", 4, "en"}};
    r.facets["type"] = {{"html", 4, "html"}};
    std::string out = render_text(r, false);
    EXPECT_NE(out.find("   also at Mirror Digest <https://mirror.example.net/a>\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("Sites: RUSI [rusi.org] (3), example.org (1)\n"), std::string::npos);
    EXPECT_NE(out.find("Tags: China (2)\n"), std::string::npos);
    EXPECT_NE(out.find("Languages: en (4)\n"), std::string::npos);
    EXPECT_NE(out.find("Types: html (4)\n"), std::string::npos);
    std::string h = render_html_page(PageRequest{}, r, 10);
    EXPECT_NE(h.find("Also at: <a href=\"https://mirror.example.net/a\">Mirror Digest</a>"),
              std::string::npos)
        << h;
}

TEST(RenderAtom, StaysWellFormedWithHostileContent) {
    SearchResult r = sample_result();  // its second hit links to javascript:
    r.hits[0].title = "Noncharacters \xEF\xBF\xBF and \xEF\xBF\xBE, a \x01 control, \xFF";
    r.hits[0].published = "<b>x</b>1";  // ten bytes, as a date would be
    Hit data = r.hits[0];
    data.url = "data:text/html,<script>alert(4)</script>";
    r.hits.push_back(data);
    PageRequest request;
    request.query.text = "\xEF\xBF\xBF";
    const std::string atom =
        render_atom(request, r, "https://search.example.org/thinkdex.cgi", "2026-01-01T00:00:00Z");
    EXPECT_EQ(atom.find("\xEF\xBF\xBF"), std::string::npos);
    EXPECT_EQ(atom.find("\xEF\xBF\xBE"), std::string::npos);
    EXPECT_EQ(atom.find('\x01'), std::string::npos);
    EXPECT_TRUE(is_valid_utf8(atom));
    EXPECT_NE(atom.find("Noncharacters  and , a  control, \xEF\xBF\xBD"), std::string::npos);
    EXPECT_EQ(atom.find("<b>"), std::string::npos);
    EXPECT_EQ(atom.find("<published>"), atom.find("<published>2025-08-26T00:00:00Z"));
    EXPECT_EQ(atom.find("javascript:"), std::string::npos) << atom;
    EXPECT_EQ(atom.find("href=\"data:"), std::string::npos) << atom;
    // An entry without a web link carries its text as content instead (RFC 4287 4.1.2).
    EXPECT_NE(atom.find("<content type=\"text\">"), std::string::npos);
}

TEST(RenderHtml, FacetLinksAddOrRemoveFilters) {
    PageRequest request;
    request.query.text = "asia";
    request.query.tags = {"China", "Water"};
    SearchResult r = sample_result();
    r.offset = 0;
    r.facets["site"] = {{"rusi.org", 3, "RUSI"}};
    r.facets["tag"] = {{"China", 2, "China"}, {"Water", 1, "Water"}, {"Energy", 1, "Energy"}};
    std::string h = render_html_page(request, r, 10);
    // No site filter yet: the link adds one, labelled with the site's name.
    EXPECT_NE(h.find("<a href=\"?q=asia&amp;site=rusi.org&amp;tag=China&amp;tag=Water\">RUSI</a>"
                     " <span class=\"count\">(3)</span>"),
              std::string::npos)
        << h;
    // Selected tags link to the page without them; other tags are not offered (their counts
    // are within the selection, not what adding them would give).
    EXPECT_NE(h.find("<a href=\"?q=asia&amp;tag=Water\" class=\"active\" title=\"Remove this "
                     "filter\">✕ China</a> <span class=\"count\">(2)</span>"),
              std::string::npos)
        << h;
    EXPECT_NE(h.find("<a href=\"?q=asia&amp;tag=China\" class=\"active\""), std::string::npos);
    EXPECT_EQ(h.find(">Energy</a>"), std::string::npos);
    EXPECT_NE(h.find("Tag: China <a href=\"?q=asia&amp;tag=Water\">remove</a>"),
              std::string::npos);
    // New queries from the form keep the filters.
    EXPECT_NE(h.find("<input type=\"hidden\" name=\"tag\" value=\"China\">"), std::string::npos);
    EXPECT_NE(h.find("<input type=\"hidden\" name=\"tag\" value=\"Water\">"), std::string::npos);
    EXPECT_NE(h.find("<option value=\"recent\">"), std::string::npos);
}

TEST(ParsePageRequest, RepeatableFacetsAndRecentSort) {
    auto r = parse_page_request("q=x&site=rusi.org&site=www.ifri.org&tag=China&lang=fr&type=html"
                                "&tag=&sort=recent");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->query.sites, (std::vector<std::string>{"rusi.org", "www.ifri.org"}));
    EXPECT_EQ(r->query.tags, std::vector<std::string>{"China"});
    EXPECT_EQ(r->query.languages, std::vector<std::string>{"fr"});
    EXPECT_EQ(r->query.types, std::vector<std::string>{"html"});
    EXPECT_EQ(page_sort(*r), SortOrder::kRecent);
    EXPECT_EQ(page_query_string(*r),
              "q=x&site=rusi.org&site=www.ifri.org&tag=China&lang=fr&type=html&sort=recent");
    SearchRequest s = to_search_request(*r);
    EXPECT_EQ(s.sites, r->query.sites);
    EXPECT_EQ(s.tags, r->query.tags);
    EXPECT_EQ(s.languages, r->query.languages);
    EXPECT_EQ(s.types, r->query.types);
    EXPECT_EQ(s.sort, SortOrder::kRecent);
    std::string many = "q=x";
    for (std::size_t i = 0; i <= kMaxFacetValues; ++i) many += "&tag=t" + std::to_string(i);
    auto bad = parse_page_request(many);
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message.find("Too many tag filters"), std::string::npos);
}

// The page's parameters are the CLI's flags: authors and years repeat too, and the defaults
// (relevance, the first page) vanish from the links.
TEST(ParsePageRequest, AuthorsAndYearsRepeatLikeTheFlags) {
    auto r = parse_page_request(
        "q=x&author=Ann+Lee&author=Bo+Chen&year=2024&year=2025&sort=relevance&page=1");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->query.authors, (std::vector<std::string>{"Ann Lee", "Bo Chen"}));
    EXPECT_EQ(r->query.years, (std::vector<std::string>{"2024", "2025"}));
    EXPECT_EQ(page_query_string(*r), "q=x&author=Ann%20Lee&author=Bo%20Chen&year=2024&year=2025");
    const SearchRequest s = to_search_request(*r);
    EXPECT_EQ(s.authors, r->query.authors);
    EXPECT_EQ(s.years, r->query.years);
    EXPECT_EQ(s.offset, 0u);
    auto bad = parse_page_request("author=" + std::string(kMaxQueryBytes + 1, 'a'));
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message, "The author is too long.");
}

TEST(ParsePageRequest, KindFilter) {
    auto r = parse_page_request("q=x&kind=listing&kind=page");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->query.kinds, (std::vector<std::string>{"listing", "page"}));
    EXPECT_EQ(page_query_string(*r), "q=x&kind=listing&kind=page");
    EXPECT_EQ(to_search_request(*r).kinds, r->query.kinds);
    auto bad = parse_page_request("q=x&kind=blog");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().kind, "request");
    EXPECT_EQ(bad.error().message, "Bad page kind 'blog': use article, listing or page.");
}

TEST(RenderHtml, EveryFacetLinkLeadsToItsCount) {
    // On a real index: follow each sidebar link that adds a filter and compare totals.
    test::TempDir dir;
    test::build_fixture_index(dir.path() / "index");
    Searcher searcher(dir.path() / "index");
    PageRequest request;
    request.query.text = "russia OR asia";
    auto result = searcher.search(to_search_request(request));
    ASSERT_TRUE(result.has_value());
    std::string h = render_html_page(request, *result, 10);
    std::size_t links = 0;
    const std::string aside = h.substr(h.find("<aside"));
    for (auto at = aside.find("<li><a href=\"?"); at != std::string::npos;
         at = aside.find("<li><a href=\"?", at + 1)) {
        auto href_end = aside.find('"', at + 13);
        std::string href = aside.substr(at + 14, href_end - at - 14);
        auto count_at = aside.find("<span class=\"count\">(", href_end);
        auto line_end = aside.find("</li>", href_end);
        if (count_at == std::string::npos || count_at > line_end) continue;
        std::size_t count = std::stoul(aside.substr(count_at + 21));
        // Undo the HTML escaping of the href.
        for (auto amp = href.find("&amp;"); amp != std::string::npos; amp = href.find("&amp;"))
            href.replace(amp, 5, "&");
        auto linked = parse_page_request(href);
        ASSERT_TRUE(linked.has_value()) << href;
        auto page = searcher.search(to_search_request(*linked));
        ASSERT_TRUE(page.has_value());
        EXPECT_EQ(page->total, count) << href;
        ++links;
    }
    EXPECT_GT(links, 10u);
}

}  // namespace
}  // namespace thinkdex::query
