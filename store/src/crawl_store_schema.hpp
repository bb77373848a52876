#pragma once
// The crawl store's SQLite schema, and the migrations that bring an older store up to it.

namespace thinkdex::store {

// Schema version 5. `meta` holds the change-sequence counter so that seq never goes backwards,
// even if the page holding the largest seq were deleted. Frontier states: 0 queued,
// 1 in progress, 2 done. Version 2 added the revisit schedule of pages (migrated in place by
// kMigrations) and the robots table; version 3 the pdf_links table (created by kSchema in an
// older store as well); version 4 the outbox (kOutboxSchema); version 5 the request URL of
// pages (migrated), so that a stored page re-checked is asked for as it was first linked.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('seq', 0), ('schema_version', 1);
CREATE TABLE IF NOT EXISTS pages (
    url           TEXT PRIMARY KEY,
    final_url     TEXT NOT NULL,
    status        INTEGER NOT NULL,
    headers       TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    body          BLOB NOT NULL,
    fetched_at    INTEGER NOT NULL,
    etag          TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    gone          INTEGER NOT NULL DEFAULT 0,
    seq           INTEGER NOT NULL,
    revisit_interval INTEGER NOT NULL DEFAULT 0,
    next_visit    INTEGER NOT NULL DEFAULT 0,
    request_url   TEXT
);
CREATE INDEX IF NOT EXISTS pages_by_seq ON pages (seq);
CREATE TABLE IF NOT EXISTS robots (
    origin     TEXT PRIMARY KEY,
    status     INTEGER NOT NULL,
    body       BLOB NOT NULL,
    fetched_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS frontier (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    url   TEXT NOT NULL UNIQUE,
    depth INTEGER NOT NULL,
    state INTEGER NOT NULL DEFAULT 0,
    request_url TEXT
);
CREATE INDEX IF NOT EXISTS frontier_by_depth ON frontier (state, depth, id);
CREATE TABLE IF NOT EXISTS pdf_links (
    landing_url TEXT NOT NULL,
    pdf_url     TEXT NOT NULL,
    PRIMARY KEY (landing_url, pdf_url)
);
CREATE INDEX IF NOT EXISTS pdf_links_by_pdf ON pdf_links (pdf_url);
CREATE TABLE IF NOT EXISTS crawls (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    started  INTEGER NOT NULL,
    finished INTEGER
);
)sql";

// Partitioned crawls (`crawl --partition i/N`, schema version 4): the links found to hosts
// of other partitions, kept for their owners, who read them from the exported outbox files
// (crawler/src/partition.cpp). The partition the store is crawled as lives in `meta`
// ('partition_index', 'partition_count'). Created on open like the rest, so an older store
// gains the table in place; a separate statement so that other schema changes merge apart.
constexpr const char* kOutboxSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox (
    url         TEXT PRIMARY KEY,
    request_url TEXT NOT NULL,
    depth       INTEGER NOT NULL,
    partition   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_by_partition ON outbox (partition, url);
)sql";

// Columns added after version 1, for stores written by an older thinkdex: table, column, SQL,
// and the value the column reads as in a store that lacks it (a read-only handle does not
// migrate, so `thinkdex index` and `status` read a store written by any older version).
constexpr const char* kMigrations[][4] = {
    {"pages", "revisit_interval",
     "ALTER TABLE pages ADD COLUMN revisit_interval INTEGER NOT NULL DEFAULT 0", "0"},
    {"pages", "next_visit", "ALTER TABLE pages ADD COLUMN next_visit INTEGER NOT NULL DEFAULT 0",
     "0"},
    {"frontier", "request_url", "ALTER TABLE frontier ADD COLUMN request_url TEXT", "NULL"},
    {"pages", "request_url", "ALTER TABLE pages ADD COLUMN request_url TEXT", "NULL"},
};

}  // namespace thinkdex::store
