// thinkdex search: ranked results with snippets and facets, as text or JSON.

#include <unistd.h>

#include <iostream>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/query/render.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::cli {

namespace {

struct SearchOptions {
    CommonOptions common;
    std::string db;
    std::vector<std::string> authors;
    std::vector<std::string> years;
    std::string since;
    std::string until;
    std::optional<std::size_t> limit;
    std::size_t page = 1;
    std::string sort = "relevance";
    bool json = false;
    std::vector<std::string> words;
};

int run_search(const SearchOptions& options) {
    Config config = load(options.common);
    std::filesystem::path db = options.db.empty() ? config.index_path() : std::filesystem::path(options.db);

    query::SearchRequest request;
    for (const auto& word : options.words) request.query += (request.query.empty() ? "" : " ") + word;
    request.authors = options.authors;
    request.years = options.years;
    request.since = options.since;
    request.until = options.until;
    request.limit = options.limit.value_or(config.search.limit);
    request.offset = (options.page - 1) * request.limit;
    request.facet_limit = config.search.facet_limit;
    if (options.sort == "newest") request.sort = query::SortOrder::kNewest;
    else if (options.sort == "oldest") request.sort = query::SortOrder::kOldest;

    if (!std::filesystem::exists(db)) {
        throw Fatal("no index at '" + db.string() + "': run `thinkdex crawl` and `thinkdex index` "
                    "first, or give --db DIR");
    }
    query::Searcher searcher(db);
    auto result = searcher.search(request);
    if (!result) {
        std::cerr << "thinkdex: " << result.error().message << "\n";
        return 2;
    }
    if (options.json) std::cout << query::render_json(*result) << "\n";
    else std::cout << query::render_text(*result, ::isatty(STDOUT_FILENO) != 0);
    return 0;
}

}  // namespace

void add_search(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<SearchOptions>();
    auto* sub = app.add_subcommand("search", "Search the index");
    add_common_options(*sub, options->common);
    sub->add_option("--db", options->db, "Index directory (default: DATA_DIR/index)");
    sub->add_option("--author", options->authors, "Only this author (repeat: any of them)");
    sub->add_option("--year", options->years, "Only this year (repeat: any of them)");
    sub->add_option("--since", options->since, "Published on or after YYYY[-MM[-DD]]");
    sub->add_option("--until", options->until, "Published on or before YYYY[-MM[-DD]]");
    sub->add_option("--limit", options->limit, "Results per page (default: search.limit)")
        ->check(CLI::Range(1, 1000));
    sub->add_option("--page", options->page, "Page of results, from 1")->check(CLI::Range(1, 100000));
    sub->add_option("--sort", options->sort, "relevance, newest or oldest")
        ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
    sub->add_flag("--json", options->json, "Print one JSON document");
    sub->add_option("QUERY", options->words, "Words, \"phrases\", AND/OR/NOT, author:, title:...");
    sub->callback([options, &exit_code] { exit_code = run_search(*options); });
}

}  // namespace thinkdex::cli
