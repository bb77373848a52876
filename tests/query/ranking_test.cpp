// Ranking: the first pass and its rerankers, on the fixture index.

#include "ranking.hpp"

#include <gtest/gtest.h>

#include "build_query.hpp"
#include "fixture_index.hpp"
#include "test_util.hpp"

namespace thinkdex::query {
namespace {

class RankStageTest : public ::testing::Test {
  protected:
    void SetUp() override {
        test::build_fixture_index(dir_.path() / "index");
        db_ = Xapian::Database((dir_.path() / "index").string());
    }
    RankInput words(const std::string& text, const RankingOptions& ranking = {}) {
        BuiltQuery built =
            build_query(db_, Xapian::Stem("english"), ranking.refine_query, {}, text);
        RankInput in;
        in.query = built.query;
        in.proximity = built.proximity;
        return in;
    }
    std::vector<std::string> ids(const Scored& page) {
        std::vector<std::string> out;
        for (const auto& [id, weight] : page) out.push_back(db_.get_document(id).get_value(0));
        return out;
    }
    test::TempDir dir_;
    Xapian::Database db_;
};

TEST_F(RankStageTest, WithoutWordsNewestFirst) {
    RankInput in;
    in.sort = SortOrder::kNewest;
    in.ranked = false;
    in.limit = 3;
    Ranked ranked = rank(db_, {}, in);
    EXPECT_EQ(ids(ranked.page), (std::vector<std::string>{"20250826", "20250401", "20250205"}));
    EXPECT_EQ(ranked.estimate, 11u);
}

TEST_F(RankStageTest, PagesAreSlicesOfOneOrderAfterTheRerankers) {
    RankInput in = words("russia strategic partnership");
    const Scored all = rank(db_, {}, in).page;
    ASSERT_GE(all.size(), 4u);
    for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].second, all[i].second);
    in.offset = 2;
    in.limit = 2;
    const Scored page = rank(db_, {}, in).page;
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0], all[2]);
    EXPECT_EQ(page[1], all[3]);
}

TEST_F(RankStageTest, PlainBm25HasNoRerankers) {
    const RankingOptions plain = RankingOptions::plain();
    RankInput in = words("russia", plain);
    EXPECT_TRUE(in.proximity.empty());
    in.limit = 3;
    const Scored page = rank(db_, plain, in).page;
    ASSERT_FALSE(page.empty());
    // The first pass's own weights: BM25 scores of one word, without feedback's additions.
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(*make_weight(plain));
    enquire.set_query(in.query);
    Xapian::MSet first = enquire.get_mset(0, 3);
    EXPECT_DOUBLE_EQ(page[0].second, first.begin().get_weight());
}

}  // namespace
}  // namespace thinkdex::query
