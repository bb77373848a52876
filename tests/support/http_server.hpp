#pragma once
// A real HTTP server on 127.0.0.1 for tests: serves a directory and lets a test script extra
// routes (redirects, 304s, errors, slow or oversized answers). Runs on its own thread; port 0
// picks a free port. Served files carry ETag (size and mtime) and Last-Modified, and a
// conditional GET of an unchanged file gets 304 Not Modified (If-None-Match first, else
// If-Modified-Since), as real web servers do: the nightly re-crawl tests rely on it.

#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace thinkdex::test {

class HttpServer {
  public:
    /// Serves files under `root` (may be empty for none); `port` 0 picks a free one.
    explicit HttpServer(const std::filesystem::path& root = {}, int port = 0);
    /// Also serves files under `root` (before `start()`), where the first root has none: the
    /// sample site's PDF report, built from source, beside tests/data/site.
    void add_root(const std::filesystem::path& root);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Scripts a route before `start()`; see cpp-httplib's Server::Get.
    httplib::Server& server() { return server_; }
    /// Listens on `address` instead of 127.0.0.1: another loopback address (127.0.0.2, ...)
    /// is another host name to the crawler. Before `start()`.
    void set_address(std::string address) { address_ = std::move(address); }
    /// Starts listening; returns once the server accepts connections.
    void start();
    void stop();

    int port() const { return port_; }
    /// "http://127.0.0.1:PORT" (or the address set)
    std::string base_url() const;
    /// Request targets so far, in order, as sent ("/robots.txt", "/a.html?x=1&b=%20").
    std::vector<std::string> requests() const;
    /// The User-Agent header of each request so far, in order.
    std::vector<std::string> user_agents() const;
    /// Answers so far, in order, as "STATUS PATH" ("200 /a.html", "304 /b.html").
    std::vector<std::string> responses() const;
    /// Largest number of requests that were being answered at the same time.
    int max_in_flight() const { return max_in_flight_; }

  private:
    httplib::Server server_;
    int port_ = 0;
    int requested_port_ = 0;
    std::string address_ = "127.0.0.1";
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;
    std::vector<std::string> user_agents_;
    std::vector<std::string> responses_;
    std::vector<std::filesystem::path> roots_;
    std::atomic<int> in_flight_{0};
    std::atomic<int> max_in_flight_{0};
};

}  // namespace thinkdex::test
