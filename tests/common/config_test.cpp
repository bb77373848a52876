#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "thinkdex/common/config.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex {
namespace {

using test::TempDir;
using test::write_file;

// Runs `body` expecting a ConfigError; returns its message.
template <typename F>
std::string config_error(F body) {
    try {
        body();
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.exit_code(), 2);
        return e.what();
    }
    ADD_FAILURE() << "no ConfigError thrown";
    return {};
}

TEST(Config, DefaultsAreValid) {
    Config config = load_config(std::nullopt);
    EXPECT_TRUE(config.problems().empty());
    EXPECT_EQ(config.data_dir, "data");
    EXPECT_EQ(config.index_path(), std::filesystem::path("data") / "index");
    EXPECT_EQ(config.crawl.user_agent_header(), "thinkdex/0.1 (+https://github.com/thinkdex/thinkdex)");
}

TEST(Config, ShippedConfigLoadsAndValidates) {
    for (const char* name : {"thinkdex.toml", "sample-site.toml"}) {
        Config config = load_config(std::filesystem::path(THINKDEX_TEST_DATA) / ".." / ".." /
                                    "config" / name);
        EXPECT_TRUE(config.problems().empty()) << name;
    }
}

TEST(Config, FileValuesOverrideDefaults) {
    TempDir dir;
    write_file(dir.path() / "c.toml", R"(
data_dir = "/srv/thinkdex"
[crawl]
delay_ms = 250
scope = "domain"
[[crawl.sources]]
seed = "https://example.org/"
feeds = ["https://example.org/feed"]
[search]
limit = 25
)");
    Config config = load_config(dir.path() / "c.toml");
    EXPECT_EQ(config.data_dir, "/srv/thinkdex");
    EXPECT_EQ(config.crawl.delay.count(), 250);
    EXPECT_EQ(config.crawl.scope, "domain");
    ASSERT_EQ(config.crawl.sources.size(), 1u);
    EXPECT_EQ(config.crawl.sources[0].feeds.at(0), "https://example.org/feed");
    EXPECT_EQ(config.search.limit, 25u);
    EXPECT_EQ(config.crawl.timeout.count(), 30);  // untouched default
}

TEST(Config, EnvironmentOverridesFile) {
    TempDir dir;
    write_file(dir.path() / "c.toml", "data_dir = \"from-file\"\n");
    ::setenv("THINKDEX_DATA_DIR", "from-env", 1);
    Config config = load_config(dir.path() / "c.toml");
    ::unsetenv("THINKDEX_DATA_DIR");
    EXPECT_EQ(config.data_dir, "from-env");
}

TEST(Config, MissingFileNamesThePath) {
    auto msg = config_error([] { load_config("/nonexistent/thinkdex.toml"); });
    EXPECT_NE(msg.find("/nonexistent/thinkdex.toml"), std::string::npos) << msg;
}

TEST(Config, SyntaxErrorNamesLine) {
    TempDir dir;
    write_file(dir.path() / "c.toml", "data_dir = \"x\"\n[crawl\n");
    auto msg = config_error([&] { load_config(dir.path() / "c.toml"); });
    EXPECT_NE(msg.find("line 2"), std::string::npos) << msg;
}

TEST(Config, ListsEveryProblemAtOnce) {
    TempDir dir;
    write_file(dir.path() / "c.toml", R"(
dta_dir = "typo"
[crawl]
delay_ms = "slow"
max_pages = -1
)");
    auto msg = config_error([&] { load_config(dir.path() / "c.toml"); });
    EXPECT_NE(msg.find("c.toml:2: unknown key 'dta_dir'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("c.toml:4: 'crawl.delay_ms' must be"), std::string::npos) << msg;
    EXPECT_NE(msg.find("c.toml:5: 'crawl.max_pages' must be"), std::string::npos) << msg;
}

// A string literal's bytes, NULs included.
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}

// Issue 14, bad input: a file that is not TOML text is a ConfigError naming the file and the
// line, never a crash or a half-read config.
TEST(Config, MalformedFilesNameTheFileAndLine) {
    struct Case {
        const char* name;
        std::string content;
        std::string expected;  ///< in the message, after the file name
    };
    const Case cases[] = {
        {"binary", bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe"), "c.toml': line 1, "},
        {"nul_in_a_value", bytes("data_dir = \"a\0b\"\n"), "c.toml': line 1, "},
        {"nul_after_a_line", bytes("data_dir = \"x\"\n\0\n"), "c.toml': line 2, "},
        {"invalid_utf8", "data_dir = \"\xc3\x28\"\n", "c.toml': line 1, "},
        {"duplicate_key", "data_dir = \"a\"\ndata_dir = \"b\"\n", "c.toml': line 2, "},
        {"duplicate_table", "[crawl]\nmax_pages = 1\n[crawl]\nmax_pages = 2\n",
         "c.toml': line 3, "},
    };
    for (const auto& c : cases) {
        TempDir dir;
        write_file(dir.path() / "c.toml", c.content);
        auto msg = config_error([&] { load_config(dir.path() / "c.toml"); });
        EXPECT_NE(msg.find(c.expected), std::string::npos) << c.name << ": " << msg;
        EXPECT_EQ(msg.find('\0'), std::string::npos) << c.name;
    }
}

// Issue 12: value errors were reported without a line, and only once the type errors were
// fixed. Now both come at once, each with file and line.
TEST(Config, TypeErrorsDoNotHideValueErrors) {
    TempDir dir;
    write_file(dir.path() / "c.toml", R"([crawl]
delay_ms = "slow"
scope = "planet"
[search]
limit = 0
[log]
level = "loud"
)");
    auto msg = config_error([&] { load_config(dir.path() / "c.toml"); });
    EXPECT_NE(msg.find("4 problem(s)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("c.toml:2: 'crawl.delay_ms' must be"), std::string::npos) << msg;
    EXPECT_NE(msg.find("c.toml:3: crawl.scope must be one of host, domain, prefix (got 'planet')"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("c.toml:5: search.limit must be between 1 and 1000 (got 0)"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("c.toml:7: log.level must be one of"), std::string::npos) << msg;
}

// Issue 14 item 7: 2^63-1 ms overflowed the crawler's clock (UBSan) and crawled with no delay.
TEST(Config, EveryNumberHasARange) {
    TempDir dir;
    write_file(dir.path() / "c.toml", R"([crawl]
delay_ms = 9223372036854775807
max_pages = 9223372036854775807
max_depth = 100000
max_crawl_delay_ms = 86400000000
connect_timeout_s = 0
timeout_s = 1000000
first_byte_timeout_s = 100000
revisit_min_hours = 1000000
revisit_max_hours = 1000000
max_body_bytes = 100
max_redirects = 1000
[search]
limit = 5000
facet_limit = 0
recency_half_life_days = 100000
)");
    auto msg = config_error([&] { load_config(dir.path() / "c.toml"); });
    EXPECT_NE(msg.find("c.toml:2: crawl.delay_ms must be between 0 and 3600000 "
                       "(got 9223372036854775807)"),
              std::string::npos)
        << msg;
    int line = 2;
    for (const char* key :
         {"crawl.delay_ms", "crawl.max_pages", "crawl.max_depth", "crawl.max_crawl_delay_ms",
          "crawl.connect_timeout_s", "crawl.timeout_s", "crawl.first_byte_timeout_s",
          "crawl.revisit_min_hours", "crawl.revisit_max_hours", "crawl.max_body_bytes",
          "crawl.max_redirects"}) {
        EXPECT_NE(msg.find("c.toml:" + std::to_string(line++) + ": " + key + " must be between"),
                  std::string::npos)
            << key << "\n" << msg;
    }
    ++line;  // [search]
    for (const char* key : {"search.limit", "search.facet_limit",
                            "search.recency_half_life_days"}) {
        EXPECT_NE(msg.find("c.toml:" + std::to_string(line++) + ": " + key + " must be between"),
                  std::string::npos)
            << key << "\n" << msg;
    }
    // The bounds themselves are accepted.
    write_file(dir.path() / "c.toml", "[crawl]\ndelay_ms = 3600000\nmax_pages = 0\n"
                                      "max_body_bytes = 1024\n[search]\nlimit = 1000\n");
    EXPECT_TRUE(load_config(dir.path() / "c.toml").problems().empty());
}

// Issue 14 item 7: a line break in the User-Agent or contact URL injected request headers; one
// in the stylesheet URL, or a ';', injected response headers or CSP directives.
TEST(Config, NoHeaderInjectionThroughTheConfig) {
    TempDir dir;
    write_file(dir.path() / "c.toml", R"([crawl]
user_agent = "thinkdex/0.1\r\nX-Injected: 1"
contact_url = "https://example.org/\nX-Injected: 1"
[[crawl.sources]]
seed = "https://example.org/\r\nX: 1"
[cgi]
stylesheet = "https://cdn.example.org;script-src */a.css"
)");
    auto msg = config_error([&] { load_config(dir.path() / "c.toml"); });
    EXPECT_NE(msg.find("c.toml:2: crawl.user_agent must not contain line breaks"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("c.toml:3: crawl.contact_url must be an http(s) URL without line breaks"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("c.toml:5: seed must be"), std::string::npos) << msg;
    EXPECT_NE(msg.find("c.toml:7: cgi.stylesheet must be"), std::string::npos) << msg;
    for (const char* css : {"/a.css\r\nX-Injected: 1", "https://cdn.example.org\n/a.css",
                            "https://cdn.example.org;script-src/a.css",
                            "https://cdn.example.org 'unsafe-inline'/a.css", "https:///a.css"}) {
        Config config;
        config.cgi.stylesheet = css;
        ASSERT_EQ(config.problems().size(), 1u) << css;
        EXPECT_NE(config.problems()[0].find("cgi.stylesheet"), std::string::npos) << css;
    }
    // After the origin, the URL is only ever escaped into the page: anything goes there.
    for (const char* css : {"https://cdn.example.org:8443/thinkdex/thinkdex.css?v=2&x=\"",
                            "/a.css;v=2", "http://[::1]:8080/a.css"}) {
        Config fine;
        fine.cgi.stylesheet = css;
        EXPECT_TRUE(fine.problems().empty()) << css;
    }
}

TEST(Config, ValidateRejectsBadValues) {
    Config config;
    config.crawl.scope = "planet";
    config.crawl.user_agent = "Mozilla/5.0";
    Source source;
    source.seed = "ftp://example.org/";
    config.crawl.sources.push_back(source);
    auto msg = config_error([&] { validate(config); });
    EXPECT_NE(msg.find("3 problem"), std::string::npos) << msg;
    EXPECT_NE(msg.find("crawl.scope"), std::string::npos) << msg;
    EXPECT_NE(msg.find("product token"), std::string::npos) << msg;
    EXPECT_NE(msg.find("ftp://example.org/"), std::string::npos) << msg;
}

TEST(Config, SearchRecencyAndSynonyms) {
    TempDir dir;
    write_file(dir.path() / "c.toml", R"(
[search]
recency_half_life_days = 90
[search.synonyms]
"SCO" = ["Shanghai Cooperation Organisation"]
"EU" = ["European Union", "Union européenne"]
)");
    Config config = load_config(dir.path() / "c.toml");
    EXPECT_TRUE(config.problems().empty());
    EXPECT_EQ(config.search.recency_half_life_days, 90u);
    ASSERT_EQ(config.search.synonyms.size(), 2u);
    std::vector<std::vector<std::string>> expected = {
        {"EU", "European Union", "Union européenne"}, {"SCO", "Shanghai Cooperation Organisation"}};
    auto groups = config.search.synonyms;
    std::sort(groups.begin(), groups.end());
    EXPECT_EQ(groups, expected);
    EXPECT_EQ(load_config(std::nullopt).search.recency_half_life_days, 365u);
    EXPECT_TRUE(load_config(std::nullopt).search.synonyms.empty());
}

TEST(Config, BadSearchValuesAreNamed) {
    TempDir dir;
    write_file(dir.path() / "c.toml", "[search.synonyms]\nSCO = \"Shanghai\"\nEU = [1]\n");
    auto msg = config_error([&] { load_config(dir.path() / "c.toml"); });
    EXPECT_NE(msg.find("c.toml:2: 'search.synonyms.SCO' must be an array of strings"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("'search.synonyms.EU'"), std::string::npos) << msg;
    Config config;
    config.search.recency_half_life_days = 0;
    config.search.synonyms = {{"SCO", " "}};
    msg = config_error([&] { validate(config); });
    EXPECT_NE(msg.find("search.recency_half_life_days must be between 1 and 36500 (got 0)"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("search.synonyms: 'SCO' has an empty member"), std::string::npos) << msg;
}

TEST(Config, SearchRankingIsNamedInTheFileAndTheEnvironmentOverridesIt) {
    test::TempDir dir;
    test::write_file(dir.path() / "c.toml", "[search]\nranking = \"plain\"\n");
    EXPECT_EQ(load_config(dir.path() / "c.toml").search.ranking, "plain");
    EXPECT_EQ(load_config(std::nullopt).search.ranking, "default");
    ::setenv("THINKDEX_RANKING", "fancy", 1);
    Config config = load_config(dir.path() / "c.toml");
    ::unsetenv("THINKDEX_RANKING");
    EXPECT_EQ(config.search.ranking, "fancy");
    auto msg = config_error([&] { validate(config); });
    EXPECT_NE(msg.find("$THINKDEX_RANKING: search.ranking must be default or plain (got 'fancy')"),
              std::string::npos)
        << msg;
}

TEST(Config, ShardsAreCheckedWithFileAndLine) {
    TempDir dir;
    write_file(dir.path() / "c.toml",
               "[index]\nshard_timeout_ms = 50\nshards = [\"a.internal:33333\", \"b:0\", "
               "\"/srv/shard2\"]\n");
    auto msg = config_error([&] { validate(load_config(dir.path() / "c.toml")); });
    EXPECT_NE(msg.find("c.toml:2: index.shard_timeout_ms must be between 100 and 600000"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("c.toml:3: index.shards: shard 'b:0' must be HOST:PORT"),
              std::string::npos)
        << msg;
    write_file(dir.path() / "c.toml", "[index]\nshards = [\"a.internal:33333\", \"shard2\"]\n");
    Config good = load_config(dir.path() / "c.toml");
    EXPECT_TRUE(good.problems().empty());
    EXPECT_EQ(good.index.shards.size(), 2u);
}

}  // namespace
}  // namespace thinkdex
