#include "thinkdex/common/config.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/shard.hpp"

namespace thinkdex {

std::string CrawlConfig::user_agent_header() const {
    return user_agent + " (+" + contact_url + ")";
}

namespace {

/// What reading one file collects: every problem, each located as "FILE:LINE: ", and the
/// location of each key that was read, for the value checks that come later.
struct ReadContext {
    std::string file;
    std::vector<std::string>& problems;
    std::map<std::string, std::string>& origins;

    std::string at(const toml::node& node) const {
        return file + ":" + std::to_string(node.source().begin.line);
    }
};

// Reads one TOML table into a config section, recording every problem instead of stopping at
// the first, so that the user sees them all at once. Only types are checked here; the values'
// ranges are checked by Config::problems(), which also sees values given by flags.
class TableReader {
  public:
    TableReader(const toml::table& table, std::string section, ReadContext& context)
        : table_(table), section_(std::move(section)), context_(context) {}

    ~TableReader() {
        for (const auto& [key, node] : table_) {
            if (!known_.contains(std::string(key.str()))) {
                context_.problems.push_back(context_.at(node) + ": unknown key '" +
                                            name(key.str()) + "'");
            }
        }
    }

    void read(std::string_view key, std::string& out) {
        if (auto* node = find(key)) {
            if (auto v = node->value<std::string>()) out = *v;
            else wrong_type(key, "a string");
        }
    }
    void read(std::string_view key, bool& out) {
        if (auto* node = find(key)) {
            if (auto v = node->value<bool>()) out = *v;
            else wrong_type(key, "true or false");
        }
    }
    void read(std::string_view key, std::size_t& out) {
        if (auto* node = find(key)) {
            auto v = node->value<std::int64_t>();
            if (v && *v >= 0) out = static_cast<std::size_t>(*v);
            else wrong_type(key, "a whole number >= 0");
        }
    }
    template <typename Rep, typename Period>
    void read(std::string_view key, std::chrono::duration<Rep, Period>& out) {
        if (auto* node = find(key)) {
            auto v = node->value<std::int64_t>();
            // Rep is at least 64 bits for milliseconds and seconds, and hours are checked
            // against a range far below what it holds, so only a sign can be wrong here.
            if (v && *v >= 0) out = std::chrono::duration<Rep, Period>(static_cast<Rep>(*v));
            else wrong_type(key, "a whole number >= 0");
        }
    }
    void read(std::string_view key, std::vector<std::string>& out) {
        auto* node = find(key);
        if (!node) return;
        const auto* array = node->as_array();
        if (!array) return wrong_type(key, "an array of strings");
        out.clear();
        for (const auto& item : *array) {
            if (auto v = item.value<std::string>()) out.push_back(*v);
            else return wrong_type(key, "an array of strings");
        }
    }
    /// The sub-table `key`, or nullptr (a problem is recorded if it is not a table).
    const toml::table* table(std::string_view key) {
        auto* node = find(key);
        if (!node) return nullptr;
        if (!node->is_table()) wrong_type(key, "a table");
        return node->as_table();
    }
    const toml::array* array_of_tables(std::string_view key) {
        auto* node = find(key);
        if (!node) return nullptr;
        // `sources = []` (as `thinkdex config --show` writes no sources) is no table, and fine.
        const bool empty = node->is_array() && node->as_array()->empty();
        if (!node->is_array_of_tables() && !empty) wrong_type(key, "an array of tables ([[...]])");
        return node->is_array_of_tables() ? node->as_array() : nullptr;
    }
    std::string name(std::string_view key) const {
        return section_.empty() ? std::string(key) : section_ + "." + std::string(key);
    }
    ReadContext& context() { return context_; }

  private:
    const toml::node* find(std::string_view key) {
        known_.insert(std::string(key));
        const toml::node* node = table_.get(key);
        if (node) context_.origins[name(key)] = context_.at(*node);
        return node;
    }
    void wrong_type(std::string_view key, const char* expected) {
        const auto* node = table_.get(key);
        // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
        std::string problem = context_.at(*node);
        problem += ": '";
        problem += name(key);
        problem += "' must be ";
        problem += expected;
        context_.problems.push_back(std::move(problem));
    }

    const toml::table& table_;
    std::string section_;
    ReadContext& context_;
    std::set<std::string> known_;
};

void read_crawl(const toml::table& table, CrawlConfig& crawl, ReadContext& context) {
    TableReader r(table, "crawl", context);
    r.read("user_agent", crawl.user_agent);
    r.read("contact_url", crawl.contact_url);
    r.read("scope", crawl.scope);
    r.read("max_pages", crawl.max_pages);
    r.read("max_depth", crawl.max_depth);
    r.read("delay_ms", crawl.delay);
    r.read("max_crawl_delay_ms", crawl.max_crawl_delay);
    r.read("connect_timeout_s", crawl.connect_timeout);
    r.read("timeout_s", crawl.timeout);
    r.read("first_byte_timeout_s", crawl.first_byte_timeout);
    r.read("revisit_min_hours", crawl.revisit_min);
    r.read("revisit_max_hours", crawl.revisit_max);
    r.read("max_body_bytes", crawl.max_body_bytes);
    r.read("max_redirects", crawl.max_redirects);
    r.read("obey_robots", crawl.obey_robots);
    r.read("follow_nofollow", crawl.follow_nofollow);
    r.read("max_pdf_bytes", crawl.max_pdf_bytes);
    r.read("pdf_other_hosts", crawl.pdf_other_hosts);
    if (const auto* sources = r.array_of_tables("sources")) {
        std::size_t i = 0;
        for (const auto& node : *sources) {
            Source source;
            TableReader s(*node.as_table(), "crawl.sources[" + std::to_string(i++) + "]",
                          context);
            s.read("name", source.name);
            s.read("seed", source.seed);
            s.read("feeds", source.feeds);
            s.read("sitemaps", source.sitemaps);
            crawl.sources.push_back(std::move(source));
        }
    }
}

void read_synonyms(const toml::table& synonyms, SearchConfig& search, ReadContext& context) {
    for (const auto& [key, node] : synonyms) {
        std::vector<std::string> group{std::string(key.str())};
        context.origins["search.synonyms." + group.front()] = context.at(node);
        const auto* members = node.as_array();
        bool ok = members != nullptr;
        if (ok)
            for (const auto& member : *members) {
                if (auto v = member.value<std::string>()) group.push_back(*v);
                else ok = false;
            }
        if (!ok)
            context.problems.push_back(context.at(node) + ": 'search.synonyms." +
                                       std::string(key.str()) + "' must be an array of strings");
        else search.synonyms.push_back(std::move(group));
    }
}

void read_root(const toml::table& root, Config& config, ReadContext& context) {
    TableReader r(root, "", context);
    std::string data_dir = config.data_dir.string();
    r.read("data_dir", data_dir);
    config.data_dir = data_dir;
    if (const auto* t = r.table("crawl")) read_crawl(*t, config.crawl, context);
    if (const auto* t = r.table("index")) {
        TableReader s(*t, "index", context);
        s.read("language", config.index.language);
        s.read("threads", config.index.threads);
        s.read("shards", config.index.shards);
        s.read("shard_timeout_ms", config.index.shard_timeout);
        s.read("spelling", config.index.spelling);
    }
    if (const auto* t = r.table("search")) {
        TableReader s(*t, "search", context);
        s.read("limit", config.search.limit);
        s.read("facet_limit", config.search.facet_limit);
        s.read("recency_half_life_days", config.search.recency_half_life_days);
        s.read("ranking", config.search.ranking);
        if (const auto* synonyms = s.table("synonyms")) {
            read_synonyms(*synonyms, config.search, context);
        }
    }
    if (const auto* t = r.table("cgi")) {
        TableReader s(*t, "cgi", context);
        s.read("stylesheet", config.cgi.stylesheet);
        s.read("base_url", config.cgi.base_url);
    }
    if (const auto* t = r.table("log")) {
        TableReader s(*t, "log", context);
        s.read("level", config.log.level);
        s.read("file", config.log.file);
    }
}

/// Reads `path` over `config`. A file with problems is refused as a whole, listing its type
/// errors and unknown keys together with the value problems of what could be read, so that
/// fixing one kind never reveals another.
void read_file(const std::filesystem::path& path, Config& config) {
    if (!std::filesystem::exists(path)) {
        throw ConfigError("cannot read config '" + path.string() + "': no such file");
    }
    toml::table root;
    try {
        root = toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << "cannot read config '" << path.string() << "': line " << e.source().begin.line
            << ", column " << e.source().begin.column << ": " << e.description();
        throw ConfigError(msg.str());
    }
    config.file = path;
    std::vector<std::string> problems;
    ReadContext context{path.string(), problems, config.origins};
    read_root(root, config, context);
    for (auto& problem : config.problems()) problems.push_back(std::move(problem));
    // In file order, as a compiler lists its errors; unlocated ones last.
    const std::string prefix = path.string() + ":";
    auto line_of = [&](const std::string& problem) {
        if (!problem.starts_with(prefix)) return std::numeric_limits<long>::max();
        return std::strtol(problem.c_str() + prefix.size(), nullptr, 10);
    };
    std::stable_sort(problems.begin(), problems.end(),
                     [&](const auto& a, const auto& b) { return line_of(a) < line_of(b); });
    if (!problems.empty()) {
        std::string msg = "config '" + path.string() + "' has " +
                          std::to_string(problems.size()) + " problem(s):";
        for (const auto& p : problems) msg += "\n  " + p;
        throw ConfigError(msg);
    }
}

bool is_http_url(const std::string& url) {
    return url.starts_with("http://") || url.starts_with("https://");
}

/// A control character (CR and LF above all) would end a header line: in the User-Agent it
/// lets a config inject request headers, in the stylesheet response headers.
bool has_control(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

/// The stylesheet URL is escaped in the page, but its origin goes into the CGI's
/// Content-Security-Policy header as is: a ';' there would start a directive of its own, a
/// space or quote add sources, and a line break anywhere a header.
bool safe_stylesheet(const std::string& css) {
    if (css.empty()) return true;
    if (has_control(css)) return false;
    if (css.starts_with("/")) return true;
    if (!is_http_url(css)) return false;
    const std::size_t start = css.find("//") + 2;
    const std::string_view host =
        std::string_view(css).substr(start, css.find_first_of("/?#", start) - start);
    return !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    });
}

/// The value and the accepted range of every numeric key, checked in one place whichever
/// layer set it. The bounds are generous but finite: far past them a value is a typo, and
/// values near 2^63 overflow when added to a clock (a delay of 2^63-1 ms became no delay).
struct NumberCheck {
    const char* key;
    long long value;
    long long min, max;
};

std::vector<NumberCheck> number_checks(const Config& c) {
    auto n = [](auto v) { return static_cast<long long>(v); };
    const CrawlConfig& k = c.crawl;
    return {
        {"crawl.max_pages", n(k.max_pages), 0, 100'000'000},
        {"crawl.max_depth", n(k.max_depth), 0, 1000},
        {"crawl.delay_ms", n(k.delay.count()), 0, 3'600'000},
        {"crawl.max_crawl_delay_ms", n(k.max_crawl_delay.count()), 0, 3'600'000},
        {"crawl.connect_timeout_s", n(k.connect_timeout.count()), 1, 3600},
        {"crawl.timeout_s", n(k.timeout.count()), 1, 86'400},
        {"crawl.first_byte_timeout_s", n(k.first_byte_timeout.count()), 1, 3600},
        {"crawl.revisit_min_hours", n(k.revisit_min.count()), 0, 87'600},
        {"crawl.revisit_max_hours", n(k.revisit_max.count()), 0, 87'600},
        {"crawl.max_body_bytes", n(k.max_body_bytes), 1024, 1LL << 30},
        {"crawl.max_pdf_bytes", n(k.max_pdf_bytes), 1024, 1LL << 30},
        {"crawl.max_redirects", n(k.max_redirects), 0, 50},
        {"index.threads", n(c.index.threads), 0, 256},
        {"index.shard_timeout_ms", n(c.index.shard_timeout.count()), 100, 600'000},
        {"search.limit", n(c.search.limit), 1, n(kMaxPageSize)},
        {"search.facet_limit", n(c.search.facet_limit), 1, 1000},
        {"search.recency_half_life_days", n(c.search.recency_half_life_days), 1, 36'500},
    };
}

void check_urls(const Config& c, const std::function<void(const std::string&, std::string)>& bad) {
    const CrawlConfig& k = c.crawl;
    if (!k.user_agent.starts_with("thinkdex")) {
        bad("crawl.user_agent", "crawl.user_agent must start with the product token 'thinkdex' "
                                "(got '" + k.user_agent + "')");
    }
    if (has_control(k.user_agent)) {
        bad("crawl.user_agent", "crawl.user_agent must not contain line breaks or other control "
                                "characters");
    }
    if (!is_http_url(k.contact_url) || has_control(k.contact_url)) {
        bad("crawl.contact_url", "crawl.contact_url must be an http(s) URL without line breaks "
                                 "or other control characters (got '" + k.contact_url + "')");
    }
    for (std::size_t i = 0; i < k.sources.size(); ++i) {
        const Source& source = k.sources[i];
        const std::string at = "crawl.sources[" + std::to_string(i) + "].";
        if (!is_http_url(source.seed) || has_control(source.seed)) {
            bad(at + "seed", "seed must be an absolute http(s) URL (got '" + source.seed + "')");
        }
        for (const auto& url : source.feeds) {
            if (!is_http_url(url) || has_control(url))
                bad(at + "feeds", "feed must be an http(s) URL (got '" + url + "')");
        }
        for (const auto& url : source.sitemaps) {
            if (!is_http_url(url) || has_control(url))
                bad(at + "sitemaps", "sitemap must be an http(s) URL (got '" + url + "')");
        }
    }
    if (!safe_stylesheet(c.cgi.stylesheet)) {
        bad("cgi.stylesheet", "cgi.stylesheet must be a path starting with / or an http(s) URL "
                              "with a plain host[:port], without line breaks or other control "
                              "characters (got '" + c.cgi.stylesheet + "')");
    }
    if (!c.cgi.base_url.empty() && (!is_http_url(c.cgi.base_url) || has_control(c.cgi.base_url) ||
                                    c.cgi.base_url.find(' ') != std::string::npos)) {
        bad("cgi.base_url",
            "cgi.base_url must be an http(s) URL without spaces (got '" + c.cgi.base_url + "')");
    }
}

}  // namespace

std::vector<std::string> Config::problems() const {
    std::vector<std::string> out;
    // Each problem is prefixed with where its key was set ("thinkdex.toml:12: "), if in a file.
    auto bad = [&](const std::string& key, std::string message) {
        auto origin = origins.find(key);
        out.push_back(origin == origins.end() ? std::move(message)
                                              : origin->second + ": " + message);
    };
    if (data_dir.empty()) bad("data_dir", "data_dir must not be empty");
    const std::set<std::string> scopes{"host", "domain", "prefix"};
    if (!scopes.contains(crawl.scope)) {
        bad("crawl.scope",
            "crawl.scope must be one of host, domain, prefix (got '" + crawl.scope + "')");
    }
    check_urls(*this, bad);
    for (const auto& check : number_checks(*this)) {
        if (check.value < check.min || check.value > check.max) {
            bad(check.key, std::string(check.key) + " must be between " +
                               std::to_string(check.min) + " and " + std::to_string(check.max) +
                               " (got " + std::to_string(check.value) + ")");
        }
    }
    if (crawl.revisit_max < crawl.revisit_min) {
        bad("crawl.revisit_max_hours",
            "crawl.revisit_max_hours must not be below crawl.revisit_min_hours");
    }
    for (const auto& group : search.synonyms) {
        for (const auto& member : group) {
            if (member.find_first_not_of(" \t") == std::string::npos) {
                bad("search.synonyms." + group.front(),
                    "search.synonyms: '" + group.front() + "' has an empty member");
                break;
            }
        }
    }
    for (const auto& shard : index.shards) {
        std::string why;
        if (!parse_shard_address(shard, why)) bad("index.shards", "index.shards: " + why);
    }
    if (search.ranking != "default" && search.ranking != "plain") {
        bad("search.ranking",
            "search.ranking must be default or plain (got '" + search.ranking + "')");
    }
    const std::set<std::string> levels{"trace", "debug", "info", "warn", "error", "off"};
    if (!levels.contains(log.level)) {
        bad("log.level", "log.level must be one of trace, debug, info, warn, error, off (got '" +
                             log.level + "')");
    }
    return out;
}

Config load_config(const std::optional<std::filesystem::path>& path) {
    Config config;
    if (path) read_file(*path, config);
    // A value from the environment is no longer where the file set it.
    if (const char* env = std::getenv("THINKDEX_DATA_DIR"); env && *env) {
        config.data_dir = env;
        config.origins["data_dir"] = "$THINKDEX_DATA_DIR";
    }
    if (const char* env = std::getenv("THINKDEX_LOG_LEVEL"); env && *env) {
        config.log.level = env;
        config.origins["log.level"] = "$THINKDEX_LOG_LEVEL";
    }
    // The benchmarks' switch to the plain baseline (scripts/bench_ranking.sh).
    if (const char* env = std::getenv("THINKDEX_RANKING"); env && *env) {
        config.search.ranking = env;
        config.origins["search.ranking"] = "$THINKDEX_RANKING";
    }
    return config;
}

void validate(const Config& config) {
    auto problems = config.problems();
    if (problems.empty()) return;
    std::string msg = "invalid configuration (" + std::to_string(problems.size()) + " problem(s)):";
    for (const auto& p : problems) msg += "\n  " + p;
    throw ConfigError(msg);
}

}  // namespace thinkdex
