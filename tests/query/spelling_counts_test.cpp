// spelling_counts(): the spelling data recovered from term statistics (what a remote shard
// sends) equals the spelling table the IndexWriter keeps, word for word and count for count.

#include "spelling_counts.hpp"

#include <gtest/gtest.h>

#include "fixture_index.hpp"
#include "test_util.hpp"

namespace thinkdex::query {
namespace {

std::map<std::string, Xapian::termcount> spelling_table(const Xapian::Database& db) {
    std::map<std::string, Xapian::termcount> out;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
        out.emplace(*w, w.get_termfreq());
    return out;
}

TEST(SpellingCounts, EqualTheIndexWritersSpellingTable) {
    test::TempDir dir;
    const auto path = dir.path() / "index";
    {
        indexer::IndexWriter writer(path, "english");
        for (const auto& doc : test::fixture_docs()) writer.upsert(doc);
        // Title words repeated in the body, accented words beside their ASCII forms (in the
        // title too), words of other scripts, CJK text, authors, a summary, a PDF's text.
        auto accents = test::fixture_doc(
            "accents", "Café société: Québec café Cafe", {"Zoë Müller"}, "2024-01-01",
            "Le café de Québec et la societe. Cafe cafe café Wärmeplanung warmeplanung "
            "пшеница пшеницы 中国和哈萨克斯坦 l'économie économie.");
        accents.summary = "A summary not in the body about Quebec";
        accents.pdf_texts = {"Café report text with saxaul"};
        writer.upsert(accents);
        // Replaced and removed documents take their spelling data back.
        auto replaced = test::fixture_doc("replaced", "Old title words", {}, "2020-02-02",
                                          "old words that go away");
        writer.upsert(replaced);
        writer.commit();
        replaced.title = "New title words";
        replaced.body = "new words that stay";
        writer.upsert(replaced);
        writer.upsert(test::fixture_doc("removed", "Removed", {}, "2020", "vanishing words"));
        writer.commit();
        writer.remove(test::fixture_doc("removed", "", {}, "", "").id);
        writer.commit();
    }
    const Xapian::Database db(path.string());
    const auto table = spelling_table(db);
    ASSERT_GT(table.size(), 100u);
    EXPECT_TRUE(table.contains("café"));
    EXPECT_FALSE(table.contains("vanishing"));
    const auto counts = spelling_counts(db);
    // Word by word first, so that a difference is named.
    for (const auto& [word, count] : counts)
        EXPECT_EQ(count, table.contains(word) ? table.at(word) : 0) << word;
    for (const auto& [word, count] : table) EXPECT_TRUE(counts.contains(word)) << word;
    EXPECT_EQ(counts, table);
    // Read over several handles at once, as from a remote shard.
    EXPECT_EQ(spelling_counts([&path] { return Xapian::Database(path.string()); }, 3), table);
}

}  // namespace
}  // namespace thinkdex::query
