#pragma once
// What bench-query times: plain Xapian on the same database with one cost added at a time, and
// thinkdex's Searcher, on the index and on a stub file of remote shards with one cost taken
// away at a time.

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "thinkdex/query/search.hpp"

namespace thinkdex::bench {

/// Plain Xapian on the same database, with a query parser set up as the searcher's is for
/// plain words (stemming, default OR, title and author prefixes).
class XapianBaseline {
  public:
    enum class Level { kTop, kExact, kFacets, kSnippets, kPlainSnippets };

    explicit XapianBaseline(const std::filesystem::path& db);

    /// Runs one query; returns the (estimated) number of matches.
    std::size_t run(const std::string& text, Level level);

    std::size_t sink() const { return sink_; }

  private:
    Xapian::Database db_;
    Xapian::Stem stemmer_;
    Xapian::QueryParser parser_;
    std::size_t sink_ = 0;  // keeps the snippet work from being optimised away
};

struct Variant {
    std::string key;   ///< for --variants
    std::string name;  ///< in the table
    std::function<std::size_t(const std::string&)> run;
};

/// The variants in the table's order: the xapian baseline, the steps `wanted` names
/// (--variants), thinkdex, then with `stub` the remote breakdown (those of it that `wanted`
/// names, or all). Sets `thinkdex_at` to the place of thinkdex's own variant.
std::vector<Variant> make_variants(const std::vector<std::string>& wanted,
                                   XapianBaseline& baseline, thinkdex::query::Searcher& searcher,
                                   std::optional<thinkdex::query::Searcher>& stub,
                                   std::size_t& thinkdex_at);

}  // namespace thinkdex::bench
