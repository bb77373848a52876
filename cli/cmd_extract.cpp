// thinkdex extract: run the extraction on local HTML files and print JSON lines.

#include <zlib.h>

#include <iostream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/logging.hpp"
#include "thinkdex/indexer/extract.hpp"

namespace thinkdex::cli {

namespace {

struct ExtractOptions {
    int verbose = 0;
    bool quiet = false;
    std::string url;
    std::vector<std::string> files;
};

/// Reads a file, gunzipping it when it is gzip (zlib reads plain files unchanged).
Result<std::string> read_maybe_gzipped(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file) return std::unexpected(Error{"io", "cannot open '" + path + "'"});
    std::string bytes;
    char buf[1 << 16];
    int n;
    while ((n = gzread(file, buf, sizeof buf)) > 0) bytes.append(buf, static_cast<std::size_t>(n));
    int errnum = 0;
    std::string error = n < 0 ? gzerror(file, &errnum) : "";
    gzclose(file);
    if (n < 0) return std::unexpected(Error{"io", "cannot read '" + path + "': " + error});
    return bytes;
}

/// "dir/page.html.gz" -> "page"
std::string file_id(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    if (name.ends_with(".gz")) name.resize(name.size() - 3);
    if (auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
    return name;
}

int run_extract(const ExtractOptions& options) {
    init_logging(options.quiet ? -1 : options.verbose);
    int exit_code = 0;
    for (const auto& path : options.files) {
        auto bytes = read_maybe_gzipped(path);
        if (!bytes) {
            spdlog::error("{}", bytes.error().message);
            exit_code = 1;
            continue;
        }
        indexer::Extracted page = indexer::extract(*bytes, options.url);
        nlohmann::json line = {
            {"id", file_id(path)},         {"url", page.url},
            {"title", page.title},         {"authors", page.authors},
            {"published", page.published}, {"body", page.body},
            {"summary", page.summary},     {"site_name", page.site_name},
            {"tags", page.tags},           {"language", page.language},
        };
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    return exit_code;
}

}  // namespace

void add_extract(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ExtractOptions>();
    auto* sub = app.add_subcommand(
        "extract", "Extract title, authors, date and text from local HTML files (also .html.gz); "
                   "prints one JSON object per file");
    sub->add_option("--url", options->url, "URL the pages came from (resolves relative links)");
    sub->add_option("FILE", options->files, "HTML files")->required()->check(CLI::ExistingFile);
    sub->add_flag("-v,--verbose", options->verbose, "More detailed logs (repeat for more)");
    sub->add_flag("-q,--quiet", options->quiet, "Only log errors");
    sub->callback([options, &exit_code] { exit_code = run_extract(*options); });
}

}  // namespace thinkdex::cli
