#include "near_duplicates.hpp"

#include "extract_text.hpp"

#include <algorithm>
#include <limits>

namespace thinkdex::indexer {

namespace {

// Fewer shingles than this and unrelated short texts (a listing page, a stub) would match.
constexpr std::size_t kMinShingles = 24;
constexpr std::size_t kShingleWords = 3;
constexpr std::size_t kRows = Signature::kSize / Signature::kBands;

// SplitMix64's finaliser: a cheap, well-mixed hash of a 64-bit value.
std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

std::uint64_t shingle_hash(const std::vector<std::string>& w, std::size_t first) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (std::size_t i = first; i < first + kShingleWords; ++i) {
        for (unsigned char c : w[i]) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= ' ';
        h *= 1099511628211ULL;
    }
    return mix(h);
}

}  // namespace

std::optional<Signature> Signature::of(std::string_view text) {
    // Bytes of multi-byte UTF-8 sequences count as word characters, so non-Latin text is
    // compared too.
    const std::vector<std::string> w = detail::lower_words(text);
    if (w.size() < kShingleWords + kMinShingles - 1) return std::nullopt;
    Signature sig;
    sig.mins_.assign(kSize, std::numeric_limits<std::uint32_t>::max());
    for (std::size_t i = 0; i + kShingleWords <= w.size(); ++i) {
        const std::uint64_t h = shingle_hash(w, i);
        // Hash function j: the shingle's hash mixed with j, so one pass serves all of them.
        for (std::size_t j = 0; j < kSize; ++j) {
            const auto v = static_cast<std::uint32_t>(mix(h + j * 0x9e3779b97f4a7c15ULL) >> 32);
            sig.mins_[j] = std::min(sig.mins_[j], v);
        }
    }
    return sig;
}

std::optional<Signature> Signature::from_bytes(std::string_view bytes) {
    if (bytes.size() != kSize * 4) return std::nullopt;
    Signature sig;
    sig.mins_.resize(kSize);
    for (std::size_t j = 0; j < kSize; ++j)
        for (std::size_t b = 0; b < 4; ++b)
            sig.mins_[j] |= std::uint32_t{static_cast<unsigned char>(bytes[j * 4 + b])} << (8 * b);
    return sig;
}

double Signature::similarity(const Signature& other) const {
    std::size_t equal = 0;
    for (std::size_t j = 0; j < kSize; ++j) equal += mins_[j] == other.mins_[j] ? 1 : 0;
    return static_cast<double>(equal) / static_cast<double>(kSize);
}

std::vector<std::uint32_t> Signature::band_keys() const {
    std::vector<std::uint32_t> keys;
    for (std::size_t band = 0; band < kBands; ++band) {
        std::uint64_t h = band;
        for (std::size_t row = 0; row < kRows; ++row) h = mix(h ^ mins_[band * kRows + row]);
        keys.push_back(static_cast<std::uint32_t>(h >> 32));
    }
    return keys;
}

std::string Signature::bytes() const {
    std::string out;  // little-endian, so that an index moves between machines
    out.reserve(kSize * 4);
    for (std::uint32_t v : mins_)
        for (std::size_t b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
    return out;
}

}  // namespace thinkdex::indexer
