#pragma once
// Random numbers for the benchmark programs. std::uniform_int_distribution and friends differ
// between standard libraries, so a corpus or query set drawn with them would change with the
// compiler; these are fully specified, so a seed gives the same output everywhere.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace thinkdex::bench {

/// SplitMix64 (Steele, Lea and Flood): small, fast, and good enough for synthetic data.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for the n used here.
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

    /// Uniform in [lo, hi].
    int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
    }

    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// True with probability p.
    bool chance(double p) { return unit() < p; }

    /// Standard normal (Box-Muller; one of the pair is dropped for simplicity).
    double normal() {
        double u1 = unit(), u2 = unit();
        if (u1 < 1e-300) u1 = 1e-300;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

  private:
    std::uint64_t state_;
};

/// Draws an index with probability proportional to a weight, by binary search in the
/// cumulative weights.
class Discrete {
  public:
    Discrete() = default;
    explicit Discrete(const std::vector<double>& weights) {
        cdf_.reserve(weights.size());
        double sum = 0;
        for (double w : weights) cdf_.push_back(sum += w);
    }

    /// Ranks 0..n-1 with P(k) proportional to 1 / (k + 1 + q)^s (Zipf-Mandelbrot; q = 0 is
    /// plain Zipf). A larger q flattens the head.
    static Discrete zipf(std::size_t n, double s, double q = 0) {
        std::vector<double> weights(n);
        for (std::size_t k = 0; k < n; ++k)
            weights[k] = 1.0 / std::pow(static_cast<double>(k + 1) + q, s);
        return Discrete(weights);
    }

    std::size_t operator()(Rng& rng) const {
        double x = rng.unit() * cdf_.back();
        auto it = std::upper_bound(cdf_.begin(), cdf_.end(), x);
        return std::min(static_cast<std::size_t>(it - cdf_.begin()), cdf_.size() - 1);
    }

    std::size_t size() const { return cdf_.size(); }
    bool empty() const { return cdf_.empty(); }

  private:
    std::vector<double> cdf_;
};

}  // namespace thinkdex::bench
