#include "thinkdex/store/crawl_store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

#include "crawl_store_schema.hpp"
#include "sqlite_statement.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex::store {

namespace {

constexpr int kQueued = 0;
constexpr int kInProgress = 1;
constexpr int kDone = 2;

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The columns read_page() reads, in its order: version 1's, then those kMigrations added to
// `pages`, in kMigrations' order.
constexpr const char* kPageColumns =
    "url, final_url, status, headers, content_type, body, fetched_at, etag, last_modified, "
    "content_hash, gone, seq";

Page read_page(const Statement& s) {
    Page p;
    p.url = s.text(0);
    p.final_url = s.text(1);
    p.status = static_cast<long>(s.integer(2));
    p.headers = s.text(3);
    p.content_type = s.text(4);
    p.body = s.text(5);
    p.fetched_at = s.integer(6);
    p.etag = s.text(7);
    p.last_modified = s.text(8);
    p.content_hash = s.text(9);
    p.gone = s.integer(10) != 0;
    p.seq = s.integer(11);
    p.revisit_interval = s.integer(12);
    p.next_visit = s.integer(13);
    if (!s.is_null(14)) p.request_url = s.text(14);
    return p;
}

}  // namespace

struct CrawlStore::Impl {
    sqlite3* db = nullptr;
    std::filesystem::path path;
    // False only on a read-only handle on a store from before version 3, which has no
    // pdf_links table; checked once at open, as a writable handle creates the table.
    bool has_pdf_links = true;
    // What read_page() selects: kPageColumns and the columns kMigrations added to `pages`,
    // with the values of those a read-only handle on an unmigrated store lacks.
    std::string page_columns;

    ~Impl() { sqlite3_close(db); }

    void exec(const char* sql) {
        char* message = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
            std::string text = message ? message : sqlite3_errmsg(db);
            sqlite3_free(message);
            throw Fatal("crawl store '" + path.string() + "': " + text);
        }
    }

    // Runs `body` in one write transaction: committed before returning, rolled back if it
    // throws. BEGIN IMMEDIATE takes the write lock up front so that a concurrent reader
    // (`thinkdex status`) never makes us fail half-way.
    template <typename F>
    auto transaction(F&& body) {
        exec("BEGIN IMMEDIATE");
        try {
            if constexpr (std::is_void_v<decltype(body())>) {
                body();
                exec("COMMIT");
            } else {
                auto result = body();
                exec("COMMIT");
                return result;
            }
        } catch (...) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }

    Statement prepare(const char* sql) { return Statement(db, sql, path); }

    bool has_table(const std::string& name) {
        Statement t = prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
        t.bind(1, name).step(path);
        return t.integer(0) != 0;
    }

    bool has_column(const char* table, const char* column) {
        Statement s = prepare("SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?");
        s.bind(1, std::string(table)).bind(2, std::string(column)).step(path);
        return s.integer(0) != 0;
    }

    // Adds the columns an older store lacks; each ALTER is its own committed statement, and
    // one that is done is never repeated.
    void migrate() {
        for (const auto& [table, column, sql, absent] : kMigrations) {
            if (!has_column(table, column)) exec(sql);
        }
        exec("DROP INDEX IF EXISTS frontier_by_state");  // version 1's FIFO order
        exec(kOutboxSchema);
        exec("UPDATE meta SET value = 5 WHERE key = 'schema_version' AND value < 5");
    }

    std::int64_t next_seq() {
        prepare("UPDATE meta SET value = value + 1 WHERE key = 'seq'").step(path);
        Statement s = prepare("SELECT value FROM meta WHERE key = 'seq'");
        s.step(path);
        return s.integer(0);
    }
};

CrawlStore::CrawlStore(const std::filesystem::path& path, bool read_only)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    auto fail = [&](const std::string& why) {
        throw Fatal("cannot open crawl store '" + path.string() + "': " + why);
    };
    if (read_only) {
        if (!std::filesystem::exists(path)) fail("no such file (run `thinkdex crawl` first)");
    } else if (path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) fail("cannot create directory '" + path.parent_path().string() + "': " + ec.message());
    }
    int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &impl_->db, flags, nullptr) != SQLITE_OK) {
        fail(impl_->db ? sqlite3_errmsg(impl_->db) : "out of memory");
    }
    sqlite3_busy_timeout(impl_->db, 5000);
    try {
        if (read_only) {
            // Fails here, with a clear message, on a file that is not a crawl store.
            impl_->prepare("SELECT value FROM meta WHERE key = 'seq'").step(path);
            impl_->has_pdf_links = impl_->has_table("pdf_links");
        } else {
            // WAL + synchronous=NORMAL: each commit survives a killed process (not a power cut,
            // which may lose the last commits but never corrupts the file); readers never
            // block the crawler.
            impl_->exec("PRAGMA journal_mode = WAL");
            impl_->exec("PRAGMA synchronous = NORMAL");
            impl_->exec(kSchema);
            impl_->migrate();
        }
        impl_->page_columns = kPageColumns;
        for (const auto& [table, column, sql, absent] : kMigrations) {
            if (std::string_view(table) != "pages") continue;
            // a writable handle has just added every column
            const bool has = !read_only || impl_->has_column(table, column);
            impl_->page_columns += std::string(", ") + (has ? column : absent);
        }
    } catch (const Fatal&) {
        fail(sqlite3_errmsg(impl_->db));
    }
}

CrawlStore::~CrawlStore() = default;
CrawlStore::CrawlStore(CrawlStore&&) noexcept = default;
CrawlStore& CrawlStore::operator=(CrawlStore&&) noexcept = default;

PutOutcome CrawlStore::put_page(Page page) {
    if (page.content_hash.empty()) page.content_hash = content_hash(page.body);
    return impl_->transaction([&] {
        Statement old = impl_->prepare("SELECT content_hash, gone, seq FROM pages WHERE url = ?");
        old.bind(1, page.url);
        PutOutcome outcome = PutOutcome::kNew;
        std::int64_t seq = 0;
        if (old.step(impl_->path)) {
            bool same = old.text(0) == page.content_hash && old.integer(1) == 0;
            outcome = same ? PutOutcome::kUnchanged : PutOutcome::kChanged;
            seq = old.integer(2);
        }
        if (outcome != PutOutcome::kUnchanged) seq = impl_->next_seq();
        Statement put = impl_->prepare(
            "INSERT OR REPLACE INTO pages (url, final_url, status, headers, content_type, body, "
            "fetched_at, etag, last_modified, content_hash, gone, seq, revisit_interval, "
            "next_visit, request_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)");
        put.bind(1, page.url)
            .bind(2, page.final_url.empty() ? page.url : page.final_url)
            .bind(3, static_cast<std::int64_t>(page.status))
            .bind(4, page.headers)
            .bind(5, page.content_type)
            .bind_blob(6, page.body)
            .bind(7, page.fetched_at)
            .bind(8, page.etag)
            .bind(9, page.last_modified)
            .bind(10, page.content_hash)
            .bind(11, seq)
            .bind(12, page.revisit_interval)
            .bind(13, page.next_visit);
        // NULL when it is the key itself, as in the frontier.
        if (page.request_url.empty() || page.request_url == page.url) put.bind_null(14);
        else put.bind(14, page.request_url);
        put.step(impl_->path);
        return outcome;
    });
}

void CrawlStore::mark_unchanged(const std::string& url, std::int64_t fetched_at) {
    impl_->transaction([&] {
        Statement s = impl_->prepare("UPDATE pages SET fetched_at = ? WHERE url = ?");
        s.bind(1, fetched_at).bind(2, url).step(impl_->path);
    });
}

void CrawlStore::reschedule(const std::string& url, std::int64_t revisit_interval,
                            std::int64_t next_visit) {
    Statement s =
        impl_->prepare("UPDATE pages SET revisit_interval = ?, next_visit = ? WHERE url = ?");
    s.bind(1, revisit_interval).bind(2, next_visit).bind(3, url).step(impl_->path);
}

void CrawlStore::mark_gone(const std::string& url, std::int64_t fetched_at) {
    impl_->transaction([&] {
        Statement old = impl_->prepare("SELECT gone FROM pages WHERE url = ?");
        old.bind(1, url);
        if (!old.step(impl_->path)) return;
        if (old.integer(0) != 0) {
            // Already gone: the index has been told; only the fetch time moves.
            Statement s = impl_->prepare("UPDATE pages SET fetched_at = ? WHERE url = ?");
            s.bind(1, fetched_at).bind(2, url).step(impl_->path);
            return;
        }
        std::int64_t seq = impl_->next_seq();
        Statement s =
            impl_->prepare("UPDATE pages SET gone = 1, fetched_at = ?, seq = ? WHERE url = ?");
        s.bind(1, fetched_at).bind(2, seq).bind(3, url).step(impl_->path);
    });
}

std::optional<Page> CrawlStore::get_page(const std::string& url) const {
    std::string sql = "SELECT " + impl_->page_columns + " FROM pages WHERE url = ?";
    Statement s = impl_->prepare(sql.c_str());
    s.bind(1, url);
    if (!s.step(impl_->path)) return std::nullopt;
    return read_page(s);
}

std::optional<PageState> CrawlStore::page_state(const std::string& url) const {
    Statement s = impl_->prepare(
        "SELECT etag, last_modified, content_hash, fetched_at, gone, revisit_interval, "
        "next_visit FROM pages WHERE url = ?");
    s.bind(1, url);
    if (!s.step(impl_->path)) return std::nullopt;
    PageState p;
    p.etag = s.text(0);
    p.last_modified = s.text(1);
    p.content_hash = s.text(2);
    p.fetched_at = s.integer(3);
    p.gone = s.integer(4) != 0;
    p.revisit_interval = s.integer(5);
    p.next_visit = s.integer(6);
    return p;
}

void CrawlStore::for_each_changed(std::int64_t after_seq,
                                  const std::function<void(const Page&)>& visit) const {
    // Stepping one statement reads one row (and one body) at a time, in seq order.
    std::string sql =
        "SELECT " + impl_->page_columns + " FROM pages WHERE seq > ? ORDER BY seq";
    Statement s = impl_->prepare(sql.c_str());
    s.bind(1, after_seq);
    while (s.step(impl_->path)) visit(read_page(s));
}

bool CrawlStore::enqueue(const std::string& url, int depth) {
    Statement s =
        impl_->prepare("INSERT OR IGNORE INTO frontier (url, depth, state) VALUES (?, ?, 0)");
    s.bind(1, url).bind(2, static_cast<std::int64_t>(depth)).step(impl_->path);
    return sqlite3_changes(impl_->db) == 1;
}

std::size_t CrawlStore::enqueue(const std::vector<std::string>& urls, int depth) {
    std::vector<FrontierEntry> entries;
    entries.reserve(urls.size());
    for (const auto& url : urls) entries.push_back({url, depth, {}});
    return enqueue(entries);
}

std::size_t CrawlStore::enqueue(const std::vector<FrontierEntry>& entries) {
    if (entries.empty()) return 0;
    return impl_->transaction([&] {
        Statement s = impl_->prepare(
            "INSERT OR IGNORE INTO frontier (url, depth, state, request_url) VALUES (?, ?, 0, ?)");
        std::size_t added = 0;
        for (const auto& e : entries) {
            s.bind(1, e.url).bind(2, static_cast<std::int64_t>(e.depth));
            // NULL when it is the key itself, which is most URLs.
            if (e.request_url.empty() || e.request_url == e.url) s.bind_null(3);
            else s.bind(3, e.request_url);
            s.step(impl_->path);
            added += static_cast<std::size_t>(sqlite3_changes(impl_->db));
            s.reset();
        }
        return added;
    });
}

std::vector<FrontierEntry> CrawlStore::next_batch(std::size_t n) {
    return impl_->transaction([&] {
        std::vector<FrontierEntry> batch;
        Statement s = impl_->prepare(
            "SELECT id, url, depth, request_url FROM frontier WHERE state = ? "
            "ORDER BY depth, id LIMIT ?");
        s.bind(1, static_cast<std::int64_t>(kQueued)).bind(2, static_cast<std::int64_t>(n));
        std::vector<std::int64_t> ids;
        while (s.step(impl_->path)) {
            ids.push_back(s.integer(0));
            batch.push_back({s.text(1), static_cast<int>(s.integer(2)),
                             s.is_null(3) ? s.text(1) : s.text(3)});
        }
        Statement mark = impl_->prepare("UPDATE frontier SET state = ? WHERE id = ?");
        for (std::int64_t id : ids) {
            mark.bind(1, static_cast<std::int64_t>(kInProgress)).bind(2, id).step(impl_->path);
            mark.reset();
        }
        return batch;
    });
}

void CrawlStore::finish(const std::string& url) {
    Statement s = impl_->prepare("UPDATE frontier SET state = ? WHERE url = ?");
    s.bind(1, static_cast<std::int64_t>(kDone)).bind(2, url).step(impl_->path);
}

std::size_t CrawlStore::enqueue_unvisited_pages(int depth, std::int64_t due_by) {
    Statement s = impl_->prepare(
        "INSERT OR IGNORE INTO frontier (url, depth, state, request_url) "
        "SELECT url, ?, 0, request_url FROM pages WHERE gone = 0 AND next_visit <= ? "
        "ORDER BY fetched_at");
    s.bind(1, static_cast<std::int64_t>(depth)).bind(2, due_by).step(impl_->path);
    return static_cast<std::size_t>(sqlite3_changes(impl_->db));
}

bool CrawlStore::begin_crawl() {
    return impl_->transaction([&] {
        Statement last = impl_->prepare("SELECT id, finished FROM crawls ORDER BY id DESC LIMIT 1");
        if (last.step(impl_->path) && last.is_null(1)) {
            Statement s = impl_->prepare("UPDATE frontier SET state = ? WHERE state = ?");
            s.bind(1, static_cast<std::int64_t>(kQueued))
                .bind(2, static_cast<std::int64_t>(kInProgress))
                .step(impl_->path);
            return true;
        }
        // URLs a page limit left unfetched stay queued for this crawl; the others may be
        // visited again.
        Statement done = impl_->prepare("DELETE FROM frontier WHERE state = ?");
        done.bind(1, static_cast<std::int64_t>(kDone)).step(impl_->path);
        Statement requeue = impl_->prepare("UPDATE frontier SET state = ? WHERE state = ?");
        requeue.bind(1, static_cast<std::int64_t>(kQueued))
            .bind(2, static_cast<std::int64_t>(kInProgress))
            .step(impl_->path);
        Statement s = impl_->prepare("INSERT INTO crawls (started) VALUES (?)");
        s.bind(1, unix_now()).step(impl_->path);
        return false;
    });
}

void CrawlStore::end_crawl() {
    Statement s = impl_->prepare(
        "UPDATE crawls SET finished = ? WHERE id = (SELECT MAX(id) FROM crawls) "
        "AND finished IS NULL");
    s.bind(1, unix_now()).step(impl_->path);
}

void CrawlStore::put_robots(const std::string& origin, const RobotsEntry& entry) {
    Statement s = impl_->prepare(
        "INSERT OR REPLACE INTO robots (origin, status, body, fetched_at) VALUES (?, ?, ?, ?)");
    s.bind(1, origin)
        .bind(2, static_cast<std::int64_t>(entry.status))
        .bind_blob(3, entry.body)
        .bind(4, entry.fetched_at)
        .step(impl_->path);
}

std::optional<RobotsEntry> CrawlStore::get_robots(const std::string& origin) const {
    Statement s = impl_->prepare("SELECT status, body, fetched_at FROM robots WHERE origin = ?");
    s.bind(1, origin);
    if (!s.step(impl_->path)) return std::nullopt;
    return RobotsEntry{static_cast<long>(s.integer(0)), s.text(1), s.integer(2)};
}

StoreCounts CrawlStore::counts() const {
    StoreCounts c;
    {
        // A read-only handle on a version-1 store (not migrated yet) has no schedule: all due.
        Statement has = impl_->prepare(
            "SELECT COUNT(*) FROM pragma_table_info('pages') WHERE name = 'next_visit'");
        has.step(impl_->path);
        Statement s = impl_->prepare(
            has.integer(0) != 0 ? "SELECT COALESCE(SUM(gone = 0), 0), COALESCE(SUM(gone != 0), 0), "
                                  "COALESCE(SUM(gone = 0 AND next_visit <= ?), 0) FROM pages"
                                : "SELECT COALESCE(SUM(gone = 0), 0), COALESCE(SUM(gone != 0), 0), "
                                  "COALESCE(SUM(gone = 0), 0) + 0 * ? FROM pages");
        s.bind(1, unix_now()).step(impl_->path);
        c.pages = s.integer(0);
        c.gone = s.integer(1);
        c.due = s.integer(2);
    }
    {
        // A read-only handle on a store from before the robots table has none.
        if (impl_->has_table("robots")) {
            Statement s = impl_->prepare("SELECT COUNT(*) FROM robots");
            s.step(impl_->path);
            c.robots_cached = s.integer(0);
        }
    }
    {
        Statement s = impl_->prepare("SELECT COUNT(*) FROM frontier WHERE state != ?");
        s.bind(1, static_cast<std::int64_t>(kDone)).step(impl_->path);
        c.queued = s.integer(0);
    }
    {
        Statement s = impl_->prepare("SELECT value FROM meta WHERE key = 'seq'");
        if (s.step(impl_->path)) c.last_seq = s.integer(0);
    }
    {
        Statement s =
            impl_->prepare("SELECT started, finished FROM crawls ORDER BY id DESC LIMIT 1");
        if (s.step(impl_->path)) {
            c.last_crawl_started = s.integer(0);
            if (!s.is_null(1)) c.last_crawl_finished = s.integer(1);
        }
    }
    return c;
}

std::int64_t CrawlStore::queued() const {
    Statement s = impl_->prepare("SELECT COUNT(*) FROM frontier WHERE state != ?");
    s.bind(1, static_cast<std::int64_t>(kDone)).step(impl_->path);
    return s.integer(0);
}

void CrawlStore::set_pdf_links(const std::string& landing_url,
                               const std::vector<std::string>& pdf_urls) {
    impl_->transaction([&] {
        Statement drop = impl_->prepare("DELETE FROM pdf_links WHERE landing_url = ?");
        drop.bind(1, landing_url).step(impl_->path);
        for (const auto& pdf : pdf_urls) {
            Statement add = impl_->prepare(
                "INSERT OR IGNORE INTO pdf_links (landing_url, pdf_url) VALUES (?, ?)");
            add.bind(1, landing_url).bind(2, pdf).step(impl_->path);
        }
    });
}

std::vector<std::string> CrawlStore::pdf_links(const std::string& url, bool of_landing) const {
    std::vector<std::string> out;
    if (!impl_->has_pdf_links) return out;
    Statement s = impl_->prepare(
        of_landing ? "SELECT pdf_url FROM pdf_links WHERE landing_url = ? ORDER BY rowid"
                   : "SELECT landing_url FROM pdf_links WHERE pdf_url = ? ORDER BY landing_url");
    s.bind(1, url);
    while (s.step(impl_->path)) out.push_back(s.text(0));
    return out;
}

std::vector<std::string> CrawlStore::pdfs_of(const std::string& landing_url) const {
    return pdf_links(landing_url, true);
}

std::vector<std::string> CrawlStore::landings_of(const std::string& pdf_url) const {
    return pdf_links(pdf_url, false);
}

std::optional<ShardPart> CrawlStore::partition() const {
    Statement s = impl_->prepare(
        "SELECT MAX(CASE key WHEN 'partition_index' THEN value END), "
        "MAX(CASE key WHEN 'partition_count' THEN value END) FROM meta");
    s.step(impl_->path);
    if (s.is_null(0) || s.is_null(1)) return std::nullopt;
    return ShardPart{static_cast<unsigned>(s.integer(0)), static_cast<unsigned>(s.integer(1))};
}

void CrawlStore::set_partition(ShardPart part) {
    impl_->transaction([&] {
        Statement s = impl_->prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        for (const auto& [key, value] : {std::pair{"partition_index", part.index},
                                         std::pair{"partition_count", part.count}}) {
            s.bind(1, std::string(key)).bind(2, std::int64_t{value}).step(impl_->path);
            s.reset();
        }
    });
}

std::size_t CrawlStore::hand_over(const std::vector<HandedOver>& links) {
    if (links.empty()) return 0;
    return impl_->transaction([&] {
        Statement s = impl_->prepare(
            "INSERT OR IGNORE INTO outbox (url, request_url, depth, partition) "
            "VALUES (?, ?, ?, ?)");
        std::size_t added = 0;
        for (const auto& link : links) {
            s.bind(1, link.entry.url)
                .bind(2, link.entry.request_url.empty() ? link.entry.url : link.entry.request_url)
                .bind(3, std::int64_t{link.entry.depth})
                .bind(4, std::int64_t{link.partition})
                .step(impl_->path);
            added += static_cast<std::size_t>(sqlite3_changes(impl_->db));
            s.reset();
        }
        return added;
    });
}

void CrawlStore::for_each_handed_over(const std::function<void(const HandedOver&)>& visit) const {
    Statement s = impl_->prepare(
        "SELECT url, request_url, depth, partition FROM outbox ORDER BY partition, url");
    while (s.step(impl_->path)) {
        visit(HandedOver{FrontierEntry{s.text(0), static_cast<int>(s.integer(2)), s.text(1)},
                         static_cast<unsigned>(s.integer(3))});
    }
}

std::filesystem::path CrawlStore::path() const { return impl_->path; }

std::string content_hash(const std::string& bytes) {
    // FNV-1a over the bytes, then over the length, so that inputs differing only by trailing
    // zero bytes still hash differently.
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](unsigned char c) {
        h ^= c;
        h *= 1099511628211ULL;
    };
    for (char c : bytes) mix(static_cast<unsigned char>(c));
    std::uint64_t n = bytes.size();
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>((n >> (8 * i)) & 0xff));
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

}  // namespace thinkdex::store
