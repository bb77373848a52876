// update_spelling_db(): the spelling database of shards holds the spelling data of one index of
// their documents, is brought up to date by changing what differs, and is where a search over
// shards takes "did you mean" from; a missing or unreadable one fails no search.

#include "thinkdex/query/spelling_db.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>

#include "fixture_index.hpp"
#include "test_util.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex::query {
namespace {

using Table = std::map<std::string, Xapian::termcount>;

Table spelling_table(const std::filesystem::path& path) {
    const Xapian::Database db(path.string());
    Table out;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
        out.emplace(*w, w.get_termfreq());
    return out;
}

/// The fixture's documents in one index ("single") and, by turns, in two ("a", "b"), with a
/// stub file of the two as local shards.
class SpellingDb : public ::testing::Test {
  protected:
    void SetUp() override {
        indexer::IndexWriter single(dir_.path() / "single", "english");
        indexer::IndexWriter a(dir_.path() / "a", "english");
        indexer::IndexWriter b(dir_.path() / "b", "english");
        std::size_t i = 0;
        for (const auto& doc : test::fixture_docs()) {
            single.upsert(doc);
            (i++ % 2 ? a : b).upsert(doc);
        }
        single.commit();
        a.commit();
        b.commit();
        test::write_file(stub_, "auto a\nauto b\n");
    }
    IndexSource source() const {
        IndexSource out;
        out.path = stub_;
        return out;
    }
    test::TempDir dir_;
    std::filesystem::path stub_ = dir_.path() / "shards.stub";
};

TEST_F(SpellingDb, HoldsTheSpellingDataOfOneIndexBesideTheStub) {
    ASSERT_EQ(spelling_path(source()), dir_.path() / "shards.stub.spelling");
    const SpellingDbStats stats = update_spelling_db(source());
    EXPECT_EQ(stats.shards, 2u);
    const Table one = spelling_table(dir_.path() / "single");
    EXPECT_EQ(stats.words, one.size());
    EXPECT_EQ(stats.added, one.size());
    EXPECT_EQ(spelling_table(stats.path), one);

    // Again, unchanged: nothing to write.
    const SpellingDbStats again = update_spelling_db(source());
    EXPECT_EQ(again.added + again.removed + again.changed, 0u);
}

TEST_F(SpellingDb, AnUpdateChangesWhatDiffers) {
    update_spelling_db(source());
    {
        indexer::IndexWriter a(dir_.path() / "a", "english");
        indexer::IndexWriter single(dir_.path() / "single", "english");
        auto doc = test::fixture_doc("new", "Zanzibar cloves", {}, "2025", "zanzibar and russia");
        a.upsert(doc);
        single.upsert(doc);
        const std::string gone = test::fixture_docs()[1].id;  // in shard a
        EXPECT_TRUE(a.remove(gone));
        EXPECT_TRUE(single.remove(gone));
        a.commit();
        single.commit();
    }
    const SpellingDbStats stats = update_spelling_db(source());
    EXPECT_GT(stats.added, 0u);    // zanzibar, cloves
    EXPECT_GT(stats.removed, 0u);  // the removed document's own words
    EXPECT_GT(stats.changed, 0u);  // and, russia
    EXPECT_EQ(spelling_table(stats.path), spelling_table(dir_.path() / "single"));
}

TEST_F(SpellingDb, OneIndexOrAShardListWithoutANameIsRefused) {
    IndexSource one;
    one.path = dir_.path() / "single";
    EXPECT_THROW(update_spelling_db(one), ConfigError);
    IndexSource listed;
    listed.shards = {(dir_.path() / "a").string()};
    EXPECT_THROW(update_spelling_db(listed), ConfigError);
    listed.spelling = dir_.path() / "listed.spelling";
    EXPECT_EQ(update_spelling_db(listed).shards, 1u);
}

TEST_F(SpellingDb, MissingOrUnreadableFailsNoSearch) {
    SearchRequest request;
    request.query = "russia";
    IndexSource named = source();
    named.spelling = dir_.path() / "nowhere";
    named.spelling_named = true;
    auto found = Searcher(named).search(request);
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_GT(found->total, 0u);
    // Not a Xapian database.
    std::filesystem::create_directories(dir_.path() / "junk");
    test::write_file(dir_.path() / "junk" / "iamglass", "not a database");
    named.spelling = dir_.path() / "junk";
    found = Searcher(named).search(request);
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_GT(found->total, 0u);
}

}  // namespace
}  // namespace thinkdex::query
