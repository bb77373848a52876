// thinkdex extract: run the extraction on local HTML files and print JSON lines.

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/indexer/extract.hpp"
#include "thinkdex/indexer/extract_pdf.hpp"

namespace thinkdex::cli {

namespace {

struct ExtractOptions {
    CommonOptions common;
    int threads = 1;
    /// One URL for every file, or one per file in the files' order.
    std::vector<std::string> urls;
    std::vector<std::string> files;
};

/// Reads a file as it is: extract() inflates a gzipped one itself, within its size cap.
Result<std::string> read_bytes(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::unexpected(Error{"io", "cannot open '" + path + "': " + std::strerror(errno)});
    }
    std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    if (file.bad()) {
        return std::unexpected(Error{"io", "cannot read '" + path + "': " + std::strerror(errno)});
    }
    return bytes;
}

/// "dir/page.html.gz" -> "page"
std::string file_id(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    if (name.ends_with(".gz")) name.resize(name.size() - 3);
    if (auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
    return name;
}

/// One output line per file: the JSON line, or nothing (and an error naming the file and the
/// reason) when the file could not be read, is not an HTML page or a PDF, or is a PDF that
/// cannot be read (encrypted, broken, image-only, too large).
std::optional<std::string> extract_file(const std::string& path, const std::string& url) {
    auto bytes = read_bytes(path);
    if (!bytes) {
        spdlog::error("{}", bytes.error().message);
        return std::nullopt;
    }
    Result<indexer::Extracted> extracted = indexer::is_pdf(*bytes)
                                               ? indexer::extract_pdf(*bytes, url)
                                               : indexer::extract(*bytes, url, {}, path);
    if (!extracted) {
        spdlog::error("'{}': {}", path, extracted.error().message);
        return std::nullopt;
    }
    const indexer::Extracted& page = *extracted;
    nlohmann::json line = {
        {"id", file_id(path)},         {"url", page.url},
        {"title", page.title},         {"authors", page.authors},
        {"published", page.published}, {"body", page.body},
        {"summary", page.summary},     {"site_name", page.site_name},
        {"tags", page.tags},           {"language", page.language},
        {"kind", page.kind},
    };
    if (page.type == "pdf") {
        line["type"] = page.type;
        line["pages"] = page.pages;
    }
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int run_extract(const ExtractOptions& options) {
    // Only the log settings are used, but a broken config is reported as by every command.
    load(options.common);
    const std::size_t count = options.files.size();
    if (options.urls.size() > 1 && options.urls.size() != count) {
        throw Fatal(std::to_string(options.urls.size()) + " --url for " + std::to_string(count) +
                        " files: give one --url for all of them, or one per file, in order",
                    2);
    }
    auto url_of = [&](std::size_t i) -> const std::string& {
        static const std::string none;
        return options.urls.empty() ? none : options.urls[options.urls.size() == 1 ? 0 : i];
    };
    // Workers take the next file from a shared counter; the main thread prints the results in
    // input order as they complete. A window bounds how far workers run ahead of the printer,
    // so memory stays bounded on long file lists.
    const std::size_t threads = static_cast<std::size_t>(std::max(1, options.threads));
    const std::size_t window = 64 * threads;
    std::vector<std::optional<std::string>> slots(count);
    std::vector<char> done(count, 0);
    std::mutex mutex;
    std::condition_variable ready, room;
    std::size_t next = 0, printed = 0;
    auto worker = [&] {
        for (;;) {
            std::size_t i;
            {
                std::unique_lock lock(mutex);
                room.wait(lock, [&] { return next >= count || next < printed + window; });
                if (next >= count) return;
                i = next++;
            }
            auto line = extract_file(options.files[i], url_of(i));
            {
                std::lock_guard lock(mutex);
                slots[i] = std::move(line);
                done[i] = 1;
            }
            ready.notify_one();
        }
    };
    std::vector<std::jthread> pool;
    for (std::size_t t = 0; t < std::min(threads, count); ++t) pool.emplace_back(worker);
    int exit_code = 0;
    for (std::size_t i = 0; i < count; ++i) {
        std::optional<std::string> line;
        {
            std::unique_lock lock(mutex);
            ready.wait(lock, [&] { return done[i] != 0; });
            line = std::move(slots[i]);
            slots[i].reset();
            printed = i + 1;
        }
        room.notify_all();
        if (line) {
            std::cout << *line << "\n";
        } else {
            exit_code = 1;
        }
    }
    return exit_code;
}

}  // namespace

void add_extract(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ExtractOptions>();
    auto* sub = app.add_subcommand(
        "extract", "Extract title, authors, date and text from local HTML files (also .html.gz) "
                   "and PDFs; prints one JSON object per file");
    sub->add_option("--url", options->urls,
                    "URL the pages came from (resolves relative links, and is the page's own URL "
                    "where it names none); repeat it to give each FILE its own, in order")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    sub->add_option("--threads", options->threads, "Files extracted in parallel (default 1)")
        ->check(CLI::Range(1, 256));
    sub->add_option("FILE", options->files, "HTML or PDF files")->required()->check(CLI::ExistingFile);
    add_common_options(*sub, options->common);
    sub->callback([options, &exit_code] { exit_code = run_extract(*options); });
}

}  // namespace thinkdex::cli
