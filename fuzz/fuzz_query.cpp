// The query parser with fields, dates and synonyms, through a real search on a small index: any
// query gives results or an Error for the user, never a crash; the JSON answer is valid JSON
// and the Atom feed well-formed XML, whatever the query echoes back.

#include <libxml/parser.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include <thinkdex/indexer/index_writer.hpp>
#include <thinkdex/query/render.hpp>
#include <thinkdex/query/search.hpp>

#include "fuzz_support.hpp"

namespace fs = std::filesystem;
using namespace thinkdex;

namespace {

std::unique_ptr<query::Searcher> searcher;
fs::path index_dir;

// Three documents with every facet filled, so filters, dates, snippets and collapse all run.
void build_index(const fs::path& dir) {
    indexer::IndexWriter writer(dir, "en");
    const char* dates[] = {"2024-05-20", "2023-11", "2019"};
    for (int i = 0; i < 3; ++i) {
        indexer::IndexDocument doc;
        doc.id = doc.url = "https://example.org/p/" + std::to_string(i);
        doc.title = "Water, sanctions and café politics in Central Asia " + std::to_string(i);
        doc.authors = {"Natasha Kuhrt", "Aigerim Bekova"};
        doc.published = dates[i];
        doc.body = "Internationalisation of the Shanghai Cooperation Organisation. Québec "
                   "trade corridors, пшеница, 中国合作, sanctions enforcement and re-exports.";
        doc.site = "Example Institute";
        doc.host = "example.org";
        doc.tags = {"Trade", "Energy"};
        doc.language = "en";
        doc.kind = i == 2 ? "listing" : "article";
        writer.upsert(doc);
    }
    writer.commit();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    index_dir = fs::temp_directory_path() / ("thinkdex-fuzz-query-" + std::to_string(::getpid()));
    fs::remove_all(index_dir);
    build_index(index_dir);
    std::atexit([] {
        searcher.reset();
        std::error_code ignored;
        fs::remove_all(index_dir, ignored);
    });
    searcher = std::make_unique<query::Searcher>(index_dir);
    searcher->set_synonyms({{"SCO", "Shanghai Cooperation Organisation"}});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    query::SearchRequest request;
    request.sort = static_cast<query::SortOrder>(size % 4);  // every order, from plain queries
    request.query.assign(fuzz::as_text(data, size));
    auto result = searcher->search(request);
    if (!result) return 0;
    const std::string json = query::render_json(*result);
    fuzz::check(nlohmann::json::accept(json), "JSON output is valid JSON");
    query::PageRequest page;
    page.query.text = request.query;
    const std::string atom =
        query::render_atom(page, *result, "https://example.org/cgi-bin/thinkdex.cgi",
                           "2025-09-01T02:30:00Z");
    xmlDocPtr doc = xmlReadMemory(atom.data(), static_cast<int>(atom.size()), "atom.xml",
                                  nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
    fuzz::check(doc != nullptr, "Atom output is well-formed XML");
    xmlFreeDoc(doc);
    return 0;
}
