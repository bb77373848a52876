// The rerank pass's left side in its two forms: by document number on a local index, by unique
// id term over shards. Both must give the same documents with the same weights.

#include "ranked_docs.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "thinkdex/common/schema.hpp"

namespace thinkdex::query {
namespace {

namespace schema = thinkdex::schema;

/// 40 documents of one shared word, repeated 1 to 5 times (ties of weight), and a second
/// word in every third; each with its unique id term and, but for `without_slot` (indexed
/// before them), the id hash that the first pass sorts ties by and its term.
Xapian::WritableDatabase index_of(int without_slot) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int d = 0; d < 40; ++d) {
        Xapian::Document doc;
        doc.add_term("water", static_cast<Xapian::termcount>(1 + d % 5));
        if (d % 3 == 0) doc.add_term("policy");
        const std::string id = "doc" + std::to_string(d);
        doc.add_boolean_term(schema::unique_id_term(id));
        if (d != without_slot) {
            doc.add_value(schema::kSlotIdHash, schema::id_hash(id));
            doc.add_boolean_term(schema::id_hash_term(schema::id_hash(id)));
        }
        db.add_document(doc);
    }
    return db;
}

Scored matches(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_sort_by_relevance_then_value(schema::kSlotIdHash, false);
    Scored out;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.emplace_back(*it, it.get_weight());
    return out;
}

TEST(RankedDocs, BothFormsGiveTheTopDocumentsWithTheirWeights) {
    for (const int without_slot : {-1, 4}) {
        const Xapian::WritableDatabase db = index_of(without_slot);
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query("water"));
        enquire.set_sort_by_relevance_then_value(schema::kSlotIdHash, false);
        const Xapian::MSet first = enquire.get_mset(0, 30);
        ASSERT_EQ(first.size(), 30U);
        Scored top;  // the first 12, with weights of their own, some equal
        for (auto it = first.begin(); top.size() < 12; ++it)
            top.emplace_back(*it, 10.0 - static_cast<double>(top.size() / 2));

        const Xapian::Query local = ranked_docs(db, first, top, false);
        const Xapian::Query shards = ranked_docs(db, first, top, true);
        Scored expected = top;
        std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
            return a.second > b.second;
        });
        const Scored by_number = matches(db, local);
        ASSERT_EQ(by_number.size(), top.size()) << without_slot;
        EXPECT_EQ(by_number, matches(db, shards)) << without_slot;
        for (const auto& [id, weight] : by_number)
            EXPECT_NE(std::find(top.begin(), top.end(), std::pair(id, weight)), top.end())
                << "document " << id << " weight " << weight;

        // As the rerank pass uses it: words add to those documents' weights, and find no other.
        const auto adding = [](const Xapian::Query& left) {
            return Xapian::Query(Xapian::Query::OP_AND_MAYBE, left, Xapian::Query("policy"));
        };
        const Scored reranked = matches(db, adding(local));
        EXPECT_EQ(reranked, matches(db, adding(shards))) << without_slot;
        ASSERT_EQ(reranked.size(), top.size());
        EXPECT_NE(reranked, by_number) << "policy reordered nothing";
    }
}

}  // namespace
}  // namespace thinkdex::query
