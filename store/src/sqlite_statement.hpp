#pragma once
// A prepared SQLite statement that finalises itself, for the crawl store.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "thinkdex/common/error.hpp"

namespace thinkdex::store {

// A prepared statement that finalises itself; binds by 1-based index.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql, const std::filesystem::path& path) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
            throw Fatal("crawl store '" + path.string() + "': cannot prepare statement: " +
                        sqlite3_errmsg(db));
        }
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& text) {
        sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind_blob(int i, const std::string& bytes) {
        sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, std::int64_t value) {
        sqlite3_bind_int64(stmt_, i, value);
        return *this;
    }
    Statement& bind_null(int i) {
        sqlite3_bind_null(stmt_, i);
        return *this;
    }
    /// True when a row is available; false when done. Throws on error.
    bool step(const std::filesystem::path& path) {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw Fatal("crawl store '" + path.string() + "': " + sqlite3_errmsg(db_));
    }
    /// Makes the statement ready to be bound and stepped again.
    void reset() { sqlite3_reset(stmt_); }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::string text(int col) const {
        const void* data = sqlite3_column_blob(stmt_, col);
        int size = sqlite3_column_bytes(stmt_, col);
        return data ? std::string(static_cast<const char*>(data), static_cast<std::size_t>(size))
                    : std::string();
    }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace thinkdex::store
