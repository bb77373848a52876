// thinkdex.cgi: the search page, run by a web server per request (CGI/1.1, RFC 3875). Answers
// GET and HEAD with the HTML page, or with format=json the CLI's JSON, format=atom an Atom feed
// of the newest matches, format=opensearch the engine's OpenSearch description, format=bibtex
// or format=ris (with id=) a publication's citation.
//
// Finds its index through $THINKDEX_INDEX (the Xapian database), else $THINKDEX_DATA_DIR/index,
// else the data_dir of a config file: $THINKDEX_CONFIG, thinkdex.toml beside this program (a
// relative data_dir is then taken from the program's directory), or where the `thinkdex` CLI
// looks (thinkdex::find_config()); else ./data/index, as the CLI does. The config also gives
// the page size ([search] limit), the values per facet ([search] facet_limit) and the
// stylesheet's URL ([cgi] stylesheet). Logs go to stderr, which web servers put in their error
// log; pages never show a path or an exception's text.

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
#include "thinkdex/query/citation.hpp"
#include "thinkdex/query/engine.hpp"
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

/// What the program needs from its configuration.
struct Settings {
    query::IndexSource index;  ///< the index directory, stub file or shards
    thinkdex::SearchConfig search;  ///< page size, facet limit, ranking, synonyms...
    std::string stylesheet{query::kDefaultStylesheet};
    std::string base_url;  // "" = from the server's variables
};

/// "https://cdn.example.org" for an absolute stylesheet URL, "" for a path on this server.
std::string origin_of(const std::string& url) {
    if (!url.starts_with("http://") && !url.starts_with("https://")) return {};
    auto end = url.find_first_of("/?#", url.find("//") + 2);
    return url.substr(0, end);
}

/// Writes the CGI answer. The Content-Security-Policy lets the page load its stylesheet (from
/// this server, or from the configured one's origin) and nothing else.
class Responder {
  public:
    Responder(bool head, const std::string& stylesheet)
        : head_(head), stylesheet_(stylesheet) {}

    const std::string& stylesheet() const { return stylesheet_; }

    void send(const std::string& status, const std::string& body,
              const std::string& extra_headers = {}, const char* content_type = kHtml) const {
        std::string style_src = "'self'";
        if (auto origin = origin_of(stylesheet_); !origin.empty()) style_src += " " + origin;
        std::cout << "Status: " << status << "\r\n"
                  << "Content-Type: " << content_type << "\r\n"
                  << "Content-Security-Policy: default-src 'none'; style-src " << style_src
                  << "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n"
                  << "X-Content-Type-Options: nosniff\r\n"
                  << "Referrer-Policy: same-origin\r\n"
                  << extra_headers << "\r\n";
        if (!head_) std::cout << body;
        std::cout.flush();
    }

    /// An error in the form the client asked for: JSON for scripts, else the HTML page.
    void error(const std::string& status, const query::PageRequest& page,
               const std::string& message, const std::string& extra_headers = {}) const {
        if (page.format == query::PageFormat::kJson) {
            send(status, nlohmann::json{{"error", message}}.dump() + "\n", extra_headers,
                 "application/json");
        } else {
            send(status, query::render_html_message(page, message, stylesheet_), extra_headers);
        }
    }

  private:
    bool head_;
    std::string stylesheet_;
};

/// Absolute URL of this program: the configured base URL, else as the server names it
/// (SERVER_NAME, not the client's Host header, so that a request cannot put another site into
/// the feed's links).
std::string script_url(const Settings& settings) {
    if (!settings.base_url.empty()) return settings.base_url;
    bool https = env("HTTPS") == "on" || env("HTTPS") == "1" || env("REQUEST_SCHEME") == "https";
    std::string host = env("SERVER_NAME").empty() ? "localhost" : env("SERVER_NAME");
    if (host.find(':') != std::string::npos && !host.starts_with("[")) host = "[" + host + "]";
    std::string port = env("SERVER_PORT");
    if (!port.empty() && port != (https ? "443" : "80")) host += ":" + port;
    return (https ? "https://" : "http://") + host + env("SCRIPT_NAME");
}

std::string utc_now(const char* format = "%Y-%m-%dT%H:%M:%SZ") {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

/// The config (see the file comment for where it is found) with $THINKDEX_INDEX over its index.
/// Throws ConfigError for a broken config file.
Settings load_settings() {
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
            config_path = thinkdex::default_config_path();  // as the CLI
        }
    }
    // Applies THINKDEX_DATA_DIR over the file; with no file, the defaults (./data) as the CLI.
    thinkdex::Config config = thinkdex::load_config(config_path);
    thinkdex::validate(config);
    Settings settings;
    settings.index = query::Engine::source(config);
    fs::path& path = settings.index.path;
    if (path.is_relative() && !base.empty() && env("THINKDEX_DATA_DIR").empty())
        path = base / path;
    if (auto index = env("THINKDEX_INDEX"); !index.empty()) {
        settings.index.path = index;
        settings.index.shards.clear();
    }
    settings.search = config.search;
    settings.stylesheet = config.cgi.stylesheet;
    settings.base_url = config.cgi.base_url;
    return settings;
}

/// format=bibtex|ris: the publication's citation as a download, or a 404 page.
void answer_citation(const Responder& out, const query::PageRequest& page,
                     const query::IndexSource& index) {
    auto citation = query::find_citation(index, page.id);
    if (!citation) {
        out.error("404 Not Found", page,
                  "There is no publication with this id in the index: it may have been removed "
                  "since the page was made. Search again to find it.");
        return;
    }
    const bool bibtex = page.format == query::PageFormat::kBibtex;
    const std::string accessed = utc_now("%Y-%m-%d");
    // The key is ASCII letters and digits only, so it needs no quoting in the header.
    out.send("200 OK",
             bibtex ? query::render_bibtex(*citation, accessed)
                    : query::render_ris(*citation, accessed),
             "Content-Disposition: attachment; filename=\"" + query::citation_key(*citation) +
                 (bibtex ? ".bib" : ".ris") + "\"\r\n",
             bibtex ? "application/x-bibtex; charset=utf-8"
                    : "application/x-research-info-systems; charset=utf-8");
}

}  // namespace

int main() {
    thinkdex::init_logging(0, env("THINKDEX_LOG_LEVEL").empty() ? "warn" : env("THINKDEX_LOG_LEVEL"));
    const std::string method = env("REQUEST_METHOD").empty() ? "GET" : env("REQUEST_METHOD");
    const bool head = method == "HEAD";
    std::optional<Settings> settings;
    try {
        settings = load_settings();
    } catch (const std::exception& e) {
        spdlog::error("thinkdex.cgi: {}", e.what());  // answered with a 503 below
    }
    const Responder out(head, settings ? settings->stylesheet
                                       : std::string(query::kDefaultStylesheet));
    if (method != "GET" && !head) {
        Responder(false, out.stylesheet())
            .send("405 Method Not Allowed",
                  query::render_html_message({}, "Only GET and HEAD requests are supported.",
                                             out.stylesheet()),
                  "Allow: GET, HEAD\r\n");
        return 0;
    }
    auto request = query::parse_page_request(env("QUERY_STRING"));
    if (!request) {
        query::PageRequest asked;  // only its format: the error in the form the client reads
        asked.format = query::requested_format(env("QUERY_STRING"));
        out.error("400 Bad Request", asked, request.error().message);
        return 0;
    }
    const query::PageRequest& page = *request;
    try {
        if (!settings) throw thinkdex::Fatal("no usable configuration");
        // Read-only; a missing directory must not be created by anyone here.
        // An index directory or a stub file; a shard list is checked as it opens.
        if (settings->index.shards.empty() && !fs::exists(settings->index.path))
            throw thinkdex::Fatal("no index at " + settings->index.path.string());
        if (page.format == query::PageFormat::kBibtex || page.format == query::PageFormat::kRis) {
            answer_citation(out, page, settings->index);
            return 0;
        }
        query::Engine engine(settings->index, settings->search);
        if (page.format == query::PageFormat::kOpenSearch) {
            out.send("200 OK", query::render_opensearch(script_url(*settings), engine.doc_count()), {},
                     "application/opensearchdescription+xml; charset=utf-8");
            return 0;
        }
        if (page.format == query::PageFormat::kHtml && page.query.text.empty() &&
            !query::has_filters(page.query)) {
            out.send("200 OK",
                     query::render_html_message(
                         page,
                         "Search " + std::to_string(engine.doc_count()) +
                             " publications: words, \"phrases\", author:, title:, "
                             "before:2025, after:2024-03.",
                         settings->stylesheet));
            return 0;
        }
        auto result = engine.search(query::to_search_request(page, engine.request()));
        if (!result) {
            out.error("400 Bad Request", page, result.error().message);
            return 0;
        }
        switch (page.format) {
            case query::PageFormat::kJson:
                out.send("200 OK", query::render_json(*result) + "\n", {}, "application/json");
                break;
            case query::PageFormat::kAtom:
                out.send("200 OK", query::render_atom(page, *result, script_url(*settings), utc_now()), {},
                         "application/atom+xml; charset=utf-8");
                break;
            default:
                out.send("200 OK", query::render_html_page(page, *result, settings->search.limit,
                                                           settings->stylesheet));
        }
    } catch (const std::exception& e) {
        spdlog::error("thinkdex.cgi: {}", e.what());
        out.error("503 Service Unavailable", page,
                  "Search is unavailable right now: the index cannot be opened. "
                  "Please try again later.",
                  "Retry-After: 300\r\n");
    }
    return 0;
}
