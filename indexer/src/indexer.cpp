#include "thinkdex/indexer/indexer.hpp"

#include <strings.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <fstream>
#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "thinkdex/common/date.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/json_lines.hpp"
#include "thinkdex/common/page_directives.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/common/url_resolve.hpp"
#include "thinkdex/indexer/extract.hpp"
#include "thinkdex/indexer/extract_pdf.hpp"
#include "thinkdex/indexer/index_writer.hpp"
#include "thinkdex/store/crawl_store.hpp"

namespace thinkdex::indexer {

namespace {

std::string now_iso() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

/// Every page left out of the index passes here: logged with its URL and reason, and counted.
void skip(IndexStats& stats, const std::string& url, const std::string& reason) {
    spdlog::warn("not indexed: {}: {}", url, reason);
    ++stats.skipped[reason];
}

/// The value of the last Content-Type header in a raw header block (after redirects the block
/// holds several responses; the last one describes the body).
std::string content_type_header(const std::string& headers) {
    std::string value;
    std::size_t pos = 0;
    while (pos < headers.size()) {
        std::size_t end = headers.find('\n', pos);
        if (end == std::string::npos) end = headers.size();
        std::string line = headers.substr(pos, end - pos);
        if (line.size() > 13 && strncasecmp(line.c_str(), "content-type:", 13) == 0) {
            value = line.substr(13);
            while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
            value.erase(0, value.find_first_not_of(' '));
        }
        pos = end + 1;
    }
    return value;
}

/// Whether the page asks not to be indexed, by us: <meta name="robots"> or <meta name=TOKEN>
/// with noindex (or none), or an X-Robots-Tag header for every crawler or for TOKEN.
bool says_noindex(const store::Page& page, const Extracted& extracted, const std::string& token) {
    PageDirectives said;
    add_header_directives(page.headers, token, said);
    for (const auto& [name, content] : extracted.robots_meta) {
        if (is_directives_meta(name, token)) add_directives(content, said);
    }
    return said.noindex;
}

bool is_html(const std::string& content_type) {
    return content_type.empty() || content_type == "text/html" ||
           content_type == "application/xhtml+xml";
}

/// Host of each configured source's seed -> the source's `name`.
using SourceNames = std::unordered_map<std::string, std::string>;

/// `source_names`: the site name of a page that names none, by its host (else the host).
IndexDocument to_document(const store::Page& page, Extracted extracted,
                          const SourceNames& source_names) {
    IndexDocument doc;
    doc.url = page.final_url.empty() ? page.url : page.final_url;
    doc.id = doc.url;
    doc.title = std::move(extracted.title);
    doc.authors = std::move(extracted.authors);
    doc.published = std::move(extracted.published);
    doc.body = std::move(extracted.body);
    doc.summary = std::move(extracted.summary);
    doc.host = url_host(doc.url);
    if (!extracted.site_name.empty()) {
        doc.site = std::move(extracted.site_name);
    } else {
        const auto source = source_names.find(doc.host);
        doc.site = source == source_names.end() ? doc.host : source->second;
    }
    doc.tags = std::move(extracted.tags);
    doc.language = std::move(extracted.language);
    doc.type = std::move(extracted.type);
    doc.kind = std::move(extracted.kind);
    doc.content_hash = page.content_hash;
    return doc;
}

void finish(IndexWriter& writer, IndexStats& stats) {
    writer.set_metadata(std::string(schema::kMetaLastIndex), now_iso());
    writer.commit();
    stats.total_docs = writer.doc_count();
}

// Pages extracted between two turns of the writer: enough to keep every thread busy, few
// enough that their raw bodies stay a small part of the memory (a few MiB).
constexpr std::size_t kBatchPages = 128;

std::size_t thread_count(std::size_t configured) {
    if (configured > 0) return configured;
    return std::max(1u, std::thread::hardware_concurrency());
}

/// Runs `work(i)` for every i below `n` on `threads` threads (the caller's among them). An
/// exception thrown by `work` (only resource exhaustion: extract() returns bad input as a
/// value) is rethrown here once every thread has stopped.
void parallel_for(std::size_t n, std::size_t threads, const std::function<void(std::size_t)>& work) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto run = [&] {
        try {
            for (std::size_t i; (i = next++) < n;) work(i);
        } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next = n;
        }
    };
    {
        std::vector<std::jthread> helpers;
        for (std::size_t t = 1; t < std::min(threads, n); ++t) helpers.emplace_back(run);
        run();
    }
    if (failure) std::rethrow_exception(failure);
}

std::string page_id(const store::Page& page) {
    return page.final_url.empty() ? page.url : page.final_url;
}

/// A changed page and, for an HTML page or a PDF, what extraction made of it.
struct Pending {
    store::Page page;
    std::optional<Result<Extracted>> extracted;
    /// A landing page's own PDFs (CrawlStore::pdfs_of) as stored, and what extraction made of
    /// each: one publication with the page.
    std::vector<store::Page> pdf_pages;
    std::vector<std::optional<Result<Extracted>>> pdf_extracted;
    /// A PDF that a landing page in the store has as its own: indexed with that page, so its
    /// own document goes.
    bool part_of_landing = false;
};

/// Extracts the page and its PDFs (on an extraction thread).
void extract_pending(Pending& pending) {
    const store::Page& page = pending.page;
    if (page.gone) return;
    if (is_pdf(page.body, page.content_type))
        pending.extracted = extract_pdf(page.body, page_id(page));
    else if (is_html(page.content_type))
        pending.extracted = extract(page.body, page_id(page), content_type_header(page.headers));
    for (const store::Page& pdf : pending.pdf_pages)
        pending.pdf_extracted.emplace_back(extract_pdf(pdf.body, page_id(pdf)));
}

/// The publication's PDFs that extract, added to its document; those that do not are skipped
/// with their reason.
void attach_pdfs(IndexStats& stats, Pending& pending, IndexDocument& doc) {
    for (std::size_t i = 0; i < pending.pdf_pages.size(); ++i) {
        Result<Extracted>& pdf = *pending.pdf_extracted[i];
        const store::Page& page = pending.pdf_pages[i];
        if (!pdf) {
            skip(stats, page.url, pdf.error().message);
        } else if (!pdf->body.empty()) {
            doc.pdf_urls.push_back(page_id(page));
            doc.pdf_texts.push_back(std::move(pdf->body));
        }
    }
}

/// Extraction of one batch overlapped with the writing of the one before, so that the second
/// core works while the one writer adds documents. With one thread there is no overlap: the
/// batch is extracted on the caller's thread, as `index.threads = 1` asks.
class ExtractionPipeline {
  public:
    explicit ExtractionPipeline(std::size_t threads) : threads_(threads) {}
    ExtractionPipeline(const ExtractionPipeline&) = delete;
    ExtractionPipeline& operator=(const ExtractionPipeline&) = delete;
    ~ExtractionPipeline() { wait(); }

    /// Starts extracting `next` and returns the batch handed in by the call before, extracted
    /// (empty on the first call). Rethrows what an extraction thread threw.
    std::vector<Pending>& swap(std::vector<Pending> next) {
        wait();
        if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
        ready_ = std::move(in_flight_);
        in_flight_ = std::move(next);
        if (threads_ <= 1) {
            extract_all();
        } else {
            worker_ = std::jthread([this] {
                try {
                    extract_all();
                } catch (...) {
                    failure_ = std::current_exception();
                }
            });
        }
        return ready_;
    }

  private:
    void extract_all() {
        parallel_for(in_flight_.size(), threads_,
                     [this](std::size_t i) { extract_pending(in_flight_[i]); });
    }
    void wait() {
        if (worker_.joinable()) worker_.join();
    }

    std::size_t threads_;
    std::vector<Pending> in_flight_;  ///< being extracted by worker_
    std::vector<Pending> ready_;      ///< extracted, being written
    std::exception_ptr failure_;      ///< what worker_ threw
    std::jthread worker_;             ///< last member: joined before the batches go
};

/// What every page of one `index_store()` run needs.
struct Run {
    IndexWriter& writer;
    IndexStats& stats;
    std::string token;  ///< our robots product token, for noindex
    SourceNames source_names;  ///< the site name of pages that give none
};

Run make_run(const Config& config, IndexWriter& writer, IndexStats& stats) {
    Run run{writer, stats, product_token(config.crawl.user_agent), {}};
    for (const Source& source : config.crawl.sources)
        if (!source.name.empty()) run.source_names.emplace(url_host(source.seed), source.name);
    return run;
}

/// Applies one changed page to the index, in the store's order: removes what is gone or no
/// longer extracts, adds or replaces the rest.
void apply(Run& run, Pending& pending) {
    IndexWriter& writer = run.writer;
    IndexStats& stats = run.stats;
    const store::Page& page = pending.page;
    const std::string id = page_id(page);
    if (page.gone || pending.part_of_landing) {
        if (writer.remove(id)) ++stats.removed;
        if (pending.part_of_landing) spdlog::debug("{}: indexed with its landing page", id);
        return;
    }
    if (!pending.extracted) return skip(stats, page.url, "content-type " + page.content_type);
    Result<Extracted>& extracted = *pending.extracted;
    if (!extracted) {
        // the page was HTML once: its old document goes, as a gone page's does
        if (writer.remove(id)) ++stats.removed;
        return skip(stats, page.url, extracted.error().message);
    }
    if (says_noindex(page, *extracted, run.token)) {
        // The page stays in the crawl store (a later crawl may find it indexable again).
        if (writer.remove(id)) ++stats.removed;
        return skip(stats, page.url, "noindex");
    }
    if (extracted->title.empty() && extracted->body.empty()) {
        if (writer.remove(id)) ++stats.removed;
        return skip(stats, page.url, "no text");
    }
    bool existed = !writer.stored_hash(id).empty();
    IndexDocument doc = to_document(page, std::move(*extracted), run.source_names);
    attach_pdfs(stats, pending, doc);
    writer.upsert(doc);
    ++(existed ? stats.updated : stats.added);
    spdlog::debug("indexed {} with {} PDF(s)", id, doc.pdf_urls.size());
}

/// Turns the changed pages of the store into the pages to index, so that a landing page and
/// its own PDFs (CrawlStore::pdfs_of) are one publication: a landing page is read with its
/// PDFs; a changed PDF with a landing page (not gone) rebuilds that page instead of being
/// indexed alone; a landing page gone frees its PDFs to be publications of their own. Each
/// landing page is built once a run, from the store as it is now.
class Publications {
  public:
    explicit Publications(const store::CrawlStore& store) : store_(store) {}

    /// Adds to `batch` what changed page `page` asks to index.
    void add(const store::Page& page, std::vector<Pending>& batch) {
        if (built_.contains(page.url)) return;  // already built this run, from today's store
        // A PDF (or a gone page, which may have been one) rebuilds its landing pages.
        std::vector<store::Page> landings;
        if (page.gone || is_pdf(page.body, page.content_type))
            for (const auto& url : store_.landings_of(page.url))
                if (auto landing = store_.get_page(url); landing && !landing->gone)
                    landings.push_back(std::move(*landing));
        batch.push_back(Pending{page, std::nullopt, {}, {}, !page.gone && !landings.empty()});
        if (page.gone) {
            for (const auto& url : store_.pdfs_of(page.url))  // now publications of their own
                if (auto pdf = store_.get_page(url); pdf && !built_.contains(url)) {
                    built_.insert(url);
                    batch.push_back(Pending{std::move(*pdf), std::nullopt, {}, {}, false});
                }
        } else if (landings.empty()) {
            batch.pop_back();
            add_landing(page, batch);
        }
        for (store::Page& landing : landings)
            if (!built_.contains(landing.url)) add_landing(std::move(landing), batch);
    }

  private:
    void add_landing(store::Page page, std::vector<Pending>& batch) {
        Pending pending{std::move(page), std::nullopt, {}, {}, false};
        if (is_html(pending.page.content_type)) {
            for (const auto& url : store_.pdfs_of(pending.page.url))
                if (auto pdf = store_.get_page(url);
                    pdf && !pdf->gone && is_pdf(pdf->body, pdf->content_type))
                    pending.pdf_pages.push_back(std::move(*pdf));
            if (!pending.pdf_pages.empty()) built_.insert(pending.page.url);
        }
        // A PDF indexed alone before its page named it (found first through a sitemap, or
        // by an older thinkdex) loses that document, though the PDF itself has not changed.
        std::vector<Pending> standalone;
        for (const store::Page& pdf : pending.pdf_pages) {
            store::Page id_only;  // no body held twice
            id_only.url = pdf.url;
            id_only.final_url = pdf.final_url;
            standalone.push_back(Pending{std::move(id_only), std::nullopt, {}, {}, true});
        }
        batch.push_back(std::move(pending));
        for (Pending& pdf : standalone) batch.push_back(std::move(pdf));
    }

    const store::CrawlStore& store_;
    std::unordered_set<std::string> built_;  ///< store keys of the pages built this run
};

// The first line of a JSON-lines import whose id an earlier line has, with the message that
// says so; `lines[i]` is the line of `docs[i]`.
std::optional<std::pair<std::size_t, std::string>> repeated_id(
    const std::vector<IndexDocument>& docs, const std::vector<std::size_t>& lines) {
    std::unordered_map<std::string_view, std::size_t> first_line;  // of each id
    for (std::size_t i = 0; i < docs.size(); ++i) {
        auto [it, added] = first_line.try_emplace(docs[i].id, lines[i]);
        if (added) continue;
        std::string id = nlohmann::json(docs[i].id).dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace);
        return std::pair{lines[i], "duplicate \"id\" " + id + ", first on line " +
                                       std::to_string(it->second)};
    }
    return std::nullopt;
}

}  // namespace

/// Whether a document of `host` (else of `site`) belongs to `shard`; always without one.
bool in_shard(const std::optional<ShardPart>& shard, const std::string& host,
              const std::string& site) {
    return !shard || shard_of_host(host.empty() ? site : host, shard->count) == shard->index;
}

IndexStats index_store(const Config& config, bool rebuild, std::optional<ShardPart> shard) {
    if (!std::filesystem::exists(config.store_path())) {
        throw Fatal("no crawl store at '" + config.store_path().string() +
                    "': run `thinkdex crawl` first");
    }
    store::CrawlStore store(config.store_path(), /*read_only=*/true);
    IndexWriter writer(config.index_path(), config.index.language);

    std::int64_t after = 0;
    if (!rebuild && writer.outdated_layout()) {
        spdlog::warn("index '{}' was built by an older thinkdex: its documents lack the terms "
                     "that let searches find words without accents, after elisions and in each "
                     "document's language; run `thinkdex index --rebuild`",
                     config.index_path().string());
    }
    if (!rebuild) {
        std::string seen = writer.get_metadata(std::string(schema::kMetaStoreSeq));
        if (!seen.empty()) after = std::stoll(seen);
    } else {
        writer.clear_spelling();  // every document adds its words again
    }
    const std::size_t threads = thread_count(config.index.threads);
    spdlog::info("indexing pages changed in {} since change {} ({} extraction thread(s))",
                 config.store_path().string(), after, threads);

    // Extraction, the bulk of the work, runs on every thread; the one writer then takes the
    // pages in the store's order, so the index is the same whatever the number of threads.
    IndexStats stats;
    Run run = make_run(config, writer, stats);
    std::int64_t last_seq = after;
    std::vector<Pending> batch;
    Publications publications(store);
    ExtractionPipeline pipeline(threads);
    auto flush = [&] {
        for (Pending& pending : pipeline.swap(std::move(batch))) apply(run, pending);
        batch.clear();
    };
    store.for_each_changed(after, [&](const store::Page& page) {
        last_seq = std::max(last_seq, page.seq);
        if (!in_shard(shard, url_host(page.final_url.empty() ? page.url : page.final_url), "")) {
            ++stats.other_shards;
            return;
        }
        publications.add(page, batch);
        if (batch.size() >= kBatchPages) flush();
    });
    flush();
    flush();  // the last batch, whose extraction the first call started
    writer.set_metadata(std::string(schema::kMetaStoreSeq), std::to_string(last_seq));
    if (rebuild) writer.mark_layout_current();
    finish(writer, stats);
    spdlog::info("index: {} added, {} updated, {} removed; {} documents", stats.added,
                 stats.updated, stats.removed, stats.total_docs);
    return stats;
}

IndexStats import_jsonl(const std::filesystem::path& jsonl, const std::filesystem::path& db,
                        const std::string& language, std::optional<ShardPart> shard) {
    std::ifstream in(jsonl);
    if (!in) throw Fatal("cannot read '" + jsonl.string() + "'");

    // Read and check every line before touching the index, so a bad line leaves it as it was.
    // Each line is checked on its own first; then that no id comes twice, which would make
    // the later line silently replace the earlier one.
    std::vector<IndexDocument> docs;
    std::vector<std::size_t> doc_lines;  // the line of each of docs
    std::string line;
    std::size_t line_no = 0;
    auto fail = [&](const std::string& why) {
        throw Fatal(jsonl.string() + ":" + std::to_string(line_no) + ": " + why +
                    "; nothing was imported");
    };
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto parsed = parse_json_line(line);
        if (!parsed) fail(parsed.error());
        const nlohmann::json& record = *parsed;
        if (!record.is_object()) fail("expected a JSON object");
        IndexDocument doc;
        try {
            if (!record.contains("id")) fail("missing \"id\"");
            const auto& id = record.at("id");
            // A string, or a whole number as collections number their documents.
            if (id.is_string()) doc.id = id.get<std::string>();
            else if (id.is_number_integer()) doc.id = id.dump();
            else fail("\"id\" must be a string or a whole number, not " + id.dump());
            if (doc.id.empty()) fail("\"id\" is empty");
            doc.title = record.value("title", "");
            doc.body = record.value("text", "");
            doc.url = record.value("url", "");
            const std::string published = record.value("published", "");
            doc.published = published.substr(0, 10);  // a time after the date is dropped
            const bool time_follows = published.size() > 10 && (published[10] == 'T' ||
                                                                 published[10] == ' ');
            if (!published.empty() && (!is_calendar_date(doc.published) ||
                                       (published.size() > 10 && !time_follows)))
                fail("\"published\" must be a date, YYYY, YYYY-MM or YYYY-MM-DD, not \"" +
                     published + "\"");
            doc.site = record.value("site", "");
            doc.language = record.value("language", "");
            if (record.contains("authors")) doc.authors = record.at("authors").get<std::vector<std::string>>();
            if (record.contains("tags")) doc.tags = record.at("tags").get<std::vector<std::string>>();
            doc.kind = record.value("kind", std::string(schema::kKindArticle));
        } catch (const nlohmann::json::exception& e) {
            fail(std::string("wrong field type: ") + e.what());
        }
        if (doc.kind != schema::kKindArticle && doc.kind != schema::kKindListing &&
            doc.kind != schema::kKindPage)
            fail("\"kind\" must be \"article\", \"listing\" or \"page\", not \"" + doc.kind +
                 "\"");
        doc.host = url_host(doc.url);
        if (doc.site.empty()) doc.site = doc.host;
        doc.type = "jsonl";
        doc.content_hash = store::content_hash(line);
        docs.push_back(std::move(doc));
        doc_lines.push_back(line_no);
    }
    if (auto repeat = repeated_id(docs, doc_lines)) {
        line_no = repeat->first;
        fail(repeat->second);
    }

    IndexWriter writer(db, language);
    IndexStats stats;
    for (const auto& doc : docs) {
        if (!in_shard(shard, doc.host, doc.site)) {
            ++stats.other_shards;
            continue;
        }
        bool existed = !writer.stored_hash(doc.id).empty();
        writer.upsert(doc);
        ++(existed ? stats.updated : stats.added);
    }
    finish(writer, stats);
    return stats;
}

}  // namespace thinkdex::indexer
