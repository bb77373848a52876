#include "bench_query_set.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "bench_random.hpp"
#include "thinkdex/common/error.hpp"

namespace thinkdex::bench {

namespace {

// Document-frequency bands of query words, as fractions of the collection.
constexpr double kCommonFraction = 0.01;  // in at least 1% of documents
constexpr double kRareFraction = 0.0001;  // in fewer than 0.01% (10 of 100,000)

bool is_stopword(const std::string& word) {
    // Words nobody types as a search (the default OR would make them match almost everything).
    static const std::vector<std::string> kStop = {
        "and", "are",   "but",  "for",  "from", "had", "has",  "have",  "its",  "not",  "that",
        "the", "their", "them", "they", "this", "was", "were", "which", "will", "with", "would"};
    return std::find(kStop.begin(), kStop.end(), word) != kStop.end();
}

}  // namespace

std::vector<Query> make_queries(const Xapian::Database& db, std::size_t count, std::uint64_t seed) {
    const double docs = db.get_doccount();
    std::vector<std::pair<std::string, Xapian::doccount>> bands[3];
    // Unprefixed words start with a lower-case letter; prefixes are capitals, so they sort
    // first and the words form one run from "a".
    auto it = db.allterms_begin();
    for (it.skip_to("a"); it != db.allterms_end(); ++it) {
        const std::string term = *it;
        if (term.empty() || term[0] > 'z') break;
        if (term.size() < 3 || term.size() > 20 || is_stopword(term) ||
            !std::all_of(term.begin(), term.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            continue;
        // On a small index "rare" still means a handful of documents.
        const double tf = it.get_termfreq();
        Band band = tf >= kCommonFraction * docs               ? Band::kCommon
                    : tf < std::max(kRareFraction * docs, 3.0) ? Band::kRare
                                                               : Band::kMedium;
        bands[static_cast<int>(band)].emplace_back(term, it.get_termfreq());
    }
    for (int b = 0; b < 3; ++b) {
        spdlog::info("bench-query: {} {} words", bands[b].size(), kBandNames[b]);
        if (bands[b].empty())
            throw thinkdex::Fatal(
                fmt::format("bench-query: no {} words in the index; is it "
                            "large enough?",
                            kBandNames[b]));
    }
    const thinkdex::bench::Discrete band_choice({0.25, 0.45, 0.30});  // rare, medium, common
    Rng rng(seed);
    std::vector<Query> queries;
    for (std::size_t i = 0; i < count; ++i) {
        Query q;
        q.words = 1 + i % 3;
        for (std::size_t w = 0; w < q.words; ++w) {
            auto band = band_choice(rng);
            const auto& pool = bands[band];
            if (!q.text.empty()) q.text += ' ';
            q.text += pool[rng.below(pool.size())].first;
            q.band = std::max(q.band, static_cast<Band>(band));
        }
        queries.push_back(std::move(q));
    }
    return queries;
}

}  // namespace thinkdex::bench
