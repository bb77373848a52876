#pragma once
// bench-query's queries: one to three words drawn from the index's own vocabulary in three
// document-frequency bands (common, medium, rare).

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace thinkdex::bench {

enum class Band { kRare, kMedium, kCommon };
inline constexpr const char* kBandNames[] = {"rare", "medium", "common"};

struct Query {
    std::string text;
    std::size_t words = 0;
    Band band = Band::kRare;  ///< band of its most frequent word
};

/// One- to three-word queries (a third each) from the unstemmed vocabulary of the index. Each
/// word comes from a band chosen with probability 30% common, 45% medium, 25% rare, uniformly
/// within the band: users mostly type topical words, sometimes a broad one, sometimes a name.
std::vector<Query> make_queries(const Xapian::Database& db, std::size_t count, std::uint64_t seed);

}  // namespace thinkdex::bench
