// Timeouts: stalled responses, a server that never answers, a trickle.

#include "fetcher.hpp"
#include <arpa/inet.h>
#include <atomic>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "crawl_site.hpp"

namespace thinkdex::crawler {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST_F(CrawlerTest, StalledResponsesTimeOut) {
    Site site;
    std::atomic<bool> stop{false};
    site.routes().Get("/stalled.html", [&](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider("text/html", [&](std::size_t offset, httplib::DataSink& sink) {
            if (offset == 0) return sink.write("<html>", 6);
            for (int i = 0; i < 50 && !stop; ++i) std::this_thread::sleep_for(100ms);
            return false;  // never finishes
        });
    });
    site.start();
    site.write("/index.html", page("Home", "<a href=/stalled.html>s</a>"));
    auto config = config_for(site.url("/index.html"));
    config.first_byte_timeout = 1s;  // also the stall limit
    auto store = open_store();
    auto started = Clock::now();
    CrawlStats stats = crawl(config, store);
    stop = true;
    EXPECT_EQ(skipped(stats, "timeout"), 1u);
    EXPECT_EQ(stats.failed, 1u);
    EXPECT_EQ(site.count("/stalled.html"), 3u);  // retried twice
    EXPECT_LT(Clock::now() - started, 9s);
    EXPECT_TRUE(store.get_page(site.url("/index.html")));
}

// A socket that accepts connections (the kernel completes the handshake) and never answers.
class SilentServer {
  public:
    SilentServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
            ::listen(fd_, 8) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            throw std::runtime_error("cannot listen on 127.0.0.1");
        }
        port_ = ntohs(addr.sin_port);
    }
    ~SilentServer() { ::close(fd_); }
    int fd() const { return fd_; }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }

  private:
    int fd_ = -1;
    int port_ = 0;
};

FetchResult fetch_one(Fetcher& fetcher, const std::string& url) {
    fetcher.start(FetchRequest{1, url, {}, true, 0, false});
    for (int i = 0; i < 300; ++i) {
        auto done = fetcher.wait(200ms);
        if (!done.empty()) return done.front();
    }
    ADD_FAILURE() << "no result for " << url;
    return {};
}

TEST(FetcherTimeouts, AServerThatNeverAnswersTimesOutAfterFirstByteTimeout) {
    SilentServer silent;
    CrawlConfig config;
    config.connect_timeout = 5s;
    config.first_byte_timeout = 1s;
    config.timeout = 60s;
    Fetcher fetcher(config);
    FetchResult r = fetch_one(fetcher, silent.url("/index.html"));
    EXPECT_EQ(r.error, "timeout");
    EXPECT_TRUE(r.retryable_error());
    // Not the 60 s whole-request timeout: the first-byte one, named in the message.
    EXPECT_NE(r.error_message.find("first_byte_timeout_s"), std::string::npos) << r.error_message;
    EXPECT_NE(r.error_message.find("no answer"), std::string::npos) << r.error_message;
}

TEST(FetcherTimeouts, ATrickleIsCutByTheWholeRequestTimeout) {
    // By hand rather than with cpp-httplib, which may gzip the answer and so hold the bytes.
    SilentServer server;
    std::atomic<bool> stop{false};
    std::thread trickle([&] {
        int client = ::accept(server.fd(), nullptr, nullptr);
        if (client < 0) return;
        char request[4096];
        [[maybe_unused]] auto n = ::read(client, request, sizeof request);
        std::string head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
        bool ok = ::write(client, head.data(), head.size()) > 0;
        for (int i = 0; ok && !stop && i < 100; ++i) {
            std::this_thread::sleep_for(200ms);
            ok = ::write(client, "x", 1) == 1;
        }
        ::close(client);
    });
    CrawlConfig config;
    config.first_byte_timeout = 1s;  // never reached: a byte every 200 ms
    config.timeout = 2s;
    Fetcher fetcher(config);
    FetchResult r = fetch_one(fetcher, server.url("/trickle.html"));
    stop = true;
    trickle.join();
    EXPECT_EQ(r.error, "timeout");
    EXPECT_EQ(r.error_message.find("first_byte_timeout_s"), std::string::npos) << r.error_message;
    EXPECT_NE(r.error_message.find("imed out"), std::string::npos) << r.error_message;
}

}  // namespace
}  // namespace thinkdex::crawler
