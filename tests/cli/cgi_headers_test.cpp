// Every answer of thinkdex.cgi, whatever its status and format, carries the
// Content-Security-Policy and X-Content-Type-Options headers: a browser must never run or
// sniff what an error page or a feed echoes back.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "../query/fixture_index.hpp"
#include "cgi_run.hpp"
#include "test_util.hpp"

namespace thinkdex {
namespace {

struct HeaderCase {
    const char* name;
    std::string query_string;
    std::string method;
    bool missing_index;  ///< THINKDEX_INDEX names no database
    std::string status;
    std::string content_type;  ///< the start of its value
};

TEST(CgiHeaders, EveryAnswerCarriesCspAndNosniff) {
    test::TempDir dir;
    test::build_fixture_index(dir.path() / "index");
    const HeaderCase cases[] = {
        {"html", "q=asia", "GET", false, "200 OK", "text/html"},
        {"form", "", "GET", false, "200 OK", "text/html"},
        {"head", "q=asia", "HEAD", false, "200 OK", "text/html"},
        {"json", "q=asia&format=json", "GET", false, "200 OK", "application/json"},
        {"atom", "q=asia&format=atom", "GET", false, "200 OK", "application/atom+xml"},
        {"opensearch", "format=opensearch", "GET", false, "200 OK",
         "application/opensearchdescription+xml"},
        {"bad_page", "q=x&page=0", "GET", false, "400 Bad Request", "text/html"},
        {"bad_date_json", "q=x&since=2024-13-40&format=json", "GET", false, "400 Bad Request",
         "application/json"},
        {"bad_date_query", "q=-date:0", "GET", false, "400 Bad Request", "text/html"},
        {"no_citation", "format=bibtex&id=https%3A%2F%2Fnowhere.example.org%2Fx", "GET", false,
         "404 Not Found", "text/html"},
        {"post", "q=asia", "POST", false, "405 Method Not Allowed", "text/html"},
        {"no_index", "q=asia", "GET", true, "503 Service Unavailable", "text/html"},
        {"no_index_json", "q=asia&format=json", "GET", true, "503 Service Unavailable",
         "application/json"},
        {"no_index_atom", "q=asia&format=atom", "GET", true, "503 Service Unavailable",
         "text/html"},
    };
    for (const auto& c : cases) {
        std::map<std::string, std::string> env{
            {"QUERY_STRING", c.query_string},
            {"REQUEST_METHOD", c.method},
            {"THINKDEX_INDEX", (dir.path() / (c.missing_index ? "nowhere" : "index")).string()},
            {"THINKDEX_CONFIG", ""},
            {"THINKDEX_DATA_DIR", ""},
            {"SERVER_NAME", "search.example.org"},
            {"SERVER_PORT", "80"},
            {"SCRIPT_NAME", "/cgi-bin/thinkdex.cgi"}};
        auto r = test::cgi(env);
        EXPECT_EQ(r.exit_code, 0) << c.name << r.err;
        EXPECT_EQ(r.status, c.status) << c.name << "\n" << r.body;
        EXPECT_NE(r.headers.find("\r\nContent-Type: " + c.content_type), std::string::npos)
            << c.name << "\n" << r.headers;
        EXPECT_NE(r.headers.find("\r\nContent-Security-Policy: default-src 'none'; "),
                  std::string::npos)
            << c.name << "\n" << r.headers;
        EXPECT_NE(r.headers.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos)
            << c.name << "\n" << r.headers;
    }
}

}  // namespace
}  // namespace thinkdex
