// Scale-out: three shards built with `thinkdex index --shard i/3` and served by real
// `thinkdex serve-shard` processes on 127.0.0.1 (ports chosen free at run time) give the same
// results, facet counts and "did you mean" (from `thinkdex spelling`'s database) as one index
// of the same documents; a shard down or stalled leaves partial results; bad stub files and
// shard parts are refused by name.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_util.hpp"
#include "thinkdex/common/shard.hpp"
#include "thinkdex/query/engine.hpp"
#include "thinkdex/query/render.hpp"

extern char** environ;

namespace thinkdex {
namespace {

using test::bin;
using test::run;
using test::TempDir;

constexpr unsigned kShards = 3;
constexpr std::size_t kDocs = 900;
constexpr std::size_t kQueries = 200;

/// A port nobody listens on now (the kernel's pick for port 0).
unsigned free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(unsigned port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

/// A `thinkdex serve-shard` process, stopped with the test.
class ShardServer {
  public:
    explicit ShardServer(const std::filesystem::path& db) {
        // The port is free when picked but could be taken before the server binds it: retry.
        for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
            port_ = free_port();
            std::vector<std::string> args = {bin("thinkdex").string(), "serve-shard",
                                             "--db", db.string(), "--port",
                                             std::to_string(port_)};
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            posix_spawn_file_actions_t actions;
            posix_spawn_file_actions_init(&actions);
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
            // A process group of its own: xapian-tcpsrv serves each connection from a child,
            // and a stall must stop those too.
            posix_spawnattr_t attr;
            posix_spawnattr_init(&attr);
            posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
            posix_spawnattr_setpgroup(&attr, 0);
            pid_t pid = 0;
            posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
            posix_spawn_file_actions_destroy(&actions);
            posix_spawnattr_destroy(&attr);
            for (int i = 0; i < 100 && !accepts(port_); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (accepts(port_)) pid_ = pid;
            else stop(pid);
        }
    }
    ~ShardServer() { stop(pid_); }
    ShardServer(const ShardServer&) = delete;
    ShardServer& operator=(const ShardServer&) = delete;

    unsigned port() const { return port_; }
    bool running() const { return pid_ > 0; }
    void kill() { stop(pid_); pid_ = 0; }
    void pause() const { ::kill(-pid_, SIGSTOP); }
    void resume() const { ::kill(-pid_, SIGCONT); }

  private:
    static void stop(pid_t pid) {
        if (pid <= 0) return;
        ::kill(-pid, SIGCONT);
        ::kill(-pid, SIGKILL);  // the server and the children serving connections
        ::waitpid(pid, nullptr, 0);
    }
    pid_t pid_ = 0;
    unsigned port_ = 0;
};

/// `kDocs` publications of 12 sites as JSON lines: words from a Zipf-like draw over a made-up
/// vocabulary, authors, tags, dates (some missing), page kinds, and near-duplicates of
/// earlier documents of the same site.
std::string corpus(std::vector<std::string>& vocabulary) {
    std::mt19937 gen(17);
    auto rng = [&gen] { return static_cast<unsigned>(gen()); };
    const char* syllables[] = {"ka", "lo", "mi", "ren", "tas", "vo", "sul", "dan", "por", "eth",
                               "gri", "mon", "zak", "bel", "tur", "nis"};
    for (int a = 0; a < 16; ++a)
        for (int b = 0; b < 16; ++b)
            if ((a * 7 + b * 3) % 4 == 0) vocabulary.push_back(std::string(syllables[a]) + syllables[b] + "s");
    auto word = [&] {
        const double u = std::uniform_real_distribution<>(0, 1)(gen);
        return vocabulary[static_cast<std::size_t>(u * u * static_cast<double>(vocabulary.size()))];
    };
    auto words = [&](std::size_t n) {
        std::string out;
        for (std::size_t i = 0; i < n; ++i) out += (i ? " " : "") + word();
        return out;
    };
    std::vector<nlohmann::json> docs;
    for (std::size_t i = 0; i < kDocs; ++i) {
        const unsigned site = rng() % 12;
        const std::string host = (site % 3 ? "www.site" : "site") + std::to_string(site) + ".org";
        nlohmann::json doc;
        const std::string url = "https://" + host + "/publications/" + std::to_string(i);
        doc["id"] = url;
        doc["url"] = url;
        doc["site"] = "Site " + std::to_string(site);
        if (i % 15 == 14) {
            // A near-duplicate of an earlier document of the same site: one word changed.
            for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
                if ((*it)["site"] != doc["site"]) continue;
                nlohmann::json copy = *it;
                copy["id"] = url;
                copy["url"] = url;
                copy["text"] = copy["text"].get<std::string>() + " " + word();
                docs.push_back(copy);
                break;
            }
            if (docs.size() == i + 1) continue;
        }
        doc["title"] = words(3 + rng() % 4);
        doc["text"] = words(60 + rng() % 80);
        doc["authors"] = {"Author " + std::to_string(rng() % 30)};
        if (rng() % 3 == 0) doc["authors"].push_back("Author " + std::to_string(rng() % 30));
        doc["tags"] = {"tag" + std::to_string(rng() % 15)};
        if (rng() % 5) {
            char date[16];
            std::snprintf(date, sizeof date, "%u-%02u-%02u", 2015 + rng() % 10, 1 + rng() % 12,
                          1 + rng() % 28);
            doc["published"] = date;
        }
        const unsigned kind = rng() % 10;
        doc["kind"] = kind == 0 ? "listing" : kind == 1 ? "page" : "article";
        docs.push_back(doc);
    }
    std::string out;
    for (const auto& doc : docs) out += doc.dump() + "\n";
    return out;
}

/// Every shard, the single index, and the servers, built once for the suite.
class ScaleOut : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        const auto jsonl = dir_->path() / "corpus.jsonl";
        test::write_file(jsonl, corpus(vocabulary_));
        auto single = run({bin("thinkdex").string(), "index", "--jsonl", jsonl.string(), "--db",
                           (dir_->path() / "single").string()});
        ASSERT_EQ(single.exit_code, 0) << single.err;
        std::string stub = "# three shards\n";
        std::string local_stub;
        for (unsigned i = 0; i < kShards; ++i) {
            const auto db = dir_->path() / ("shard" + std::to_string(i));
            auto built = run({bin("thinkdex").string(), "index", "--jsonl", jsonl.string(), "--db",
                              db.string(), "--shard", std::to_string(i) + "/3"});
            ASSERT_EQ(built.exit_code, 0) << built.err;
            servers_.push_back(new ShardServer(db));
            ASSERT_TRUE(servers_.back()->running()) << "serve-shard did not start";
            stub += "remote 127.0.0.1:" + std::to_string(servers_.back()->port()) + "\n";
            local_stub += "auto shard" + std::to_string(i) + "\n";
        }
        test::write_file(dir_->path() / "shards.stub", stub);
        test::write_file(dir_->path() / "local.stub", local_stub);
    }
    static void TearDownTestSuite() {
        for (auto* server : servers_) delete server;
        servers_.clear();
        delete dir_;
    }

    static query::Engine engine(const std::filesystem::path& path) {
        query::IndexSource source;
        source.path = path;
        source.shard_timeout = std::chrono::milliseconds(1000);
        return query::Engine(source, SearchConfig{});
    }
    /// The i-th test query: one to three words, some with a site or year filter, some sorted
    /// with the recency prior.
  public:
    static query::SearchRequest request(std::size_t i) {
        std::mt19937 rng(static_cast<unsigned>(i));
        query::SearchRequest r = query::Engine::defaults(SearchConfig{});
        const std::size_t n = 1 + rng() % 3;
        for (std::size_t w = 0; w < n; ++w)
            r.query += (w ? " " : "") + vocabulary_[rng() % vocabulary_.size()];
        if (i % 5 == 1) r.sites = {"site" + std::to_string(rng() % 12) + ".org"};
        if (i % 7 == 2) r.years = {std::to_string(2015 + rng() % 10)};
        if (i % 4 == 3) r.sort = query::SortOrder::kRecent;
        if (i % 11 == 5) r.query = "";  // filters alone: newest first
        if (i % 11 == 5 && r.sites.empty()) r.years = {"2020"};
        return r;
    }

  protected:
    static TempDir* dir_;
    static std::vector<ShardServer*> servers_;
    static std::vector<std::string> vocabulary_;
};
TempDir* ScaleOut::dir_ = nullptr;
std::vector<ShardServer*> ScaleOut::servers_;
std::vector<std::string> ScaleOut::vocabulary_;

/// The same results: equal totals and facets; at each rank an equal score, and above the last
/// score of the page the same documents (documents of equal score may come in either order,
/// as each shard numbers its documents itself).
void expect_same(const query::SearchResult& one, const query::SearchResult& split,
                 const std::string& what) {
    EXPECT_EQ(one.total, split.total) << what;
    EXPECT_EQ(one.total_exact, split.total_exact) << what;
    ASSERT_EQ(one.hits.size(), split.hits.size()) << what;
    auto close = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); };
    for (std::size_t i = 0; i < one.hits.size(); ++i)
        EXPECT_TRUE(close(one.hits[i].score, split.hits[i].score))
            << what << " rank " << i + 1 << ": " << one.hits[i].score << " vs "
            << split.hits[i].score;
    if (!one.hits.empty()) {
        const double cut = one.hits.back().score;
        std::set<std::string> a, b;
        for (const auto& h : one.hits)
            if (h.score > cut && !close(h.score, cut)) a.insert(h.id);
        for (const auto& h : split.hits)
            if (h.score > cut && !close(h.score, cut)) b.insert(h.id);
        EXPECT_EQ(a, b) << what;
    }
    ASSERT_EQ(one.facets.size(), split.facets.size()) << what;
    for (const auto& [name, values] : one.facets) {
        const auto& other = split.facets.at(name);
        ASSERT_EQ(values.size(), other.size()) << what << " facet " << name;
        for (std::size_t i = 0; i < values.size(); ++i) {
            EXPECT_EQ(values[i].value, other[i].value) << what << " facet " << name;
            EXPECT_EQ(values[i].count, other[i].count) << what << " facet " << name;
            EXPECT_EQ(values[i].label, other[i].label) << what << " facet " << name;
        }
    }
    EXPECT_FALSE(split.partial) << what;
}

TEST_F(ScaleOut, EachSiteLandsInExactlyOneShard) {
    std::size_t total = 0;
    std::set<std::string> sites_seen;
    for (unsigned i = 0; i < kShards; ++i) {
        auto e = engine(dir_->path() / ("shard" + std::to_string(i)));
        total += e.doc_count();
        query::SearchRequest r = query::Engine::defaults(SearchConfig{});
        r.facet_limit = 100;
        auto result = e.search(r);
        ASSERT_TRUE(result) << result.error().message;
        for (const auto& site : result->facets.at("site")) {
            EXPECT_TRUE(sites_seen.insert(site.value).second) << site.value << " in two shards";
            EXPECT_EQ(shard_of_host(site.value, kShards), i) << site.value;
        }
    }
    EXPECT_EQ(total, engine(dir_->path() / "single").doc_count());
    EXPECT_EQ(sites_seen.size(), 12u);
}

/// The 200 queries over one index and over the three remote shards, with `collapse`: the
/// same results for each.
void compare_queries(query::Engine& one, query::Engine& split, bool collapse) {
    std::size_t with_hits = 0;
    for (std::size_t i = 0; i < kQueries; ++i) {
        auto r = ScaleOut::request(i);
        r.collapse = collapse;
        auto a = one.search(r);
        auto b = split.search(r);
        EXPECT_TRUE(a && b) << r.query;
        if (!a || !b) continue;
        with_hits += !a->hits.empty();
        const std::string what = "query " + std::to_string(i) + " '" + r.query + "'";
        expect_same(*a, *b, what);
        if (r.query.empty()) continue;  // newest first: equal dates in either order
        // In relevance orders documents of equal score rank by their id hash, so the order
        // is the same too.
        std::vector<std::string> ids_a, ids_b;
        for (const auto& h : a->hits) ids_a.push_back(h.id);
        for (const auto& h : b->hits) ids_b.push_back(h.id);
        EXPECT_EQ(ids_a, ids_b) << what;
    }
    EXPECT_GT(with_hits, kQueries * 3 / 4);  // the comparison is not over empty pages
}

TEST_F(ScaleOut, RemoteShardsGiveTheResultsOfOneIndex) {
    auto one = engine(dir_->path() / "single");
    auto split = engine(dir_->path() / "shards.stub");
    EXPECT_EQ(one.doc_count(), split.doc_count());
    // Ranking, scores, totals and facets, documents not collapsed.
    compare_queries(one, split, false);
}

// Collapsed, too. A near-duplicate group's members are in one shard (a site's pages are), but
// documents of equal score were ordered by document number, which differs between one index
// and shards: the first pass's top 30, which the rerank pass reorders, then ended in
// different documents, and about 1 query in 200 showed a different top 10.
TEST_F(ScaleOut, CollapsedRanking) {
    auto one = engine(dir_->path() / "single");
    auto split = engine(dir_->path() / "shards.stub");
    compare_queries(one, split, true);
}

// Oldest first sorts by a value, which remote shards can do (Xapian 1.4 sends them no sort
// key maker): the order of one index, dated documents first.
TEST_F(ScaleOut, OldestFirstOverShardsIsTheOrderOfOneIndex) {
    auto one = engine(dir_->path() / "single");
    auto split = engine(dir_->path() / "shards.stub");
    std::size_t undated_seen = 0;
    for (std::size_t i = 0; i < kQueries; i += 20) {
        auto r = ScaleOut::request(i);
        r.sort = query::SortOrder::kOldest;
        r.limit = 1000;  // to the undated documents at the end
        const std::string what = "query " + std::to_string(i) + " '" + r.query + "'";
        auto a = one.search(r);
        auto b = split.search(r);
        ASSERT_TRUE(a) << what << ": " << a.error().message;
        ASSERT_TRUE(b) << what << ": " << b.error().message;
        expect_same(*a, *b, what);
        for (std::size_t k = 1; k < b->hits.size(); ++k) {
            const std::string& before = b->hits[k - 1].published;
            const std::string& date = b->hits[k].published;
            EXPECT_TRUE(date.empty() || (!before.empty() && before <= date)) << what;
            undated_seen += date.empty();
        }
    }
    EXPECT_GT(undated_seen, 0u);  // the order of undated documents was put to the test
}

TEST_F(ScaleOut, ShardListInConfigAndLocalStubToo) {
    SearchConfig config;
    Config full;
    for (auto* server : servers_)
        full.index.shards.push_back("127.0.0.1:" + std::to_string(server->port()));
    query::Engine listed(query::Engine::source(full), config);
    auto one = engine(dir_->path() / "single");
    auto local = engine(dir_->path() / "local.stub");
    for (std::size_t i = 0; i < 40; ++i) {
        const auto r = request(i);
        auto a = one.search(r);
        auto b = listed.search(r);
        auto c = local.search(r);
        ASSERT_TRUE(a && b && c) << r.query;
        expect_same(*a, *b, "listed " + r.query);
        expect_same(*a, *c, "local stub " + r.query);
        // Local shards keep "did you mean".
        EXPECT_EQ(a->corrected_query, c->corrected_query) << r.query;
    }
}

/// A misspelling of `word`: a letter dropped, doubled, changed or two swapped, by `i`.
std::string misspelt(const std::string& word, std::size_t i) {
    std::string out = word;
    const std::size_t at = 1 + i % (word.size() - 2);
    switch (i % 4) {
        case 0: out.erase(at, 1); break;
        case 1: out.insert(at, 1, out[at]); break;
        case 2: out[at] = out[at] == 'q' ? 'j' : 'q'; break;
        default: std::swap(out[at], out[at + 1]); break;
    }
    return out;
}

// "Did you mean" when every shard is remote: Xapian 1.4 reads no spelling data over the remote
// protocol, so there was no suggestion at all. `thinkdex spelling` keeps the shards' words in a
// local database beside the stub file, read from what the remote protocol carries, and the
// suggestions are those of one index. Before it is built there is none, and no error.
TEST_F(ScaleOut, DidYouMeanOverRemoteShardsOnly) {
    const auto stub = dir_->path() / "spelling.stub";  // a stub of its own, for its database
    std::filesystem::copy_file(dir_->path() / "shards.stub", stub);
    auto one = engine(dir_->path() / "single");
    query::SearchRequest r = query::Engine::defaults(SearchConfig{});
    r.query = vocabulary_[0] + "x";  // a word no document has, one letter from one they have
    auto a = one.search(r);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->corrected_query, vocabulary_[0]);
    auto before = engine(stub).search(r);
    ASSERT_TRUE(before);
    EXPECT_EQ(before->corrected_query, "");

    auto built = run({bin("thinkdex").string(), "spelling", "--db", stub.string(), "--json"});
    ASSERT_EQ(built.exit_code, 0) << built.err;
    const auto stats = nlohmann::json::parse(built.out);
    EXPECT_EQ(stats["path"], stub.string() + ".spelling");
    EXPECT_EQ(stats["shards"], 3);
    EXPECT_EQ(stats["words"].get<std::size_t>(), stats["added"].get<std::size_t>());
    // Word for word and count for count, the spelling data of one index.
    auto table = [](const std::filesystem::path& path) {
        const Xapian::Database db(path.string());
        std::map<std::string, Xapian::termcount> out;
        for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
            out.emplace(*w, w.get_termfreq());
        return out;
    };
    EXPECT_EQ(table(stub.string() + ".spelling"), table(dir_->path() / "single"));

    // Through the stub, and through [index] shards naming the database.
    Config listed;
    for (auto* server : servers_)
        listed.index.shards.push_back("127.0.0.1:" + std::to_string(server->port()));
    listed.index.spelling = stub.string() + ".spelling";
    std::vector<query::Engine> splits;
    splits.push_back(engine(stub));
    splits.emplace_back(query::Engine::source(listed), SearchConfig{});
    for (auto& split : splits) {
        std::size_t suggested = 0;
        for (std::size_t i = 0; i < 60; ++i) {
            r.query = misspelt(vocabulary_[(i * 7) % vocabulary_.size()], i);
            if (i % 3 == 2) r.query = vocabulary_[i % vocabulary_.size()] + " " + r.query;
            a = one.search(r);
            auto b = split.search(r);
            ASSERT_TRUE(a && b) << r.query;
            EXPECT_EQ(a->corrected_query, b->corrected_query) << r.query;
            suggested += !a->corrected_query.empty();
        }
        EXPECT_GT(suggested, 20u);  // the comparison is not of empty suggestions
    }

    // A shard down: the build fails naming it, and the database stays as it was.
    const auto down = dir_->path() / "down-spelling.stub";
    const unsigned dead = free_port();
    test::write_file(down, "remote 127.0.0.1:" + std::to_string(servers_[0]->port()) +
                               "\nremote 127.0.0.1:" + std::to_string(dead) + "\n");
    auto failed = run({bin("thinkdex").string(), "spelling", "--db", down.string()});
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_NE(failed.err.find("shard 127.0.0.1:" + std::to_string(dead)), std::string::npos)
        << failed.err;
    EXPECT_FALSE(std::filesystem::exists(dir_->path() / "down-spelling.stub.spelling"));
    // One index keeps its own spelling data.
    auto single = run({bin("thinkdex").string(), "spelling", "--db",
                       (dir_->path() / "single").string()});
    EXPECT_EQ(single.exit_code, 2);
    EXPECT_NE(single.err.find("is one index, not shards"), std::string::npos) << single.err;
}

TEST_F(ScaleOut, ShardDownOrStalledGivesPartialResults) {
    // A shard of its own, so that the suite's servers stay up for the other tests.
    ShardServer extra(dir_->path() / "shard2");
    ASSERT_TRUE(extra.running());
    const auto stub = dir_->path() / "down.stub";
    test::write_file(stub, "remote 127.0.0.1:" + std::to_string(servers_[0]->port()) +
                               "\nremote 127.0.0.1:" + std::to_string(servers_[1]->port()) +
                               "\nremote 127.0.0.1:" + std::to_string(extra.port()) + "\n");
    auto split = engine(stub);
    query::SearchRequest r = query::Engine::defaults(SearchConfig{});
    r.query = vocabulary_[0];
    auto whole = split.search(r);
    ASSERT_TRUE(whole);
    EXPECT_FALSE(whole->partial);

    // Stalled: the search gives up on it within the timeout (1 s) and answers from the others.
    extra.pause();
    auto start = std::chrono::steady_clock::now();
    auto stalled = split.search(r);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(stalled);
    EXPECT_TRUE(stalled->partial);
    EXPECT_LT(seconds, 5.0);
    ASSERT_EQ(stalled->missing_shards.size(), 1u);
    EXPECT_EQ(stalled->missing_shards[0], "127.0.0.1:" + std::to_string(extra.port()));
    EXPECT_LT(stalled->total, whole->total);
    for (const auto& hit : stalled->hits)
        EXPECT_NE(shard_of_host(hit.url.substr(8, hit.url.find('/', 8) - 8), kShards), 2u)
            << hit.url;
    EXPECT_NE(query::render_text(*stalled, false).find("Partial results"), std::string::npos);
    EXPECT_TRUE(nlohmann::json::parse(query::render_json(*stalled))["partial"].get<bool>());

    // Down: the same, at once.
    extra.resume();
    extra.kill();
    auto opened = engine(stub);  // opening finds it down too
    auto down = opened.search(r);
    ASSERT_TRUE(down);
    EXPECT_TRUE(down->partial);
    EXPECT_EQ(down->total, stalled->total);

    // The CLI says so as well, with the stub file as --db.
    auto cli = run({bin("thinkdex").string(), "search", "--db", stub.string(), "--json",
                    vocabulary_[0]});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_TRUE(nlohmann::json::parse(cli.out)["partial"].get<bool>()) << cli.out;
}

TEST_F(ScaleOut, NoShardAnsweringIsAnError) {
    const auto stub = dir_->path() / "dead.stub";
    test::write_file(stub, "remote 127.0.0.1:" + std::to_string(free_port()) + "\n");
    auto r = run({bin("thinkdex").string(), "search", "--db", stub.string(), "x"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no shard answers"), std::string::npos) << r.err;
}

TEST_F(ScaleOut, BadStubFileAndShardPartAreNamed) {
    const auto stub = dir_->path() / "bad.stub";
    test::write_file(stub, "remote 127.0.0.1:1\nremote nowhere\n");
    auto r = run({bin("thinkdex").string(), "search", "--db", stub.string(), "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.stub:2"), std::string::npos) << r.err;
    test::write_file(stub, "remote 127.0.0.1:70000\n");
    r = run({bin("thinkdex").string(), "search", "--db", stub.string(), "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.stub:1: shard '127.0.0.1:70000'"), std::string::npos) << r.err;
    test::write_file(stub, "# nothing\n");
    r = run({bin("thinkdex").string(), "search", "--db", stub.string(), "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("lists no shard"), std::string::npos) << r.err;

    for (const std::string part : {"3/3", "1", "a/2", "0/0", "-1/2"}) {
        auto bad = run({bin("thinkdex").string(), "index", "--jsonl",
                        (dir_->path() / "corpus.jsonl").string(), "--db",
                        (dir_->path() / "never").string(), "--shard", part});
        EXPECT_EQ(bad.exit_code, 2) << part;
        EXPECT_NE(bad.err.find("--shard must be i/N"), std::string::npos) << bad.err;
        EXPECT_FALSE(std::filesystem::exists(dir_->path() / "never"));
    }
}

// `crawl --partition`: the store remembers its partition and refuses another (exit 2, nothing
// fetched); a seed on another partition's host is left to its owner. The crawl itself, with
// outboxes going round, is tests/crawler/partition_test.cpp.
TEST_F(ScaleOut, CrawlPartitionIsKeptByTheStore) {
    const auto data = dir_->path() / "worker0";
    auto crawl = [&](std::vector<std::string> extra) {
        std::vector<std::string> argv = {bin("thinkdex").string(), "crawl", "--data-dir",
                                         data.string(), "--seed", "http://127.0.0.1:1/", "--json"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return run(argv);
    };
    ASSERT_NE(shard_of_host("127.0.0.1", kShards), 0u);
    auto r = crawl({"--partition", "0/3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto summary = nlohmann::json::parse(r.out);
    EXPECT_EQ(summary["fetched"], 0);  // 127.0.0.1 is another worker's host
    EXPECT_EQ(summary["handed_over"], 0);
    EXPECT_EQ(summary["taken_over"], 0);
    EXPECT_TRUE(std::filesystem::exists(data / "outbox" / "to-1-of-3.jsonl"));
    EXPECT_TRUE(std::filesystem::exists(data / "outbox" / "to-2-of-3.jsonl"));

    for (const auto& other : {std::vector<std::string>{"--partition", "1/3"},
                                                 std::vector<std::string>{}}) {
        r = crawl(other);
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find("holds partition 0/3"), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    r = crawl({"--partition", "3/3"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--partition must be i/N"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace thinkdex
