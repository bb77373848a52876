#pragma once
// Near-duplicate detection with MinHash (Broder 1997) and locality-sensitive hashing bands:
// the same brief on a think tank's site and on a blog that mirrors it has almost the same set
// of word 3-shingles, whatever the mirror adds around it.
//
// A simhash within 3 bits (Manku et al. 2007) was tried first; it tolerates only about 1% of
// the shingles changing, while a mirror's extracted text often differs by a few percent.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thinkdex::indexer {

/// Estimated Jaccard similarity of shingle sets from which two texts are near-duplicates.
inline constexpr double kNearDuplicateSimilarity = 0.8;

/// A MinHash signature: the least hash of the text's shingles under each of kSignatureSize
/// hash functions.
class Signature {
  public:
    static constexpr std::size_t kSize = 64;
    static constexpr std::size_t kBands = 16;  // of kSize / kBands rows each

    /// The signature of `text`, or nothing when the text is too short for similarity to mean
    /// anything (a few words agree by chance).
    static std::optional<Signature> of(std::string_view text);
    /// From bytes(); nothing if they are not a signature.
    static std::optional<Signature> from_bytes(std::string_view bytes);

    /// Fraction of equal hashes: an estimate of the shingle sets' Jaccard similarity.
    double similarity(const Signature& other) const;
    /// One key per band: two texts of similarity s share at least one with probability
    /// 1 - (1 - s^4)^16 (0.9998 at s = 0.8, 0.64 at s = 0.5), so band keys find candidates.
    std::vector<std::uint32_t> band_keys() const;
    /// Compact form for a value slot.
    std::string bytes() const;

  private:
    std::vector<std::uint32_t> mins_;
};

}  // namespace thinkdex::indexer
