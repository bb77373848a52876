#include "thinkdex/common/config.hpp"

#include <cstdlib>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "thinkdex/common/error.hpp"

namespace thinkdex {

std::string CrawlConfig::user_agent_header() const {
    return user_agent + " (+" + contact_url + ")";
}

namespace {

// Reads one TOML table into a config section, recording every problem instead of stopping at
// the first, so that the user sees them all at once.
class TableReader {
  public:
    TableReader(const toml::table& table, std::string section, std::vector<std::string>& problems)
        : table_(table), section_(std::move(section)), problems_(problems) {}

    ~TableReader() {
        for (const auto& [key, node] : table_) {
            if (!known_.contains(std::string(key.str()))) {
                problems_.push_back("unknown key '" + name(key.str()) + "' (line " +
                                    std::to_string(node.source().begin.line) + ")");
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
        std::size_t count = static_cast<std::size_t>(out.count());
        read(key, count);
        out = std::chrono::duration<Rep, Period>(static_cast<Rep>(count));
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
        if (!node->is_array_of_tables()) wrong_type(key, "an array of tables ([[...]])");
        return node->is_array_of_tables() ? node->as_array() : nullptr;
    }
    std::string name(std::string_view key) const {
        return section_.empty() ? std::string(key) : section_ + "." + std::string(key);
    }

  private:
    const toml::node* find(std::string_view key) {
        known_.insert(std::string(key));
        return table_.get(key);
    }
    void wrong_type(std::string_view key, const char* expected) {
        const auto* node = table_.get(key);
        // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
        std::string problem = "'";
        problem += name(key);
        problem += "' must be ";
        problem += expected;
        problem += " (line " + std::to_string(node->source().begin.line) + ")";
        problems_.push_back(std::move(problem));
    }

    const toml::table& table_;
    std::string section_;
    std::vector<std::string>& problems_;
    std::set<std::string> known_;
};

void read_crawl(const toml::table& table, CrawlConfig& crawl, std::vector<std::string>& problems) {
    TableReader r(table, "crawl", problems);
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
    if (const auto* sources = r.array_of_tables("sources")) {
        std::size_t i = 0;
        for (const auto& node : *sources) {
            Source source;
            TableReader s(*node.as_table(), "crawl.sources[" + std::to_string(i++) + "]",
                          problems);
            s.read("name", source.name);
            s.read("seed", source.seed);
            s.read("feeds", source.feeds);
            s.read("sitemaps", source.sitemaps);
            crawl.sources.push_back(std::move(source));
        }
    }
}

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

    std::vector<std::string> problems;
    {
        TableReader r(root, "", problems);
        std::string data_dir = config.data_dir.string();
        r.read("data_dir", data_dir);
        config.data_dir = data_dir;
        if (const auto* t = r.table("crawl")) read_crawl(*t, config.crawl, problems);
        if (const auto* t = r.table("index")) {
            TableReader s(*t, "index", problems);
            s.read("language", config.index.language);
        }
        if (const auto* t = r.table("search")) {
            TableReader s(*t, "search", problems);
            s.read("limit", config.search.limit);
            s.read("facet_limit", config.search.facet_limit);
            s.read("recency_half_life_days", config.search.recency_half_life_days);
            if (const auto* synonyms = s.table("synonyms")) {
                for (const auto& [key, node] : *synonyms) {
                    std::vector<std::string> group{std::string(key.str())};
                    const auto* members = node.as_array();
                    bool ok = members != nullptr;
                    if (ok)
                        for (const auto& member : *members) {
                            if (auto v = member.value<std::string>()) group.push_back(*v);
                            else ok = false;
                        }
                    if (!ok)
                        problems.push_back("'search.synonyms." + std::string(key.str()) +
                                           "' must be an array of strings (line " +
                                           std::to_string(node.source().begin.line) + ")");
                    else config.search.synonyms.push_back(std::move(group));
                }
            }
        }
        if (const auto* t = r.table("cgi")) {
            TableReader s(*t, "cgi", problems);
            s.read("stylesheet", config.cgi.stylesheet);
            s.read("base_url", config.cgi.base_url);
        }
        if (const auto* t = r.table("log")) {
            TableReader s(*t, "log", problems);
            s.read("level", config.log.level);
            s.read("file", config.log.file);
        }
    }
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

}  // namespace

std::vector<std::string> Config::problems() const {
    std::vector<std::string> out;
    if (data_dir.empty()) out.push_back("data_dir must not be empty");
    const std::set<std::string> scopes{"host", "domain", "prefix"};
    if (!scopes.contains(crawl.scope)) {
        out.push_back("crawl.scope must be one of host, domain, prefix (got '" + crawl.scope +
                      "')");
    }
    if (!crawl.user_agent.starts_with("thinkdex")) {
        out.push_back("crawl.user_agent must start with the product token 'thinkdex' (got '" +
                      crawl.user_agent + "')");
    }
    if (!is_http_url(crawl.contact_url)) {
        out.push_back("crawl.contact_url must be an http(s) URL (got '" + crawl.contact_url + "')");
    }
    for (const auto& source : crawl.sources) {
        if (!is_http_url(source.seed)) {
            out.push_back("seed must be an absolute http(s) URL (got '" + source.seed + "')");
        }
        for (const auto& url : source.feeds) {
            if (!is_http_url(url)) out.push_back("feed must be an http(s) URL (got '" + url + "')");
        }
        for (const auto& url : source.sitemaps) {
            if (!is_http_url(url)) {
                out.push_back("sitemap must be an http(s) URL (got '" + url + "')");
            }
        }
    }
    if (crawl.timeout.count() <= 0) out.push_back("crawl.timeout_s must be at least 1");
    if (crawl.first_byte_timeout.count() <= 0) {
        out.push_back("crawl.first_byte_timeout_s must be at least 1");
    }
    if (crawl.revisit_max < crawl.revisit_min) {
        out.push_back("crawl.revisit_max_hours must not be below crawl.revisit_min_hours");
    }
    if (crawl.connect_timeout.count() <= 0) {
        out.push_back("crawl.connect_timeout_s must be at least 1");
    }
    if (crawl.max_body_bytes < 1024) out.push_back("crawl.max_body_bytes must be at least 1024");
    if (!cgi.stylesheet.empty() && !cgi.stylesheet.starts_with("/") &&
        !is_http_url(cgi.stylesheet)) {
        out.push_back("cgi.stylesheet must be a path starting with / or an http(s) URL (got '" +
                      cgi.stylesheet + "')");
    }
    if (!cgi.base_url.empty() && (!is_http_url(cgi.base_url) ||
                                  cgi.base_url.find_first_of(" \t\r\n") != std::string::npos)) {
        out.push_back("cgi.base_url must be an http(s) URL without spaces (got '" +
                      cgi.base_url + "')");
    }
    if (search.limit == 0 || search.limit > 1000) {
        out.push_back("search.limit must be between 1 and 1000");
    }
    if (search.recency_half_life_days == 0) {
        out.push_back("search.recency_half_life_days must be at least 1");
    }
    for (const auto& group : search.synonyms) {
        for (const auto& member : group) {
            if (member.find_first_not_of(" \t") == std::string::npos) {
                out.push_back("search.synonyms: '" + group.front() + "' has an empty member");
                break;
            }
        }
    }
    const std::set<std::string> levels{"trace", "debug", "info", "warn", "error", "off"};
    if (!levels.contains(log.level)) {
        out.push_back("log.level must be one of trace, debug, info, warn, error, off (got '" +
                      log.level + "')");
    }
    return out;
}

std::optional<std::filesystem::path> default_config_path() {
    if (const char* env = std::getenv("THINKDEX_CONFIG"); env && *env) return env;
    std::filesystem::path local = "config/thinkdex.toml";
    if (std::filesystem::exists(local)) return local;
    return std::nullopt;
}

Config load_config(const std::optional<std::filesystem::path>& path) {
    Config config;
    if (path) read_file(*path, config);
    if (const char* env = std::getenv("THINKDEX_DATA_DIR"); env && *env) config.data_dir = env;
    if (const char* env = std::getenv("THINKDEX_LOG_LEVEL"); env && *env) config.log.level = env;
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
