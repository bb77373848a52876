#include "http_server.hpp"

#include <chrono>
#include <stdexcept>

namespace thinkdex::test {

HttpServer::HttpServer(const std::filesystem::path& root, int port) : requested_port_(port) {
    // Without TCP_NODELAY every answer on a kept-alive connection waits ~40 ms for Nagle.
    server_.set_tcp_nodelay(true);
    if (!root.empty() && !server_.set_mount_point("/", root.string())) {
        throw std::runtime_error("cannot serve directory '" + root.string() + "'");
    }
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
        int now = ++in_flight_;
        int seen = max_in_flight_.load();
        while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
        }
        std::lock_guard lock(mutex_);
        std::string path = req.path;
        if (!req.params.empty()) {
            std::string query;
            for (const auto& [k, v] : req.params) query += (query.empty() ? "" : "&") + k + "=" + v;
            path += "?" + query;
        }
        requests_.push_back(path);
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.set_post_routing_handler(
        [this](const httplib::Request&, httplib::Response&) { --in_flight_; });
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
    if (requested_port_ == 0) {
        port_ = server_.bind_to_any_port("127.0.0.1");
    } else {
        port_ = server_.bind_to_port("127.0.0.1", requested_port_) ? requested_port_ : -1;
    }
    if (port_ <= 0) throw std::runtime_error("cannot listen on 127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpServer::stop() {
    if (thread_.joinable()) {
        server_.stop();
        thread_.join();
    }
}

std::string HttpServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<std::string> HttpServer::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

}  // namespace thinkdex::test
