// thinkdex search: ranked results with snippets and facets, as text or JSON.

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/json_lines.hpp"
#include "thinkdex/query/engine.hpp"
#include "thinkdex/query/render.hpp"
#include "thinkdex/query/search.hpp"
#include "thinkdex/query/user_query.hpp"

namespace thinkdex::cli {

namespace {

struct SearchOptions {
    CommonOptions common;
    std::string db;
    query::UserQuery user;  // the flags that say what to search, checked by to_search_request()
    bool json = false;
    std::string color = "auto";
    std::string batch;
    std::string run;
    std::vector<std::string> words;
};

/// Runs every query of a JSON-lines file ({"id","text"}) and writes a TREC run
/// ("qid Q0 docid rank score thinkdex"), for the relevance benchmarks.
int run_batch(query::Engine& engine, query::SearchRequest request, const SearchOptions& options) {
    std::ifstream in(options.batch);
    if (!in) throw Fatal("cannot read '" + options.batch + "'");
    std::ofstream out(options.run);
    if (!out) throw Fatal("cannot write '" + options.run + "'");
    request.facets = false;
    request.snippets = false;
    // Relevance judgements are per document: a near-duplicate of a relevant document is judged
    // on its own, so the run lists every document.
    request.collapse = false;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = options.batch + ":" + std::to_string(line_no) + ": ";
        auto parsed = parse_json_line(line);
        if (!parsed) throw Fatal(where + parsed.error());
        nlohmann::json& record = *parsed;
        if (!record.is_object() || !record.contains("id") || !record.contains("text") ||
            !record["text"].is_string()) {
            throw Fatal(where + "expected {\"id\": ..., \"text\": \"...\"}");
        }
        std::string qid = record["id"].is_string() ? record["id"].get<std::string>()
                                                   : record["id"].dump();
        request.query = record["text"].get<std::string>();
        auto result = engine.search(request);
        if (!result) {
            spdlog::warn("query {}: {}", qid, result.error().message);
            continue;
        }
        // Scores must fall strictly so that trec_eval's tie-breaking keeps our order.
        double previous = std::numeric_limits<double>::infinity();
        for (const auto& hit : result->hits) {
            double score = std::min(hit.score, previous - 1e-6);
            previous = score;
            out << qid << " Q0 " << hit.id << ' ' << hit.rank << ' ' << std::fixed
                << std::setprecision(6) << score << " thinkdex\n";
        }
    }
    if (!out.flush()) throw Fatal("cannot write '" + options.run + "'");
    return 0;
}

/// --color: "always", "never", or "auto": colour when stdout is a terminal and NO_COLOR is
/// unset or empty (https://no-color.org).
bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
}

int run_search(const SearchOptions& options) {
    Config config = load(options.common);
    const query::IndexSource source = query::Engine::source(config, options.db);

    query::UserQuery user = options.user;
    for (const auto& word : options.words) user.text += (user.text.empty() ? "" : " ") + word;
    auto request = query::to_search_request(user, query::Engine::defaults(config.search));
    if (!request) {
        const auto& problems = request.error();
        std::string message = problems.front();
        for (std::size_t i = 1; i < problems.size(); ++i) message += "\nthinkdex: " + problems[i];
        throw Fatal(message, 2);
    }
    if (source.shards.empty() && !std::filesystem::exists(source.path)) {
        throw Fatal("no index at '" + source.path.string() + "': run `thinkdex crawl` and "
                    "`thinkdex index` first, or give --db DIR");
    }
    query::Engine engine(source, config.search);
    if (!options.batch.empty()) return run_batch(engine, *request, options);
    auto result = engine.search(*request);
    if (!result) {
        std::cerr << "thinkdex: " << result.error().message << "\n";
        return 2;
    }
    if (options.json) std::cout << query::render_json(*result) << "\n";
    else std::cout << query::render_text(*result, use_color(options.color));
    return 0;
}

}  // namespace

void add_search(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<SearchOptions>();
    auto* sub = app.add_subcommand("search", "Search the index");
    add_common_options(*sub, options->common);
    sub->add_option("--db", options->db, "Index directory or Xapian stub file of shards (default: [index] shards, else "
                    "DATA_DIR/index)");
    // Each filter takes exactly one value per flag and repeats (as ripgrep's -g): otherwise
    // `--author "Natasha Kuhrt" russia` would take "russia" as a second author.
    auto filter = [sub](const char* flag, std::vector<std::string>& values, const char* name,
                        const std::string& help) {
        sub->add_option(flag, values, help + " (repeat: any of them)")
            ->expected(1)
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->type_name(name);
    };
    filter("--author", options->user.authors, "NAME", "Only this author");
    filter("--year", options->user.years, "YYYY", "Only this year");
    filter("--site", options->user.sites, "HOST", "Only this host, e.g. rusi.org");
    filter("--tag", options->user.tags, "TAG", "Only this tag");
    filter("--lang", options->user.languages, "CODE", "Only this language, ISO 639-1 like en");
    filter("--type", options->user.types, "TYPE", "Only this content type: html, pdf or jsonl");
    filter("--kind", options->user.kinds, "KIND",
           "Only this page kind: article (publications), listing or page");
    sub->add_option("--since", options->user.since, "Published on or after YYYY[-MM[-DD]]");
    sub->add_option("--until", options->user.until, "Published on or before YYYY[-MM[-DD]]");
    sub->add_option("--limit", options->user.limit,
                    "Results per page, 1 to " + std::to_string(kMaxPageSize) +
                        " (default: search.limit)")
        ->type_name("N");
    sub->add_option("--page", options->user.page,
                    "Page of results, 1 to " + std::to_string(kMaxPage))
        ->type_name("N");
    std::vector<std::string> sort_names;
    for (const auto& [name, order] : query::kSortNames) sort_names.emplace_back(name);
    sub->add_option("--sort", options->user.sort,
                    "relevance, recent (relevance with a recency prior), newest or oldest")
        ->check(CLI::IsMember(sort_names));
    sub->add_flag("--json", options->json, "Print one JSON document");
    sub->add_option("--color", options->color,
                    "Colour matches and titles: auto (when stdout is a terminal and NO_COLOR is "
                    "not set), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    auto* batch = sub->add_option("--batch", options->batch,
                                  "Run every query of a JSON-lines file ({\"id\",\"text\"})")
                      ->check(CLI::ExistingFile);
    sub->add_option("--run", options->run, "With --batch: write a TREC run file here")
        ->needs(batch);
    batch->needs("--run");
    sub->add_option("QUERY", options->words, "Words, \"phrases\", AND/OR/NOT, author:, title:...");
    sub->callback([options, &exit_code] { exit_code = run_search(*options); });
}

}  // namespace thinkdex::cli
