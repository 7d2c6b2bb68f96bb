//===- Random.h - Portable seeded random numbers ----------------*- C++ -*-===//
//
// std::mt19937 is portable but the std distributions are not (libstdc++ and
// libc++ differ, and versions change), so nmc's stimuli use these instead:
// SplitMix64 (Steele, Lea & Flood 2014) to expand seeds and xoshiro256**
// (Blackman & Vigna 2018) as the generator. Both are fully specified integer
// recurrences: the same seed gives the same stream on every platform.
//===----------------------------------------------------------------------===//
#ifndef NMC_SUPPORT_RANDOM_H
#define NMC_SUPPORT_RANDOM_H

#include <cstdint>

namespace nmc {

/// SplitMix64: a 64-bit counter passed through a bijective mixer.
class SplitMix64 {
public:
  explicit SplitMix64(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

private:
  uint64_t state;
};

/// xoshiro256**: 256-bit state, period 2^256 - 1, ~1 ns per draw.
class Xoshiro256 {
public:
  /// State = four SplitMix64 outputs of `seed` (never all zero).
  explicit Xoshiro256(uint64_t seed) {
    SplitMix64 sm(seed);
    for (uint64_t &w : s)
      w = sm.next();
  }
  /// The stream of sample `stream` of a seeded source: distinct, independent
  /// of how many samples run before it.
  static Xoshiro256 forStream(uint64_t seed, uint64_t stream) {
    return Xoshiro256(
        SplitMix64(seed ^ (stream * 0xD1B54A32D192ED03ull)).next());
  }
  uint64_t next() {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
  /// Uniform double in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s[4];
};

} // namespace nmc

#endif // NMC_SUPPORT_RANDOM_H
