// Feedback's expansion words against Xapian's own Enquire::get_eset, which they replace.

#include "feedback.hpp"

#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

#include "build_query.hpp"
#include "test_util.hpp"

namespace thinkdex::query {
namespace {

constexpr Xapian::doccount kFeedbackDocs = 3;  // as feedback.cpp
constexpr unsigned kMinDocs = 2;
constexpr std::size_t kCandidates = 30;
constexpr Xapian::termcount kTerms = 10;

/// The candidate words as feedback.cpp chooses them, for get_eset: words of the top
/// kFeedbackDocs results that kMinDocs of them share, the kCandidates likeliest.
class ReferenceDecider : public Xapian::ExpandDecider {
  public:
    ReferenceDecider(const Xapian::Database& db, const Xapian::MSet& top) {
        std::unordered_map<std::string, std::pair<unsigned, Xapian::termcount>> seen;
        Xapian::doccount docs = kFeedbackDocs;
        for (auto it = top.begin(); it != top.end() && docs-- > 0; ++it)
            for (auto t = db.termlist_begin(*it); t != db.termlist_end(*it); ++t)
                if ((*t).starts_with('Z')) {
                    ++seen[*t].first;
                    seen[*t].second += t.get_wdf();
                }
        std::vector<std::pair<std::string, std::pair<unsigned, Xapian::termcount>>> words;
        for (const auto& [term, s] : seen)
            if (s.first >= kMinDocs && term.size() >= 4 &&
                std::all_of(term.begin() + 1, term.end(), ascii_lower) &&
                !stopper()(term.substr(1)))
                words.emplace_back(term, s);
        std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        for (std::size_t i = 0; i < std::min(words.size(), kCandidates); ++i)
            offered_.insert(words[i].first);
    }
    bool operator()(const std::string& term) const override { return offered_.contains(term); }

  private:
    std::unordered_set<std::string> offered_;
};

/// Documents of words drawn from a small vocabulary, lengths varied: many shared words, ties
/// of frequency and more candidates than kept.
void fill(Xapian::WritableDatabase& db, std::mt19937& random, int documents) {
    std::uniform_int_distribution<int> word(0, 79), length(5, 120);
    for (int d = 0; d < documents; ++d) {
        Xapian::Document doc;
        for (int n = length(random), i = 0; i < n; ++i) {
            const std::string w = "w" + std::string(1, static_cast<char>('a' + word(random) % 26)) +
                                  std::string(1, static_cast<char>('a' + word(random) / 26)) + "x";
            doc.add_term(w);
            doc.add_term("Z" + w);
        }
        doc.add_boolean_term("Qdoc" + std::to_string(d));
        db.add_document(doc);
    }
}

void expect_as_xapian(const Xapian::Database& db, const std::string& what,
                      const std::vector<std::string>& queries, int at_least) {
    int compared = 0;
    for (const std::string& word : queries) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(word));
        const Xapian::MSet top = enquire.get_mset(0, 10);
        if (top.size() < kFeedbackDocs) continue;
        Xapian::RSet rset;
        for (auto it = top.begin(); it != top.end() && rset.size() < kFeedbackDocs; ++it)
            rset.add_document(*it);
        ReferenceDecider decider(db, top);
        const Xapian::ESet expected =
            enquire.get_eset(kTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
        // frequencies looked up one by one, and (as over shards) from one match
        for (const bool over_shards : {false, true}) {
            const std::vector<ExpansionWord> got =
                expansion_words(db, enquire.get_query(), top, over_shards);
            ASSERT_EQ(got.size(), expected.size()) << what << ", query " << word;
            auto e = expected.begin();
            for (std::size_t i = 0; i < got.size(); ++i, ++e) {
                EXPECT_EQ(got[i].term, *e)
                    << what << ", query " << word << ", word " << i << ", " << over_shards;
                EXPECT_NEAR(got[i].weight, e.get_weight(), 1e-9 * std::abs(e.get_weight()))
                    << what << ", query " << word << ", word " << *e << ", " << over_shards;
            }
        }
        ++compared;
    }
    EXPECT_GE(compared, at_least) << what;
}

TEST(Feedback, ExpansionWordsAreXapiansOnOneIndexAndOverShards) {
    test::TempDir dir;
    std::mt19937 random(17);
    Xapian::WritableDatabase one((dir.path() / "one").string(), Xapian::DB_CREATE);
    Xapian::WritableDatabase a((dir.path() / "a").string(), Xapian::DB_CREATE);
    Xapian::WritableDatabase b((dir.path() / "b").string(), Xapian::DB_CREATE);
    fill(one, random, 300);
    fill(a, random, 150);
    fill(b, random, 100);
    one.commit();
    a.commit();
    b.commit();
    const std::vector<std::string> queries = {"Zwaax", "Zwbax", "Zwcbx", "Zwdcx",
                                              "Zweax", "Zwfbx", "Zwgcx"};
    expect_as_xapian(Xapian::Database((dir.path() / "one").string()), "one index", queries, 5);
    Xapian::Database shards((dir.path() / "a").string());
    shards.add_database(Xapian::Database((dir.path() / "b").string()));
    expect_as_xapian(shards, "two shards", queries, 5);
}

// Twelve words with the same statistics weigh the same: which ten are kept is Xapian's choice
// at the cut (once full, a word no heavier than the lightest kept is skipped).
TEST(Feedback, EqualWeightsAtTheCutAreKeptAsXapianKeepsThem) {
    test::TempDir dir;
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
    for (int d = 0; d < 3; ++d) {
        Xapian::Document doc;
        doc.add_term("Zwater", 5);
        for (char c = 'a'; c < 'a' + 12; ++c) doc.add_term("Z" + std::string(4, c));
        db.add_document(doc);
    }
    for (int d = 0; d < 20; ++d) {
        Xapian::Document doc;
        doc.add_term("Zfiller" + std::string(1, static_cast<char>('a' + d)), 13);
        db.add_document(doc);
    }
    db.commit();
    expect_as_xapian(db, "ties", {"Zwater"}, 1);
}

TEST(Feedback, NoWordsWithoutEnoughResults) {
    test::TempDir dir;
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("Zwater");
    db.add_document(doc);
    db.commit();
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("Zwater"));
    EXPECT_TRUE(expansion_words(db, enquire.get_query(), enquire.get_mset(0, 10), false).empty());
}

}  // namespace
}  // namespace thinkdex::query
