#include "bench_query_variants.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "thinkdex/common/error.hpp"
#include "thinkdex/common/schema.hpp"

namespace thinkdex::bench {

namespace {

/// Counts author and year over every match, as the searcher's own spy does.
class FacetSpy : public Xapian::MatchSpy {
  public:
    std::unordered_map<std::string, std::size_t> authors, years;

    void operator()(const Xapian::Document& doc, double) override {
        const std::string joined = doc.get_value(schema::kSlotAuthors);
        std::string_view rest(joined);
        while (!rest.empty()) {
            auto sep = rest.find(schema::kListSeparator);
            if (sep != 0) ++authors[schema::filter_term(schema::kAuthor, rest.substr(0, sep))];
            if (sep == std::string_view::npos) break;
            rest.remove_prefix(sep + 1);
        }
        const std::string year = doc.get_value(schema::kSlotYear);
        if (!year.empty()) ++years[year];
    }
};

using thinkdex::query::SearchRequest;

std::size_t search_with(thinkdex::query::Searcher& with, const SearchRequest& request) {
    auto result = with.search(request);
    if (!result)
        throw thinkdex::Fatal("bench-query: query '" + request.query +
                              "' failed: " + result.error().message);
    if (result->partial) throw thinkdex::Fatal("bench-query: a shard did not answer");
    return result->total;
}

// Each request shape of the remote breakdown: the default with some costs taken away.
SearchRequest request(const std::string& q, bool facets, bool snippets, bool collapse) {
    SearchRequest r;
    r.query = q;
    r.facets = facets;
    r.snippets = snippets;
    r.collapse = collapse;
    r.publications_first = collapse;  // the bare request drops the probe too
    return r;
}

}  // namespace

XapianBaseline::XapianBaseline(const std::filesystem::path& db) : db_(db.string()) {
    std::string language = db_.get_metadata(std::string(schema::kMetaLanguage));
    if (!language.empty() && language != "none") stemmer_ = Xapian::Stem(language);
    parser_.set_database(db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_OR);
    parser_.add_prefix("title", std::string(schema::kTitle));
    parser_.add_prefix("author", std::string(schema::kAuthorText));
}

std::size_t XapianBaseline::run(const std::string& text, Level level) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(parser_.parse_query(text));
    FacetSpy spy;
    if (level >= Level::kFacets) enquire.add_matchspy(&spy);
    Xapian::MSet mset =
        enquire.get_mset(0, 10, level >= Level::kExact ? db_.get_doccount() : 0);
    if (level >= Level::kSnippets) {
        // The background model weighs every word of the text by its frequency in the
        // index (one lookup per distinct word); without it only query terms count.
        const unsigned flags =
            level == Level::kPlainSnippets
                ? unsigned{Xapian::MSet::SNIPPET_EXHAUSTIVE}
                : Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
            std::string body = data.is_object() ? data.value("body", "") : "";
            sink_ += mset.snippet(body, 300, stemmer_, flags, "\x01", "\x02", "…").size();
        }
    }
    return mset.get_matches_estimated() + spy.years.size();
}

std::vector<Variant> make_variants(const std::vector<std::string>& wanted,
                                   XapianBaseline& baseline, thinkdex::query::Searcher& searcher,
                                   std::optional<thinkdex::query::Searcher>& stub,
                                   std::size_t& thinkdex_at) {
    using Level = XapianBaseline::Level;
    std::vector<Variant> variants = {
        {"xapian", "xapian top-10",
         [&](const std::string& q) { return baseline.run(q, Level::kTop); }},
        {"exact", "+ exact count",
         [&](const std::string& q) { return baseline.run(q, Level::kExact); }},
        {"facets", "+ facet spy",
         [&](const std::string& q) { return baseline.run(q, Level::kFacets); }},
        {"snippets", "+ snippets",
         [&](const std::string& q) { return baseline.run(q, Level::kSnippets); }},
        {"no-bg", "  (no bg model)",
         [&](const std::string& q) { return baseline.run(q, Level::kPlainSnippets); }},
        {"thinkdex", "thinkdex search",
         [&](const std::string& q) { return search_with(searcher, request(q, true, true, true)); }},
    };
    // The baseline always runs (every ratio is against it); thinkdex always runs last.
    std::erase_if(variants, [&](const Variant& v) {
        return v.key != "xapian" && v.key != "thinkdex" &&
               std::find(wanted.begin(), wanted.end(), v.key) == wanted.end();
    });
    thinkdex_at = variants.size() - 1;
    if (stub) {
        std::vector<Variant> remote;
        remote.push_back({"stub", "stub", [&](const std::string& q) {
                              return search_with(*stub, request(q, true, true, true));
                          }});
        remote.push_back({"stub-no-facets", "stub no facets", [&](const std::string& q) {
                              return search_with(*stub, request(q, false, true, true));
                          }});
        remote.push_back({"stub-no-snippets", "stub no snippets", [&](const std::string& q) {
                              return search_with(*stub, request(q, true, false, true));
                          }});
        remote.push_back({"stub-bare", "stub bare", [&](const std::string& q) {
                              return search_with(*stub, request(q, false, false, false));
                          }});
        remote.push_back({"local-bare", "local bare", [&](const std::string& q) {
                              return search_with(searcher, request(q, false, false, false));
                          }});
        // --variants naming some of these runs only those (a profile of one of them).
        auto listed = [&](const Variant& v) {
            return std::find(wanted.begin(), wanted.end(), v.key) != wanted.end();
        };
        if (std::any_of(remote.begin(), remote.end(), listed))
            std::erase_if(remote, std::not_fn(listed));
        for (auto& v : remote) variants.push_back(std::move(v));
    }
    return variants;
}

}  // namespace thinkdex::bench
