//===- FastRoundTest.cpp - roundHalfAway and pow2 equal libm ---------------===//
//
// nmc/Support/FastRound.h replaces std::round and std::ldexp in the
// connector expansion and the SpiNNaker weight coding; both must give the
// library's results bit for bit: hand-picked ties and edges, then random
// values of every magnitude.
//===----------------------------------------------------------------------===//
#include "nmc/Support/FastRound.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

using nmc::pow2;
using nmc::roundHalfAway;

namespace {

/// Equal values (a zero's sign aside, see FastRound.h), or both NaN.
void expectSame(double x) {
  const double want = std::round(x), got = roundHalfAway(x);
  if (std::isnan(want))
    EXPECT_TRUE(std::isnan(got)) << x;
  else
    EXPECT_EQ(got, want) << std::hexfloat << x;
}

TEST(FastRound, TiesGoAwayFromZeroAsStdRound) {
  EXPECT_EQ(roundHalfAway(2.5), 3.0);
  EXPECT_EQ(roundHalfAway(-2.5), -3.0);
  EXPECT_EQ(roundHalfAway(0.5), 1.0);
  EXPECT_EQ(roundHalfAway(2.4999999999999996), 2.0);
  EXPECT_EQ(roundHalfAway(0.49999999999999994), 0.0); // floor(x + .5) fails
  EXPECT_EQ(roundHalfAway(4503599627370495.5), 4503599627370496.0);
  for (double x : {0.0, -0.0, 1.0, -1.0, 1e-300, 0.5 - 1e-17, 1.5, 7.5e15,
                   4503599627370496.0, 9007199254740993.0, 1e300,
                   std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity(),
                   std::numeric_limits<double>::quiet_NaN()})
    expectSame(x);
}

TEST(FastRound, RandomValuesOfEveryMagnitude) {
  std::mt19937_64 rng(11);
  auto randomDouble = [&](uint64_t exponent) {
    return std::bit_cast<double>((rng() & (uint64_t(1) << 63)) |
                                 exponent << 52 |
                                 (rng() & ((uint64_t(1) << 52) - 1)));
  };
  for (int k = 0; k < 200000; ++k) {
    expectSame(randomDouble(rng() % 0x7FF)); // any finite magnitude
    expectSame(randomDouble(1021 + rng() % 56)); // 0.25 .. 2^55
    // Quarters and values a hair off them.
    expectSame(double(int64_t(rng() % 100000)) / 4 +
               (k % 3 == 0 ? 0 : std::ldexp(1.0, -int(rng() % 60))));
  }
}

TEST(FastRound, Pow2TimesEqualsLdexp) {
  std::mt19937_64 rng(5);
  for (int e = -30; e <= 30; ++e)
    for (int k = 0; k < 1000; ++k) {
      const double x = std::bit_cast<double>(rng() >> 2); // finite, >= 0
      EXPECT_EQ(x * pow2(e), std::ldexp(x, e)) << x << " " << e;
    }
  for (double x : {1e-310, 3e-308, 2.2250738585072014e-308, 5e-324})
    for (int e = -30; e <= 30; ++e)
      EXPECT_EQ(x * pow2(e), std::ldexp(x, e)) << x << " " << e; // subnormal
  EXPECT_EQ(pow2(0), 1.0);
  EXPECT_EQ(pow2(-1), 0.5);
  EXPECT_EQ(pow2(15), 32768.0);
  EXPECT_EQ(pow2(-1022), std::numeric_limits<double>::min());
}

} // namespace
