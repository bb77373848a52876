// Facets, near-duplicate collapsing and synonyms on the fixture corpus with a French record,
// a brief and its mirror; indexes from before the facet, id and URL slots.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "fixture_index.hpp"
#include "search_request.hpp"
#include "test_util.hpp"
#include "thinkdex/common/schema.hpp"
#include "thinkdex/indexer/index_writer.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {
namespace {

const std::string kBrief = "https://think.example.org/sanctions-brief";
const std::string kMirror = "https://mirror.example.net/2024/05/sanctions-brief.html";
const std::string kIfri = "https://www.ifri.org/russie";
const std::string kScoOnly = "https://think.example.org/sco-summit";

/// The fixture corpus and: a French JSON-lines record on another site, a brief and its
/// mirror on a blog (near-duplicates with different sites, tags and days), and a page that
/// says only "SCO".
std::vector<indexer::IndexDocument> facet_docs() {
    auto docs = test::fixture_docs();
    auto ifri = test::fixture_doc("x", "La Russie et l'Europe", {"Jean Dupont"}, "2023-03-03",
                                  "Russia and Europe: la sécurité européenne après 2022.",
                                  {"Europe", "Russia"});
    ifri.id = ifri.url = kIfri;
    ifri.host = "www.ifri.org";
    ifri.site = "IFRI";
    ifri.language = "fr";
    ifri.type = "jsonl";
    docs.push_back(ifri);
    const std::string text = test::prose(7, 600);
    auto brief = test::fixture_doc("sanctions-brief", "Sanctions Enforcement", {"Ann Brief"},
                                   "2024-05-01", text, {"Sanctions"});
    docs.push_back(brief);
    auto mirror = brief;
    mirror.id = mirror.url = kMirror;
    mirror.host = "mirror.example.net";
    mirror.site = "Mirror Digest";
    mirror.published = "2024-05-03";
    mirror.tags = {"Sanctions", "Reposts"};
    mirror.body = "Reposted from Think Example. " + text + " Post a comment. Older posts.";
    docs.push_back(mirror);
    auto sco = test::fixture_doc("sco-summit", "Summit in Astana", {"Li Wei"}, "2024-07-04",
                                 "The SCO summit in Astana admitted Belarus.", {"Summits"});
    docs.push_back(sco);
    return docs;
}

class FacetTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        indexer::IndexWriter writer(dir_->path() / "index", "english");
        for (const auto& doc : facet_docs()) writer.upsert(doc);
        writer.commit();
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static SearchResult run(const SearchRequest& request,
                            const std::vector<std::vector<std::string>>& synonyms = {}) {
        Searcher searcher(dir_->path() / "index");
        searcher.set_synonyms(synonyms);
        auto result = searcher.search(request);
        EXPECT_TRUE(result.has_value()) << result.error().message;
        return result ? *result : SearchResult{};
    }
    static std::set<std::string> ids(const SearchResult& r) {
        std::set<std::string> out;
        for (const auto& h : r.hits) out.insert(h.id);
        return out;
    }
    /// `request` with `value` added to the filter of facet `name`.
    static SearchRequest with_filter(SearchRequest request, const std::string& name,
                                     const std::string& value) {
        if (name == "author") request.authors.push_back(value);
        else if (name == "year") request.years.push_back(value);
        else if (name == "site") request.sites.push_back(value);
        else if (name == "tag") request.tags.push_back(value);
        else if (name == "language") request.languages.push_back(value);
        else if (name == "type") request.types.push_back(value);
        else if (name == "kind") request.kinds.push_back(value);
        else ADD_FAILURE() << "unknown facet " << name;
        return request;
    }
    static const FacetValue* find(const SearchResult& r, const std::string& facet,
                                  const std::string& value) {
        auto it = r.facets.find(facet);
        if (it == r.facets.end()) return nullptr;
        for (const auto& v : it->second)
            if (v.value == value) return &v;
        return nullptr;
    }
    static test::TempDir* dir_;
};

test::TempDir* FacetTest::dir_ = nullptr;

TEST_F(FacetTest, TheMirrorIsANearDuplicateOfTheBrief) {
    // The precondition of the collapsing tests: the indexer put both in one group.
    SearchRequest request;
    request.query = "sanctions";
    request.collapse = false;
    auto r = run(request);
    ASSERT_TRUE(ids(r).contains(kBrief) && ids(r).contains(kMirror));
}

TEST_F(FacetTest, EveryFacetCountIsWhatItsFilterReturns) {
    const std::vector<std::string> names = {"author", "year", "site",
                                            "tag",    "language", "type", "kind"};
    for (const bool collapse : {true, false}) {
        for (const std::string q : {"", "russia", "sanctions", "europe OR summit"}) {
            SearchRequest request;
            request.query = q;
            request.collapse = collapse;
            request.facet_limit = 100;
            auto r = run(request);
            ASSERT_EQ(r.facets.size(), names.size()) << q;
            for (const auto& name : names) {
                std::size_t checked = 0;
                for (const auto& v : r.facets[name]) {
                    auto narrowed = run(with_filter(request, name, v.value));
                    EXPECT_EQ(narrowed.total, v.count)
                        << "query '" << q << "' " << name << "=" << v.value << " collapse "
                        << collapse;
                    EXPECT_TRUE(narrowed.total_exact);
                    ++checked;
                }
                if (q.empty()) {
                    EXPECT_GT(checked, 0u) << name;
                }
            }
        }
    }
}

TEST_F(FacetTest, DocumentsIndexedBeforeTheFacetSlotCountAlike) {
    // An index from before schema::kSlotFacets: its documents have only the separate slots.
    test::TempDir old;
    std::filesystem::copy(dir_->path() / "index", old.path() / "index");
    {
        Xapian::WritableDatabase db((old.path() / "index").string(), Xapian::DB_OPEN);
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            Xapian::Document doc = db.get_document(*it);
            doc.remove_value(schema::kSlotFacets);
            db.replace_document(*it, doc);
        }
        db.commit();
        ASSERT_EQ(db.get_value_freq(schema::kSlotFacets), 0u);
    }
    Searcher searcher(old.path() / "index");
    for (const bool collapse : {true, false}) {
        for (const std::string q : {"", "russia", "sanctions"}) {
            SearchRequest request;
            request.query = q;
            request.collapse = collapse;
            request.facet_limit = 100;
            const SearchResult now = run(request);
            auto before = searcher.search(request);
            ASSERT_TRUE(before.has_value());
            EXPECT_EQ(before->total, now.total) << q;
            ASSERT_EQ(before->facets.size(), now.facets.size());
            for (const auto& [name, values] : now.facets) {
                const auto& old_values = before->facets.at(name);
                ASSERT_EQ(old_values.size(), values.size()) << name;
                for (std::size_t i = 0; i < values.size(); ++i) {
                    EXPECT_EQ(old_values[i].value, values[i].value) << name;
                    EXPECT_EQ(old_values[i].count, values[i].count) << name;
                    EXPECT_EQ(old_values[i].label, values[i].label) << name;
                }
            }
        }
    }
}

TEST_F(FacetTest, FacetValuesAndLabels) {
    SearchRequest request;
    request.facet_limit = 100;
    auto r = run(request);
    const FacetValue* think = find(r, "site", "think.example.org");
    ASSERT_NE(think, nullptr);
    EXPECT_EQ(think->label, "Think Example");
    const FacetValue* ifri = find(r, "site", "ifri.org");  // www. dropped
    ASSERT_NE(ifri, nullptr);
    EXPECT_EQ(ifri->label, "IFRI");
    EXPECT_EQ(ifri->count, 1u);
    ASSERT_NE(find(r, "language", "fr"), nullptr);
    EXPECT_EQ(find(r, "language", "fr")->count, 1u);
    ASSERT_NE(find(r, "type", "jsonl"), nullptr);
    EXPECT_EQ(find(r, "type", "jsonl")->count, 1u);
    ASSERT_NE(find(r, "type", "html"), nullptr);
    // The brief and its mirror are one result: the tag both have counts once.
    ASSERT_NE(find(r, "tag", "Sanctions"), nullptr);
    EXPECT_EQ(find(r, "tag", "Sanctions")->count, 1u);
    EXPECT_EQ(find(r, "tag", "Reposts")->count, 1u);
    EXPECT_EQ(r.total, facet_docs().size() - 1);
}

TEST_F(FacetTest, ValuesOfOneFacetOrDifferentFacetsAnd) {
    SearchRequest request;
    request.tags = {"water", "ARCTIC"};
    EXPECT_EQ(ids(run(request)), (std::set<std::string>{"https://think.example.org/aral",
                                                         "https://think.example.org/arctic"}));
    request = {};
    request.sites = {"www.ifri.org", "mirror.example.net"};
    EXPECT_EQ(ids(run(request)), (std::set<std::string>{kIfri, kMirror}));
    request.languages = {"FR"};
    EXPECT_EQ(ids(run(request)), (std::set<std::string>{kIfri}));
    request.types = {"html"};
    EXPECT_EQ(run(request).total, 0u);
    request = {};
    request.types = {"jsonl", "html"};
    request.languages = {"en", "fr"};
    EXPECT_EQ(run(request).total, facet_docs().size() - 1);
}

TEST_F(FacetTest, NearDuplicatesCollapseIntoOneHitThatSaysWhereElse) {
    SearchRequest request;
    request.query = "sanctions enforcement";
    auto collapsed = run(request);
    ASSERT_FALSE(collapsed.hits.empty());
    std::size_t copies = 0;
    for (const auto& h : collapsed.hits) {
        if (h.id != kBrief && h.id != kMirror) continue;
        ++copies;
        ASSERT_EQ(h.also_at.size(), 1u);
        const std::string other = h.id == kBrief ? kMirror : kBrief;
        EXPECT_EQ(h.also_at[0].url, other);
        EXPECT_EQ(h.also_at[0].site, h.id == kBrief ? "Mirror Digest" : "Think Example");
    }
    EXPECT_EQ(copies, 1u);
    request.collapse = false;
    auto all = run(request);
    EXPECT_EQ(all.total, collapsed.total + 1);
    EXPECT_TRUE(ids(all).contains(kBrief) && ids(all).contains(kMirror));
    // A filter that keeps only the mirror shows it, still pointing at the original.
    request.collapse = true;
    request.sites = {"mirror.example.net"};
    auto mirror = run(request);
    ASSERT_EQ(mirror.hits.size(), 1u);
    EXPECT_EQ(mirror.hits[0].id, kMirror);
    ASSERT_EQ(mirror.hits[0].also_at.size(), 1u);
    EXPECT_EQ(mirror.hits[0].also_at[0].url, kBrief);
}

TEST_F(FacetTest, RerankGivesTheSameResultsForDocumentsIndexedBeforeTheIdHash) {
    // Documents indexed before schema::kSlotIdHash (and its term) tie by number instead; no
    // two documents here tie, so the results must not differ.
    test::TempDir old;
    std::filesystem::copy(dir_->path() / "index", old.path() / "index");
    {
        Xapian::WritableDatabase db((old.path() / "index").string(), Xapian::DB_OPEN);
        ASSERT_EQ(db.get_value_freq(schema::kSlotIdHash), db.get_doccount());
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            Xapian::Document doc = db.get_document(*it);
            doc.remove_term(schema::id_hash_term(doc.get_value(schema::kSlotIdHash)));
            doc.remove_value(schema::kSlotIdHash);
            db.replace_document(*it, doc);
        }
        db.commit();
    }
    SearchRequest request;
    request.query = "sanctions enforcement";
    request.collapse = false;
    auto with_slot = Searcher(dir_->path() / "index").search(request);
    auto without = Searcher(old.path() / "index").search(request);
    ASSERT_TRUE(with_slot.has_value() && without.has_value());
    ASSERT_FALSE(with_slot->hits.empty());
    ASSERT_EQ(with_slot->hits.size(), without->hits.size());
    for (std::size_t i = 0; i < with_slot->hits.size(); ++i) {
        EXPECT_EQ(with_slot->hits[i].id, without->hits[i].id) << i;
        EXPECT_DOUBLE_EQ(with_slot->hits[i].score, without->hits[i].score) << i;
    }
}

TEST_F(FacetTest, CopiesShowSiteAndUrlAlsoForDocumentsIndexedBeforeTheUrlSlot) {
    // The indexer writes the URL slot that "also at" reads instead of a copy's data.
    {
        Xapian::Database db((dir_->path() / "index").string());
        for (const std::string& id : {kBrief, kMirror}) {
            auto it = db.postlist_begin(schema::unique_id_term(id));
            ASSERT_NE(it, db.postlist_end(schema::unique_id_term(id)));
            EXPECT_EQ(db.get_document(*it).get_value(schema::kSlotUrl), id);
        }
    }
    // An index from before schema::kSlotUrl: the mirror has no URL slot, the brief has one.
    test::TempDir old;
    std::filesystem::copy(dir_->path() / "index", old.path() / "index");
    {
        Xapian::WritableDatabase db((old.path() / "index").string(), Xapian::DB_OPEN);
        const std::string term = schema::unique_id_term(kMirror);
        const Xapian::docid id = *db.postlist_begin(term);
        Xapian::Document doc = db.get_document(id);
        doc.remove_value(schema::kSlotUrl);
        db.replace_document(id, doc);
        db.commit();
        ASSERT_EQ(db.get_value_freq(schema::kSlotUrl), db.get_doccount() - 1);
    }
    Searcher searcher(old.path() / "index");
    SearchRequest request;
    request.query = "sanctions enforcement";
    request.collapse = false;
    auto r = searcher.search(request);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    std::size_t checked = 0;
    for (const auto& h : r->hits) {
        if (h.id != kBrief && h.id != kMirror) continue;
        ++checked;
        ASSERT_EQ(h.also_at.size(), 1u) << h.id;
        // The brief's copy is the mirror, read from its data; the mirror's, from the slots.
        EXPECT_EQ(h.also_at[0].url, h.id == kBrief ? kMirror : kBrief);
        EXPECT_EQ(h.also_at[0].site, h.id == kBrief ? "Mirror Digest" : "Think Example");
    }
    EXPECT_EQ(checked, 2u);
}

TEST_F(FacetTest, SynonymsWorkBothWaysOutsideQuotes) {
    const std::vector<std::vector<std::string>> synonyms = {
        {"SCO", "Shanghai Cooperation Organisation"}};
    const std::string seed = "https://think.example.org/sino-russian";
    auto search = [&](const std::string& q, bool with = true) {
        SearchRequest request;
        request.query = q;
        return ids(run(request, with ? synonyms : std::vector<std::vector<std::string>>{}));
    };
    // Without synonyms each form finds only its own document.
    EXPECT_EQ(search("SCO", false), std::set<std::string>{kScoOnly});
    EXPECT_FALSE(search("\"Shanghai Cooperation Organisation\"", false).contains(kScoOnly));
    // With them, either form finds both.
    EXPECT_EQ(search("SCO"), (std::set<std::string>{kScoOnly, seed}));
    EXPECT_EQ(search("sco"), (std::set<std::string>{kScoOnly, seed}));
    auto long_form = search("Shanghai Cooperation Organisation");
    EXPECT_TRUE(long_form.contains(kScoOnly) && long_form.contains(seed));
    EXPECT_EQ(search("+SCO +Astana"), std::set<std::string>{kScoOnly});
    EXPECT_EQ(search("summit AND SCO"), std::set<std::string>{kScoOnly});
    EXPECT_FALSE(search("russia -SCO").contains(seed));
    EXPECT_EQ(search("(SCO)"), (std::set<std::string>{kScoOnly, seed}));
    // Quoted phrases, field values and wildcards are not rewritten.
    EXPECT_EQ(search("\"SCO\""), std::set<std::string>{kScoOnly});
    EXPECT_EQ(search("\"SCO summit\""), std::set<std::string>{kScoOnly});
    EXPECT_EQ(search("\"Shanghai Cooperation Organisation\""), std::set<std::string>{seed});
    EXPECT_TRUE(search("title:SCO").empty());
    auto wildcard = search("SCO*");
    EXPECT_TRUE(wildcard.contains(kScoOnly) && !wildcard.contains(seed));
    // Words that merely contain a member are left alone.
    EXPECT_FALSE(search("SCOs").contains(seed));
    EXPECT_FALSE(search("SCO-led").contains(seed));
    // The rewriting never shows.
    SearchRequest request;
    request.query = "SCO sumit";
    auto r = run(request, synonyms);
    EXPECT_EQ(r.corrected_query.find("thinkdex"), std::string::npos) << r.corrected_query;
    if (!r.corrected_query.empty()) {
        EXPECT_EQ(r.corrected_query, "SCO summit");
    }
}

TEST(Searcher, WithoutFacetsTheTotalMayBeAnEstimate) {
    test::TempDir dir;
    {
        indexer::IndexWriter writer(dir.path() / "index", "english");
        for (int i = 0; i < 400; ++i)
            writer.upsert(test::fixture_doc(
                "d" + std::to_string(i), "Doc", {"A"}, "2024-01-01",
                std::string(i % 3 ? "alpha " : "") + (i % 5 ? "beta " : "") + test::prose(i, 20)));
        writer.commit();
    }
    Searcher searcher(dir.path() / "index");
    SearchRequest request = words("alpha beta", 1);
    auto exact = searcher.search(request);
    ASSERT_TRUE(exact.has_value());
    EXPECT_TRUE(exact->total_exact);
    request.facets = false;
    auto estimate = searcher.search(request);
    ASSERT_TRUE(estimate.has_value());
    EXPECT_TRUE(estimate->facets.empty());
    EXPECT_EQ(estimate->hits.size(), 1u);
    if (estimate->total_exact) EXPECT_EQ(estimate->total, exact->total);
    else EXPECT_GT(estimate->total, 0u);
}

}  // namespace
}  // namespace thinkdex::query
