// Searches while the index changes: a searcher sees whole committed batches only, and moves
// on to new revisions. A searcher's first search, on one thread and one handle, answers as its
// later ones, on two.

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "fixture_index.hpp"
#include "search_request.hpp"
#include "test_util.hpp"
#include "thinkdex/indexer/index_writer.hpp"
#include "thinkdex/query/render.hpp"
#include "thinkdex/query/search.hpp"

namespace thinkdex::query {
namespace {

TEST(Searcher, SearchesWhileTheIndexChanges) {
    test::TempDir dir;
    auto path = dir.path() / "index";
    test::build_fixture_index(path);
    Searcher searcher(path);
    ASSERT_TRUE(searcher.search(words("russia")).has_value());
    {
        // Several commits overwrite the revision the searcher opened; it must reopen and
        // still answer, seeing whole batches only.
        indexer::IndexWriter writer(path, "english");
        for (int round = 0; round < 4; ++round) {
            for (int i = 0; i < 30; ++i) {
                auto doc = test::fixture_doc("extra-" + std::to_string(i), "Extra russia",
                                             {"Batch Writer"}, "2020-01-01",
                                             "russia round " + std::to_string(round));
                writer.upsert(doc);
            }
            writer.commit();
        }
    }
    auto r = searcher.search(words("russia", 100));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    // Either the old revision (no extras) or the new one (all 30): never part of a batch.
    std::size_t extras = 0;
    for (const auto& h : r->hits) extras += h.id.find("extra-") != std::string::npos;
    EXPECT_TRUE(extras == 0 || extras == 30) << extras;
}

TEST(Searcher, SearchesDuringIndexingSeeWholeBatchesOnly) {
    test::TempDir dir;
    const auto path = dir.path() / "index";
    constexpr int kBatches = 25;
    constexpr std::size_t kBatchSize = 7;
    { indexer::IndexWriter(path, "english").commit(); }
    std::atomic<int> committed{0};
    std::thread writer_thread([&] {
        indexer::IndexWriter writer(path, "english");
        for (int b = 0; b < kBatches; ++b) {
            for (std::size_t i = 0; i < kBatchSize; ++i)
                writer.upsert(test::fixture_doc(
                    "b" + std::to_string(b) + "-" + std::to_string(i), "Batch report", {"W"},
                    "2024-01-01", "concurrent batch report " +
                        test::prose(static_cast<unsigned>(b * 100) + static_cast<unsigned>(i), 40),
                    {"batch-" + std::to_string(b)}));
            writer.commit();
            committed = b + 1;
        }
    });
    Searcher long_lived(path);
    std::size_t searches = 0, full_batches_seen = 0, long_lived_full = 0;
    std::vector<std::string> failures;
    // Each search sees a batch whole or not at all; `full` counts the whole ones.
    auto check = [&](Searcher& searcher, const SearchRequest& request, int batch,
                     std::size_t& full) {
        auto r = searcher.search(request);
        ++searches;
        if (!r) failures.push_back(r.error().message);
        else if (r->total == kBatchSize) ++full;
        else if (r->total != 0)
            failures.push_back("batch " + std::to_string(batch) + ": " + std::to_string(r->total));
    };
    // A search that throws is a failure too (and the writer must still be joined).
    try {
        while (committed < kBatches || searches == 0) {
            for (int b = 0; b <= std::min(committed.load(), kBatches - 1); ++b) {
                SearchRequest request = words("concurrent report", 3);
                request.tags = {"batch-" + std::to_string(b)};
                check(long_lived, request, b, long_lived_full);
                Searcher fresh(path);  // as the CGI: the newest committed revision
                check(fresh, request, b, full_batches_seen);
            }
        }
    } catch (const std::exception& e) {
        failures.push_back(std::string("search threw: ") + e.what());
    }
    writer_thread.join();
    EXPECT_TRUE(failures.empty()) << failures.size() << " bad searches, first: "
                                  << (failures.empty() ? "" : failures.front());
    EXPECT_GT(full_batches_seen, 0u);
    // The long-lived searcher moves on to new revisions too.
    EXPECT_GT(long_lived_full, 0u);
    Searcher after(path);
    SearchRequest all = words("concurrent", 1);
    auto r = after.search(all);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->total, kBatches * kBatchSize);
}

TEST(Searcher, FirstSearchOnOneThreadAnswersAsLaterOnesOnTwo) {
    test::TempDir dir;
    const auto path = dir.path() / "index";
    test::build_fixture_index(path);
    SearchRequest filtered = words("water OR russia OR policy", 3);
    filtered.years = {"2023", "2024"};
    for (const SearchRequest& request :
         {words("russia"), words("central asia water", 2), filtered}) {
        Searcher searcher(path);
        auto first = searcher.search(request);   // the helper's part deferred, on `db`
        auto second = searcher.search(request);  // on the helper thread, with its own handle
        ASSERT_TRUE(first.has_value() && second.has_value());
        ASSERT_FALSE(first->hits.empty()) << request.query;
        first->elapsed_ms = second->elapsed_ms = 0;
        EXPECT_EQ(render_json(*first), render_json(*second)) << request.query;
    }
}

TEST(Searcher, BothThreadsSeeTheIndexAsItIsNow) {
    // The first search runs on one thread and handle; the helper's handle opens for the second.
    // After a change both threads must read the index as it is now, or the helper would count,
    // or look for, documents that are gone.
    test::TempDir dir;
    const auto path = dir.path() / "index";
    test::build_fixture_index(path);
    Searcher searcher(path);
    ASSERT_TRUE(searcher.search(words("russia", 20)).has_value());  // one thread
    auto first = searcher.search(words("russia", 20));              // two
    ASSERT_TRUE(first.has_value() && first->hits.size() >= 2);
    std::set<std::string> removed;
    {
        indexer::IndexWriter writer(path, "english");
        for (const auto& hit : first->hits) {
            ASSERT_TRUE(writer.remove(hit.id));
            removed.insert(hit.id);
        }
        writer.commit();
    }
    auto second = searcher.search(words("russia", 20));
    ASSERT_TRUE(second.has_value()) << second.error().message;
    for (const auto& hit : second->hits) EXPECT_FALSE(removed.contains(hit.id)) << hit.id;
    EXPECT_EQ(second->total, second->hits.size());
}

}  // namespace
}  // namespace thinkdex::query
