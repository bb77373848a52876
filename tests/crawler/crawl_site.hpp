#pragma once
// The crawler tests' small site on 127.0.0.1, its config, and the fixture with a crawl store.

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "http_server.hpp"
#include "test_util.hpp"
#include "thinkdex/crawler/crawler.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::crawler {

// A small site in a temp dir, served on 127.0.0.1. Routes are scripted before start(); files
// may be written at any time (the server reads them per request).
class Site {
  public:
    Site() : server_(root_.path()) {}
    httplib::Server& routes() { return server_.server(); }
    void start() { server_.start(); }
    std::string url(const std::string& path) const { return server_.base_url() + path; }
    void write(const std::string& path, const std::string& content) {
        test::write_file(root_.path() / path.substr(1), content);
    }
    void remove(const std::string& path) { std::filesystem::remove(root_.path() / path.substr(1)); }
    std::vector<std::string> requests() const { return server_.requests(); }
    std::size_t count(const std::string& path) const {
        auto r = requests();
        return static_cast<std::size_t>(std::ranges::count(r, path));
    }
    int max_in_flight() const { return server_.max_in_flight(); }

  private:
    test::TempDir root_;
    test::HttpServer server_;
};

inline std::string page(const std::string& title, const std::string& body) {
    return "<!doctype html><html><head><title>" + title + "</title></head><body>" + body +
           "</body></html>";
}

inline CrawlConfig config_for(const std::string& seed) {
    using namespace std::chrono_literals;
    CrawlConfig c;
    c.sources.push_back(Source{"test", seed, {}, {}});
    c.delay = 0ms;
    c.connect_timeout = 5s;
    c.timeout = 10s;
    c.max_pages = 100;
    return c;
}

inline std::size_t skipped(const CrawlStats& s, const std::string& reason) {
    auto it = s.skipped.find(reason);
    return it == s.skipped.end() ? 0 : it->second;
}

class CrawlerTest : public testing::Test {
  protected:
    void SetUp() override { spdlog::set_level(spdlog::level::warn); }
    store::CrawlStore open_store() { return store::CrawlStore(data_.path() / "crawl.sqlite"); }
    test::TempDir data_;
};

}  // namespace thinkdex::crawler
