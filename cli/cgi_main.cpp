// thinkdex.cgi: the search page, run by a web server per request (CGI/1.1, RFC 3875).
//
// Finds its index through $THINKDEX_INDEX (the Xapian database), else $THINKDEX_DATA_DIR/index,
// else the data_dir of a config file: $THINKDEX_CONFIG, thinkdex.toml beside this program (a
// relative data_dir is then taken from the program's directory), or ./config/thinkdex.toml;
// else ./data/index, as the `thinkdex` CLI does. Logs go to stderr, which web servers put in their error log;
// pages never show a path or an exception's text.

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

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

void respond(bool head, const std::string& status, const std::string& body,
             const std::string& extra_headers = {}) {
    std::cout << "Status: " << status << "\r\n"
              << "Content-Type: text/html; charset=utf-8\r\n"
              << "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; "
                 "form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n"
              << "X-Content-Type-Options: nosniff\r\n"
              << "Referrer-Policy: same-origin\r\n"
              << extra_headers << "\r\n";
    if (!head) std::cout << body;
    std::cout.flush();
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
        respond(head, "400 Bad Request", query::render_html_message({}, request.error().message));
        return 0;
    }
    const query::PageRequest& page = *request;
    try {
        Target target = find_index();
        // Read-only; a missing directory must not be created by anyone here.
        if (!fs::is_directory(target.index)) throw thinkdex::Fatal("no index at " + target.index.string());
        query::Searcher searcher(target.index);
        if (page.q.empty() && page.author.empty() && page.year.empty() && page.since.empty() &&
            page.until.empty()) {
            respond(head, "200 OK",
                    query::render_html_message(
                        page, "Search " + std::to_string(searcher.doc_count()) +
                                  " publications: words, \"phrases\", author:, title:, "
                                  "before:2025, after:2024-03."));
            return 0;
        }
        auto result = searcher.search(query::to_search_request(page, target.page_size));
        if (!result) {
            respond(head, "400 Bad Request", query::render_html_message(page, result.error().message));
            return 0;
        }
        respond(head, "200 OK", query::render_html_page(page, *result, target.page_size));
    } catch (const std::exception& e) {
        spdlog::error("thinkdex.cgi: {}", e.what());
        respond(head, "503 Service Unavailable",
                query::render_html_message(
                    page, "Search is unavailable right now: the index cannot be opened. "
                          "Please try again later."),
                "Retry-After: 300\r\n");
    }
    return 0;
}
