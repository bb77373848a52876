#pragma once
// thinkdex's configuration: built-in defaults, then a TOML file, then environment variables,
// then command-line flags, validated once. `config/thinkdex.toml` documents every key.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace thinkdex {

/// A site to crawl: where to start, and optionally its feed and sitemap.
struct Source {
    std::string name;                  ///< shown in logs; defaults to the seed's host
    std::string seed;                  ///< absolute http(s) URL
    std::vector<std::string> feeds;    ///< RSS/Atom feed URLs
    std::vector<std::string> sitemaps; ///< sitemap URLs (robots.txt ones are found anyway)
};

struct CrawlConfig {
    std::vector<Source> sources;
    std::string user_agent = "thinkdex/0.1";  ///< product token must stay "thinkdex"
    std::string contact_url = "https://github.com/thinkdex/thinkdex";
    /// "host": links on the seed's host only; "domain": the seed's registrable domain and its
    /// subdomains; "prefix": URLs under the seed URL's path.
    std::string scope = "host";
    std::size_t max_pages = 1000;      ///< per run; 0 means no limit
    std::size_t max_depth = 10;        ///< link hops from a seed
    std::chrono::milliseconds delay{1000};           ///< between requests to one host
    std::chrono::milliseconds max_crawl_delay{10000}; ///< cap on robots.txt Crawl-delay
    std::chrono::seconds connect_timeout{10};
    std::chrono::seconds timeout{30};  ///< whole request
    /// From sending the request to the first byte of the answer, and then between two bytes
    /// (a stalled body): a server that accepts but never answers is given up after this.
    std::chrono::seconds first_byte_timeout{15};
    /// Bounds of the adaptive revisit schedule: a stored page is fetched again once its
    /// interval has passed; the interval halves when the page changed and doubles when it did
    /// not, within [revisit_min, revisit_max]. 0 h minimum: every run re-checks every page.
    std::chrono::hours revisit_min{0};
    std::chrono::hours revisit_max{720};
    std::size_t max_body_bytes = 10 * 1024 * 1024;
    /// The cap for PDFs (Content-Type application/pdf): reports are larger than pages.
    std::size_t max_pdf_bytes = 50 * 1024 * 1024;
    /// Fetch a PDF that an in-scope page links as its own (citation_pdf_url, <link
    /// rel=alternate type=application/pdf>, an <a href> ending in .pdf) even when it is on
    /// another host, such as a CDN. Only such PDFs: their links are never followed.
    bool pdf_other_hosts = false;
    std::size_t max_redirects = 5;
    bool obey_robots = true;
    /// Follow links marked rel="nofollow" (a hint for ranking, not a ban on crawling). Page-level
    /// nofollow (meta robots, X-Robots-Tag) is obeyed whatever this says.
    bool follow_nofollow = true;

    /// "thinkdex/0.1 (+https://...)": what every request sends as User-Agent.
    std::string user_agent_header() const;
};

struct IndexConfig {
    std::string language = "english";  ///< Xapian stemmer name; "none" disables stemming
    /// Pages extracted at once by `thinkdex index` (one Xapian writer takes them in order,
    /// with more than one thread while the next batch is extracted); 0: one per core.
    std::size_t threads = 0;
    /// Scale-out (docs/scale-out.md): the shards searched together instead of DATA_DIR/index,
    /// each "HOST:PORT" of a `thinkdex serve-shard` or an index directory. Empty: one index.
    std::vector<std::string> shards;
    /// How long a shard may take to connect or to answer one request before the search goes
    /// on without it and says the results are partial.
    std::chrono::milliseconds shard_timeout{2000};
    /// Over shards: the spelling database ("did you mean") that `thinkdex spelling` writes and
    /// searches read. Empty: beside the stub file (STUB.spelling), or DATA_DIR/index.spelling
    /// for `shards`.
    std::string spelling;
};

/// Results per page: at most this many, for the CLI (--limit), the CGI and the library.
inline constexpr std::size_t kMaxPageSize = 1000;
/// Pages of results: at most this many (the CLI's --page, the CGI's page=).
inline constexpr std::size_t kMaxPage = 1000;

struct SearchConfig {
    std::size_t limit = 10;            ///< results per page, 1 to kMaxPageSize
    std::size_t facet_limit = 10;      ///< values shown per facet
    /// Half-life in days of the recency prior of `--sort recent` (relevance with a mild
    /// preference for newer publications); at least 1.
    std::size_t recency_half_life_days = 365;
    /// "default": the tuned ranking (README, "Ranking"); "plain": plain Xapian BM25, the
    /// baseline of the benchmarks. $THINKDEX_RANKING overrides it.
    std::string ranking = "default";
    /// Query-time synonym groups from [search.synonyms] (`"SCO" = ["Shanghai Cooperation
    /// Organisation"]` is the group {SCO, Shanghai Cooperation Organisation}; it works both
    /// ways). Members are words or phrases; none may be empty.
    std::vector<std::vector<std::string>> synonyms;
};

struct CgiConfig {
    /// URL of the search page's stylesheet (the installed share/thinkdex/thinkdex.css, served
    /// by the web server); "" for none. A path ("/thinkdex/thinkdex.css") or an http(s) URL.
    std::string stylesheet = "/thinkdex/thinkdex.css";
    /// Public URL of the search page ("https://example.org/cgi-bin/thinkdex.cgi"), from which
    /// the Atom and OpenSearch links are made. "" builds it from the server's SERVER_NAME,
    /// which some servers take from the client's Host header.
    std::string base_url;
};

struct LogConfig {
    std::string level = "info";        ///< trace, debug, info, warn, error, off
    std::string file;                  ///< empty: stderr only
};

struct Config {
    std::filesystem::path data_dir = "data";  ///< crawl store and index live here
    CrawlConfig crawl;
    IndexConfig index;
    SearchConfig search;
    CgiConfig cgi;
    LogConfig log;

    /// The file the values were read from (empty: none), and where each key read from it or
    /// from the environment was set ("thinkdex.toml:12", "$THINKDEX_DATA_DIR"), so that
    /// problems() can point at the line. load_config() fills both.
    std::filesystem::path file;
    std::map<std::string, std::string> origins;

    std::filesystem::path store_path() const { return data_dir / "crawl.sqlite"; }
    std::filesystem::path index_path() const { return data_dir / "index"; }

    /// Every problem with the values, one message each, prefixed with the key's origin when it
    /// has one ("thinkdex.toml:12: crawl.delay_ms must be between 0 and 3600000 (got ...)");
    /// empty when the config is usable. Every number has a range (see the README), URLs and
    /// the User-Agent must not contain control characters, nor the stylesheet URL characters
    /// that would change the CGI's Content-Security-Policy header.
    std::vector<std::string> problems() const;
};

/// The config file used when none is named, as find_config() (config_discovery.hpp) finds it;
/// nothing when there is none (defaults are used).
std::optional<std::filesystem::path> default_config_path();

/// Loads defaults, then `path` (if given; it must exist), then the environment
/// (THINKDEX_DATA_DIR, THINKDEX_LOG_LEVEL). Callers apply their flags, then call `validate()`.
/// Throws ConfigError on a bad file, listing every problem in it at once (syntax, unknown
/// keys, wrong types and bad values), each as "FILE:LINE: ...".
Config load_config(const std::optional<std::filesystem::path>& path);

/// Throws ConfigError listing every problem at once when `config.problems()` is not empty.
void validate(const Config& config);

}  // namespace thinkdex
