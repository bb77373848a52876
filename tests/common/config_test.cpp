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
    EXPECT_NE(msg.find("unknown key 'dta_dir'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'crawl.delay_ms' must be"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'crawl.max_pages' must be"), std::string::npos) << msg;
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
    EXPECT_NE(msg.find("'search.synonyms.SCO' must be an array of strings (line 2)"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("'search.synonyms.EU'"), std::string::npos) << msg;
    Config config;
    config.search.recency_half_life_days = 0;
    config.search.synonyms = {{"SCO", " "}};
    msg = config_error([&] { validate(config); });
    EXPECT_NE(msg.find("search.recency_half_life_days must be at least 1"), std::string::npos)
        << msg;
    EXPECT_NE(msg.find("search.synonyms: 'SCO' has an empty member"), std::string::npos) << msg;
}

}  // namespace
}  // namespace thinkdex
