// A crawl split among three workers (`crawl --partition i/3`): three sites on three loopback
// addresses (127.0.0.1, .2, .3: three host names to the crawler, real HTTP servers) link each
// other; each worker fetches only its own site, hands the links to the others' through its
// outbox file, and fetches what the others handed it on its next run. No page is fetched by
// two workers, none is lost, and a store is never crawled as another partition.

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "http_server.hpp"
#include "test_util.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/shard.hpp"
#include "thinkdex/crawler/crawler.hpp"
#include "thinkdex/store/crawl_store.hpp"
#include "url.hpp"

namespace thinkdex::crawler {
namespace {

using namespace std::chrono_literals;

constexpr unsigned kWorkers = 3;
constexpr std::array<const char*, kWorkers> kAddresses = {"127.0.0.1", "127.0.0.2", "127.0.0.3"};

std::string page(const std::string& body) {
    return "<!doctype html><html><head><title>t</title></head><body>" + body + "</body></html>";
}

std::string user_agent(unsigned worker) {
    return "thinkdex-worker" + std::to_string(worker) + "/1.0";
}

class PartitionedCrawl : public testing::Test {
  protected:
    void SetUp() override {
        spdlog::set_level(spdlog::level::warn);
        for (unsigned k = 0; k < kWorkers; ++k) {
            sites_[k].set_address(kAddresses[k]);
            sites_[k].start();
        }
        // Site k: its seed links a page of its own, a page of site k+1 that only it links, and
        // site k+2's seed. Each "from" page leads one step deeper into its own site.
        for (unsigned k = 0; k < kWorkers; ++k) {
            const auto& next = sites_[(k + 1) % kWorkers];
            const auto& after = sites_[(k + 2) % kWorkers];
            const std::string from = "from-" + std::to_string((k + kWorkers - 1) % kWorkers);
            write(k, "index.html",
                  page("<a href=\"a.html\">a</a><a href=\"" + next.base_url() + "/from-" +
                       std::to_string(k) + ".html\">n</a><a href=\"" + after.base_url() +
                       "/index.html\">s</a>"));
            write(k, "a.html", page("<a href=\"index.html\">home</a>"));
            write(k, from + ".html", page("<a href=\"deep.html\">deep</a>"));
            write(k, "deep.html", page("<a href=\"a.html\">a</a>"));
        }
        for (unsigned k = 0; k < kWorkers; ++k) {
            config_.sources.push_back(
                Source{"s" + std::to_string(k), url(k, "/index.html"), {}, {}});
        }
        config_.delay = 0ms;
        config_.revisit_min = std::chrono::hours(20);  // a nightly schedule: pages not due twice
        config_.connect_timeout = 5s;
        config_.timeout = 10s;
    }

    void write(unsigned site, const std::string& name, const std::string& content) {
        test::write_file(roots_[site].path() / name, content);
    }
    std::string url(unsigned site, const std::string& path) const {
        return sites_[site].base_url() + path;
    }
    std::filesystem::path store_path(unsigned worker) const {
        return data_[worker].path() / "crawl.sqlite";
    }
    unsigned owner(unsigned site) const { return shard_of_host(kAddresses[site], kWorkers); }

    // One run of every worker, in order, each with its own store and User-Agent.
    std::vector<CrawlStats> round() {
        std::vector<CrawlStats> out;
        for (unsigned w = 0; w < kWorkers; ++w) {
            CrawlConfig config = config_;
            config.user_agent = user_agent(w);
            store::CrawlStore store(store_path(w));
            out.push_back(crawl(config, store, ShardPart{w, kWorkers}));
        }
        return out;
    }

    // What cron does between runs: each worker's outbox file for J into J's inbox.
    void exchange_outboxes() {
        for (unsigned i = 0; i < kWorkers; ++i) {
            for (unsigned j = 0; j < kWorkers; ++j) {
                if (i == j) continue;
                const auto from =
                    data_[i].path() / "outbox" /
                    ("to-" + std::to_string(j) + "-of-" + std::to_string(kWorkers) + ".jsonl");
                ASSERT_TRUE(std::filesystem::exists(from)) << from;
                std::filesystem::create_directories(data_[j].path() / "inbox");
                std::filesystem::copy_file(
                    from, data_[j].path() / "inbox" / ("from-" + std::to_string(i) + ".jsonl"),
                    std::filesystem::copy_options::overwrite_existing);
            }
        }
    }

    // URL -> the workers whose store holds it.
    std::map<std::string, std::set<unsigned>> stored() const {
        std::map<std::string, std::set<unsigned>> out;
        for (unsigned w = 0; w < kWorkers; ++w) {
            store::CrawlStore store(store_path(w), /*read_only=*/true);
            store.for_each_changed(0, [&](const store::Page& p) { out[p.url].insert(w); });
        }
        return out;
    }

    std::array<test::TempDir, kWorkers> roots_;
    std::array<test::HttpServer, kWorkers> sites_{test::HttpServer(roots_[0].path()),
                                                  test::HttpServer(roots_[1].path()),
                                                  test::HttpServer(roots_[2].path())};
    std::array<test::TempDir, kWorkers> data_;
    CrawlConfig config_;
};

TEST_F(PartitionedCrawl, EachSiteIsCrawledByItsOwnerAloneAndNoLinkIsLost) {
    // The three host names fall in three different partitions (else the test shows little).
    ASSERT_EQ((std::set<unsigned>{owner(0), owner(1), owner(2)}).size(), kWorkers);

    // First run: each worker fetches its own site; the "from" pages, linked only from other
    // sites, are not fetched by anyone yet but handed over.
    auto first = round();
    std::size_t handed = 0;
    for (const auto& s : first) handed += s.handed_over;
    EXPECT_EQ(handed, 2 * kWorkers);  // each seed links one page and one seed elsewhere
    auto pages = stored();
    EXPECT_EQ(pages.size(), 2 * kWorkers);  // index and a of each site
    for (unsigned k = 0; k < kWorkers; ++k) {
        EXPECT_FALSE(pages.contains(
            url(k, "/from-" + std::to_string((k + kWorkers - 1) % kWorkers) + ".html")));
    }

    // Second run, after the outbox files went round: the owners fetch what they were handed,
    // and follow its links within their own site.
    exchange_outboxes();
    auto second = round();
    for (unsigned w = 0; w < kWorkers; ++w) {
        EXPECT_EQ(second[w].taken_over, 1u) << "worker " << w;  // the other seed is its own
        EXPECT_EQ(second[w].new_pages, 2u) << "worker " << w;   // "from" and deep
    }
    pages = stored();
    EXPECT_EQ(pages.size(), 4 * kWorkers);
    for (unsigned k = 0; k < kWorkers; ++k) {
        const std::string from = "/from-" + std::to_string((k + kWorkers - 1) % kWorkers) + ".html";
        for (const std::string path : {"/index.html", "/a.html", from.c_str(), "/deep.html"}) {
            ASSERT_TRUE(pages.contains(url(k, path))) << url(k, path);
            EXPECT_EQ(pages[url(k, path)], std::set<unsigned>{owner(k)}) << url(k, path);
        }
    }
    // No host in two stores, and every request to a site came from its owner.
    for (const auto& [u, workers] : pages) {
        auto parts = split_url(u);
        ASSERT_TRUE(parts);
        EXPECT_EQ(workers, std::set<unsigned>{shard_of_host(parts->host, kWorkers)}) << u;
    }
    for (unsigned k = 0; k < kWorkers; ++k) {
        const auto agents = sites_[k].user_agents();
        ASSERT_FALSE(agents.empty());
        for (const auto& agent : agents) {
            EXPECT_TRUE(agent.starts_with(user_agent(owner(k)) + " ")) << agent << " at site " << k;
        }
    }

    // Reading the same outbox files again fetches nothing twice: the pages are stored and not
    // due (seeds are read every run, conditionally).
    exchange_outboxes();
    auto third = round();
    for (const auto& s : third) EXPECT_EQ(s.new_pages + s.changed, 0u);
    for (unsigned k = 0; k < kWorkers; ++k) {
        const auto requests = sites_[k].requests();
        const std::string from = "/from-" + std::to_string((k + kWorkers - 1) % kWorkers) + ".html";
        EXPECT_EQ(std::ranges::count(requests, from), 1) << url(k, from);
        EXPECT_EQ(std::ranges::count(requests, "/deep.html"), 1) << url(k, "/deep.html");
    }
    EXPECT_EQ(stored().size(), 4 * kWorkers);
}

TEST_F(PartitionedCrawl, AStoreIsNeverCrawledAsAnotherPartition) {
    auto expect_refused = [&](std::optional<ShardPart> part, const std::string& says) {
        store::CrawlStore store(store_path(0));
        try {
            crawl(config_, store, part);
            ADD_FAILURE() << "crawled";
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
        }
    };
    {
        store::CrawlStore store(store_path(0));
        crawl(config_, store, ShardPart{0, kWorkers});
        EXPECT_EQ(store.partition()->index, 0u);
        EXPECT_EQ(store.partition()->count, kWorkers);
    }
    expect_refused(ShardPart{1, kWorkers}, "holds partition 0/3, not partition 1/3");
    expect_refused(ShardPart{0, 2}, "holds partition 0/3, not partition 0/2");
    expect_refused(std::nullopt, "not a whole (unpartitioned) crawl");
    expect_refused(ShardPart{0, 1}, "not a whole (unpartitioned) crawl");

    // A store of a whole crawl takes no partition, but goes on as a whole crawl.
    store::CrawlStore whole(store_path(1));
    EXPECT_EQ(crawl(config_, whole).new_pages, 4 * kWorkers);
    EXPECT_THROW(crawl(config_, whole, ShardPart{1, kWorkers}), ConfigError);
    EXPECT_FALSE(whole.partition());
    EXPECT_NO_THROW(crawl(config_, whole, ShardPart{0, 1}));
}

// A feed in the config on another host than its seed is read by that host's owner, who hands
// its items to the seed's owner.
TEST_F(PartitionedCrawl, AConfiguredFeedIsReadByTheOwnerOfItsHost) {
    write(1, "feed.xml",
          "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f</title><item>"
          "<title>x</title><link>" +
              url(0, "/only-in-feed.html") + "</link></item></channel></rss>");
    write(0, "only-in-feed.html", page("feed item"));
    config_.sources[0].feeds.push_back(url(1, "/feed.xml"));
    round();
    exchange_outboxes();
    round();
    EXPECT_EQ(std::ranges::count(sites_[1].requests(), "/feed.xml"), 2);
    for (const auto& agent : sites_[1].user_agents()) {
        EXPECT_TRUE(agent.starts_with(user_agent(owner(1)) + " ")) << agent;
    }
    EXPECT_EQ(stored()[url(0, "/only-in-feed.html")], std::set<unsigned>{owner(0)});
}

// A broken inbox file, or one copied to the wrong worker, stops the run before anything is
// fetched, naming the file and line.
TEST_F(PartitionedCrawl, ABadInboxFileIsNamedWithItsLine) {
    const unsigned w = owner(0);
    const auto inbox = data_[w].path() / "inbox" / "from-x.jsonl";
    auto expect_fatal = [&](const std::string& content, const std::string& says) {
        test::write_file(inbox, content);
        store::CrawlStore store(store_path(w));
        try {
            crawl(config_, store, ShardPart{w, kWorkers});
            ADD_FAILURE() << "crawled";
        } catch (const Fatal& e) {
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
        }
        EXPECT_EQ(store.counts().pages, 0);
        EXPECT_FALSE(store.counts().last_crawl_started);  // no crawl begun, none to resume
    };
    const std::string to = std::to_string(w) + "/3";
    const std::string good = R"({"to": ")" + to + R"(", "url": ")" + url(0, "/a.html") +
                             R"(", "request_url": ")" + url(0, "/a.html") + R"(", "depth": 1})";
    expect_fatal(good + "\nnot json\n", "from-x.jsonl:2: not valid JSON");
    expect_fatal(good + std::string(1, '\0') + "\n", "from-x.jsonl:1: not valid JSON: a NUL byte");
    expect_fatal(R"({"to": ")" + to + R"("})", "from-x.jsonl:1: expected {");
    expect_fatal(R"({"to": "9/9", "url": "x", "request_url": "x", "depth": 0})",
                 "from-x.jsonl:1: a link for partition 9/9");
    const std::string elsewhere = url(1, "/a.html");
    expect_fatal(R"({"to": ")" + to + R"(", "url": ")" + elsewhere + R"(", "request_url": ")" +
                     elsewhere + R"(", "depth": 0})",
                 "from-x.jsonl:1: host 127.0.0.2 is not in partition");
}

}  // namespace
}  // namespace thinkdex::crawler
