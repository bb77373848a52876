#include "http_server.hpp"

#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

namespace thinkdex::test {

namespace {

/// The file a GET for `path` is answered with under the first of `roots` that has it ("/" and
/// "/dir/" mean index.html), or "" when there is none; ".." never leaves a root.
std::filesystem::path served_file(const std::vector<std::filesystem::path>& roots,
                                  const std::string& path) {
    if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos) return {};
    for (const auto& root : roots) {
        auto file = root / path.substr(1);
        if (path.back() == '/') file /= "index.html";
        std::error_code ec;
        if (std::filesystem::is_regular_file(file, ec)) return file;
    }
    return {};
}

struct Validators {
    std::string etag;           // "\"size-mtime_ns\"": changes with any write
    std::string last_modified;  // HTTP date, whole seconds
    std::time_t mtime = 0;
};

Validators validators(const std::filesystem::path& file) {
    struct stat st {};
    Validators v;
    if (::stat(file.c_str(), &st) != 0) return v;
    long long ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    v.etag = "\"" + std::to_string(st.st_size) + "-" + std::to_string(ns) + "\"";
    v.mtime = st.st_mtim.tv_sec;
    std::tm tm{};
    gmtime_r(&v.mtime, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    v.last_modified = buf;
    return v;
}

/// RFC 9110 13.1: If-None-Match wins over If-Modified-Since.
bool not_modified(const httplib::Request& req, const Validators& v) {
    if (req.has_header("If-None-Match")) {
        return req.get_header_value("If-None-Match").find(v.etag) != std::string::npos;
    }
    if (req.has_header("If-Modified-Since")) {
        std::tm tm{};
        const std::string since = req.get_header_value("If-Modified-Since");
        if (!strptime(since.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm)) return false;
        return v.mtime <= timegm(&tm);
    }
    return false;
}

}  // namespace

HttpServer::HttpServer(const std::filesystem::path& root, int port)
    : requested_port_(port) {
    // Without TCP_NODELAY every answer on a kept-alive connection waits ~40 ms for Nagle.
    server_.set_tcp_nodelay(true);
    if (!root.empty()) add_root(root);
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        int now = ++in_flight_;
        int seen = max_in_flight_.load();
        while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
        }
        std::lock_guard lock(mutex_);
        // The request target as sent (req.params is a sorted map: it would hide the order of
        // the query's parameters, which the crawler must keep).
        requests_.push_back(req.target);
        user_agents_.push_back(req.get_header_value("User-Agent"));
        if (req.method == "GET" || req.method == "HEAD") {
            if (auto file = served_file(roots_, req.path); !file.empty()) {
                Validators v = validators(file);
                if (!v.etag.empty() && not_modified(req, v)) {
                    res.status = 304;
                    res.set_header("ETag", v.etag);
                    res.set_header("Last-Modified", v.last_modified);
                    return httplib::Server::HandlerResponse::Handled;
                }
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (res.status == 200 && (req.method == "GET" || req.method == "HEAD") &&
            !res.has_header("ETag")) {
            if (auto file = served_file(roots_, req.path); !file.empty()) {
                Validators v = validators(file);
                res.set_header("ETag", v.etag);
                res.set_header("Last-Modified", v.last_modified);
            }
        }
        {
            std::lock_guard lock(mutex_);
            responses_.push_back(std::to_string(res.status) + " " + req.path);
        }
        --in_flight_;
    });
}

void HttpServer::add_root(const std::filesystem::path& root) {
    if (!server_.set_mount_point("/", root.string()))
        throw std::runtime_error("cannot serve directory '" + root.string() + "'");
    roots_.push_back(root);
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
    if (requested_port_ == 0) {
        port_ = server_.bind_to_any_port(address_);
    } else {
        port_ = server_.bind_to_port(address_, requested_port_) ? requested_port_ : -1;
    }
    if (port_ <= 0) throw std::runtime_error("cannot listen on " + address_);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpServer::stop() {
    if (thread_.joinable()) {
        server_.stop();
        thread_.join();
    }
}

std::string HttpServer::base_url() const {
    return "http://" + address_ + ":" + std::to_string(port_);
}

std::vector<std::string> HttpServer::user_agents() const {
    std::lock_guard lock(mutex_);
    return user_agents_;
}

std::vector<std::string> HttpServer::responses() const {
    std::lock_guard lock(mutex_);
    return responses_;
}

std::vector<std::string> HttpServer::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

}  // namespace thinkdex::test
