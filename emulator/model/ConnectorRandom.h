//===- ConnectorRandom.h - Counter-based draws for connectors ---*- C++ -*-===//
//
// The std distributions are implementation-defined, so a connector draws from
// its own: a counter-based stream (value k of stream (seed, key) is a hash of
// the three, SplitMix64's mixer, Steele, Lea & Flood 2014), uniform doubles
// with 53 bits, unbiased integers below a bound (Lemire 2019), Box-Muller
// normals, geometric skips, and binomial / hypergeometric variates by exact
// inversion searching outwards from the mode (cost ~ the standard deviation).
//===----------------------------------------------------------------------===//
#ifndef NMC_MODEL_CONNECTORRANDOM_H
#define NMC_MODEL_CONNECTORRANDOM_H

#include <cmath>
#include <cstdint>

namespace nmc::model::detail {

inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Stream `key` of `seed`: draw k is mix64(base + (k + 1) * golden), where
/// base hashes (seed, key). Streams of different keys never share a state
/// sequence start, and nothing depends on other streams' use.
class Stream {
public:
  Stream(uint64_t seed, uint64_t key)
      : state(mix64(mix64(seed ^ 0x6A09E667F3BCC908ull) ^
                    (key * 0xD1B54A32D192ED03ull + 0x3C6EF372FE94F82Bull))) {}

  uint64_t next() { return mix64(state += 0x9E3779B97F4A7C15ull); }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform in (0, 1].
  double uniformPositive() { return 1.0 - uniform(); }
  /// Uniform integer in [0, n), n >= 1, without modulo bias (Lemire).
  uint64_t below(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }
  /// Standard normal (Box-Muller, one value per two uniforms).
  double normal() {
    const double u1 = uniformPositive(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) *
           std::cos(6.283185307179586476925 * u2);
  }
  /// Failures before the first success of Bernoulli(p) trials, given
  /// log1mp = log(1 - p) < 0. Returned as a double (may exceed int64).
  double geometricSkip(double log1mp) {
    return std::floor(std::log(uniformPositive()) / log1mp);
  }

  int64_t binomial(int64_t n, double p);
  int64_t hypergeometric(int64_t total, int64_t good, int64_t draws);

private:
  uint64_t state;
};

} // namespace nmc::model::detail

#endif // NMC_MODEL_CONNECTORRANDOM_H
