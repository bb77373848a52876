// thinkdex.cgi: the search page, run by a web server per request (CGI/1.1, RFC 3875). Answers
// GET and HEAD with the HTML page, or with format=json the CLI's JSON, format=atom an Atom feed
// of the newest matches, format=opensearch the engine's OpenSearch description.
//
// Finds its index through $THINKDEX_INDEX (the Xapian database), else $THINKDEX_DATA_DIR/index,
// else the data_dir of a config file: $THINKDEX_CONFIG, thinkdex.toml beside this program (a
// relative data_dir is then taken from the program's directory), or ./config/thinkdex.toml;
// else ./data/index, as the `thinkdex` CLI does. Logs go to stderr, which web servers put in their error log;
// pages never show a path or an exception's text.

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "thinkdex/common/config.hpp"
#include "thinkdex/common/logging.hpp"
#include "thinkdex/query/render.hpp"
#include "thinkdex/query/search.hpp"

namespace {

namespace fs = std::filesystem;
namespace query = thinkdex::query;

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

constexpr const char* kHtml = "text/html; charset=utf-8";

void respond(bool head, const std::string& status, const std::string& body,
             const std::string& extra_headers = {}, const char* content_type = kHtml) {
    std::cout << "Status: " << status << "\r\n"
              << "Content-Type: " << content_type << "\r\n"
              << "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; "
                 "form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n"
              << "X-Content-Type-Options: nosniff\r\n"
              << "Referrer-Policy: same-origin\r\n"
              << extra_headers << "\r\n";
    if (!head) std::cout << body;
    std::cout.flush();
}

/// An error in the form the client asked for: JSON for scripts, else the HTML page.
void respond_error(bool head, const std::string& status, const query::PageRequest& page,
                   const std::string& message, const std::string& extra_headers = {}) {
    if (page.format == query::PageFormat::kJson) {
        respond(head, status, nlohmann::json{{"error", message}}.dump() + "\n", extra_headers,
                "application/json");
    } else {
        respond(head, status, query::render_html_message(page, message), extra_headers);
    }
}

/// Absolute URL of this program as the server names it (SERVER_NAME, not the client's Host
/// header, so that a request cannot put another site into the feed's links).
std::string script_url() {
    bool https = env("HTTPS") == "on" || env("HTTPS") == "1" || env("REQUEST_SCHEME") == "https";
    std::string host = env("SERVER_NAME").empty() ? "localhost" : env("SERVER_NAME");
    if (host.find(':') != std::string::npos && !host.starts_with("[")) host = "[" + host + "]";
    std::string port = env("SERVER_PORT");
    if (!port.empty() && port != (https ? "443" : "80")) host += ":" + port;
    return (https ? "https://" : "http://") + host + env("SCRIPT_NAME");
}

std::string utc_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

struct Target {
    fs::path index;
    std::size_t page_size = 10;
};

Target find_index() {
    if (auto index = env("THINKDEX_INDEX"); !index.empty()) return {index};
    std::optional<fs::path> config_path;
    fs::path base;  // a relative data_dir in a config beside the program is taken from there
    if (!env("THINKDEX_CONFIG").empty()) {
        config_path = env("THINKDEX_CONFIG");
    } else {
        std::error_code ec;
        fs::path beside = fs::read_symlink("/proc/self/exe", ec).parent_path() / "thinkdex.toml";
        if (!ec && fs::exists(beside)) {
            config_path = beside;
            base = beside.parent_path();
        } else {
            config_path = thinkdex::default_config_path();  // ./config/thinkdex.toml, as the CLI
        }
    }
    // Applies THINKDEX_DATA_DIR over the file; with no file, the defaults (./data) as the CLI.
    thinkdex::Config config = thinkdex::load_config(config_path);
    fs::path index = config.index_path();
    if (index.is_relative() && !base.empty() && env("THINKDEX_DATA_DIR").empty())
        index = base / index;
    return {index, std::clamp<std::size_t>(config.search.limit, 1, 100)};
}

}  // namespace

int main() {
    thinkdex::init_logging(0, env("THINKDEX_LOG_LEVEL").empty() ? "warn" : env("THINKDEX_LOG_LEVEL"));
    const std::string method = env("REQUEST_METHOD").empty() ? "GET" : env("REQUEST_METHOD");
    const bool head = method == "HEAD";
    if (method != "GET" && !head) {
        respond(false, "405 Method Not Allowed",
                query::render_html_message({}, "Only GET and HEAD requests are supported."),
                "Allow: GET, HEAD\r\n");
        return 0;
    }
    auto request = query::parse_page_request(env("QUERY_STRING"));
    if (!request) {
        respond_error(head, "400 Bad Request", {}, request.error().message);
        return 0;
    }
    const query::PageRequest& page = *request;
    try {
        Target target = find_index();
        // Read-only; a missing directory must not be created by anyone here.
        if (!fs::is_directory(target.index)) throw thinkdex::Fatal("no index at " + target.index.string());
        query::Searcher searcher(target.index);
        if (page.format == query::PageFormat::kOpenSearch) {
            respond(head, "200 OK", query::render_opensearch(script_url(), searcher.doc_count()),
                    {}, "application/opensearchdescription+xml; charset=utf-8");
            return 0;
        }
        if (page.format == query::PageFormat::kHtml && page.q.empty() && page.author.empty() &&
            page.year.empty() && page.since.empty() && page.until.empty()) {
            respond(head, "200 OK",
                    query::render_html_message(
                        page, "Search " + std::to_string(searcher.doc_count()) +
                                  " publications: words, \"phrases\", author:, title:, "
                                  "before:2025, after:2024-03."));
            return 0;
        }
        auto result = searcher.search(query::to_search_request(page, target.page_size));
        if (!result) {
            respond_error(head, "400 Bad Request", page, result.error().message);
            return 0;
        }
        switch (page.format) {
            case query::PageFormat::kJson:
                respond(head, "200 OK", query::render_json(*result) + "\n", {}, "application/json");
                break;
            case query::PageFormat::kAtom:
                respond(head, "200 OK", query::render_atom(page, *result, script_url(), utc_now()),
                        {}, "application/atom+xml; charset=utf-8");
                break;
            default:
                respond(head, "200 OK", query::render_html_page(page, *result, target.page_size));
        }
    } catch (const std::exception& e) {
        spdlog::error("thinkdex.cgi: {}", e.what());
        respond_error(head, "503 Service Unavailable", page,
                      "Search is unavailable right now: the index cannot be opened. "
                      "Please try again later.",
                      "Retry-After: 300\r\n");
    }
    return 0;
}
