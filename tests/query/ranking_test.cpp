// Ranking: the first pass and its rerankers, on the fixture index.

#include "ranking.hpp"

#include <gtest/gtest.h>

#include "build_query.hpp"
#include "fixture_index.hpp"
#include "test_util.hpp"
#include "thinkdex/common/schema.hpp"

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

// Oldest first sorts by kSlotOldestFirst, which travels to remote shards; an index written
// before that value makes the same order from the date.
TEST(RankOldestFirst, UndatedLastWithTheSortValueAndWithoutIt) {
    test::TempDir dir;
    for (const bool with_value : {true, false}) {
        const auto path = dir.path() / (with_value ? "new" : "old");
        Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
        for (const char* date : {"20200101", "", "20010101"}) {
            Xapian::Document doc;
            doc.add_term("report");
            doc.add_value(schema::kSlotDate, date);
            if (with_value) doc.add_value(schema::kSlotOldestFirst, schema::oldest_first_key(date));
            db.add_document(doc);
        }
        db.commit();
        RankInput in;
        in.query = Xapian::Query("report");
        in.sort = SortOrder::kOldest;
        in.ranked = false;
        std::vector<std::string> dates;
        for (const auto& [id, weight] : rank(db, {}, in).page)
            dates.push_back(db.get_document(id).get_value(schema::kSlotDate));
        EXPECT_EQ(dates, (std::vector<std::string>{"20010101", "20200101", ""})) << with_value;
    }
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
