//===- FixedPointTest.cpp - Fixed-point arithmetic, hand-computed -------===//
//
// Every expected raw value below was worked out by hand from the rules in
// docs/semantics.md ("Fixed-point arithmetic"): value = raw / 2^F; products
// are exact before one rounding to F fraction bits; nearest rounds ties
// away from zero; truncate rounds toward minus infinity; results saturate.
//===----------------------------------------------------------------------===//
#include "nmc/Model/FixedPoint.h"
#include "nmc/Model/NeuronModel.h"

#include <gtest/gtest.h>

#include <vector>

using namespace nmc::model;

namespace {

const FixedFormat kS16_15{true, 16, 15};
const FixedFormat kS0_15{true, 0, 15};
const FixedFormat kU0_16{false, 0, 16};
const FixedFormat kS7_0{true, 7, 0};
const FixedFormat kS4_0{true, 4, 0};

int64_t convert(double x, const FixedFormat &f, Rounding r,
                QuantizeStats *stats = nullptr) {
  return fixed::fromDouble(x, f, r, nullptr, stats);
}
int64_t mul(int64_t a, int64_t b, const FixedFormat &f, Rounding r,
            QuantizeStats *stats = nullptr) {
  return fixed::mul(a, b, f, r, nullptr, stats);
}

} // namespace

TEST(FixedFormat, ParseAndPrint) {
  EXPECT_EQ(parseFixedFormat("s16.15"), kS16_15);
  EXPECT_EQ(parseFixedFormat("u0.16"), kU0_16);
  EXPECT_EQ(parseFixedFormat("s7.0"), kS7_0);
  for (const char *bad :
       {"", "s16", "s16.", "x16.15", "s16.15x", "s-1.15",
        "s16.16" /* 33 bits */, "u16.17", "s0.0", "S16.15", "s1234.1"})
    EXPECT_FALSE(parseFixedFormat(bad)) << bad;
  EXPECT_EQ(toString(kS16_15), "s16.15");
  EXPECT_EQ(toString(kU0_16), "u0.16");
  EXPECT_EQ(kS16_15.totalBits(), 32);
  EXPECT_EQ(kS4_0.totalBits(), 5);
  EXPECT_EQ(parseRounding("truncate"), Rounding::Truncate);
  EXPECT_FALSE(parseRounding("up"));
}

TEST(FixedFormat, Ranges) {
  // s16.15: raw in [-2^31, 2^31 - 1].
  EXPECT_EQ(kS16_15.maxRaw(), 2147483647);
  EXPECT_EQ(kS16_15.minRaw(), -2147483648LL);
  EXPECT_EQ(fixed::toDouble(kS16_15.maxRaw(), kS16_15), 65535.999969482421875);
  EXPECT_EQ(fixed::toDouble(kS16_15.minRaw(), kS16_15), -65536.0);
  EXPECT_EQ(kS0_15.maxRaw(), 32767);
  EXPECT_EQ(kS0_15.minRaw(), -32768);
  EXPECT_EQ(kU0_16.maxRaw(), 65535);
  EXPECT_EQ(kU0_16.minRaw(), 0);
  EXPECT_EQ(kS7_0.maxRaw(), 127);
  EXPECT_EQ(kS7_0.minRaw(), -128);
  EXPECT_EQ(kS4_0.maxRaw(), 15);
  EXPECT_EQ(kS4_0.minRaw(), -16);
}

TEST(FixedConvert, RoundingModes) {
  // 0.1 * 2^15 = 3276.8.
  EXPECT_EQ(convert(0.1, kS0_15, Rounding::Nearest), 3277);
  EXPECT_EQ(convert(0.1, kS0_15, Rounding::Truncate), 3276);
  EXPECT_EQ(convert(-0.1, kS0_15, Rounding::Nearest), -3277);
  EXPECT_EQ(convert(-0.1, kS0_15, Rounding::Truncate), -3277); // floor
  // Ties: 2.5 and -2.5 units of 2^-15.
  const double lsb = 1.0 / 32768;
  EXPECT_EQ(convert(2.5 * lsb, kS16_15, Rounding::Nearest), 3);
  EXPECT_EQ(convert(2.5 * lsb, kS16_15, Rounding::Truncate), 2);
  EXPECT_EQ(convert(-2.5 * lsb, kS16_15, Rounding::Nearest), -3);
  EXPECT_EQ(convert(-2.5 * lsb, kS16_15, Rounding::Truncate), -3);
  // Non-ties.
  EXPECT_EQ(convert(2.4 * lsb, kS16_15, Rounding::Nearest), 2);
  EXPECT_EQ(convert(2.6 * lsb, kS16_15, Rounding::Nearest), 3);
  EXPECT_EQ(convert(2.6 * lsb, kS16_15, Rounding::Truncate), 2);
  EXPECT_EQ(convert(-2.4 * lsb, kS16_15, Rounding::Truncate), -3);
  // Integer codes.
  EXPECT_EQ(convert(3.5, kS7_0, Rounding::Nearest), 4);
  EXPECT_EQ(convert(-3.5, kS7_0, Rounding::Nearest), -4);
  EXPECT_EQ(convert(3.5, kS7_0, Rounding::Truncate), 3);
  EXPECT_EQ(convert(0.5, kU0_16, Rounding::Nearest), 32768);
}

TEST(FixedConvert, SaturationAndCounts) {
  QuantizeStats st;
  EXPECT_EQ(convert(70000.0, kS16_15, Rounding::Nearest, &st), 2147483647);
  EXPECT_EQ(convert(-70000.0, kS16_15, Rounding::Nearest, &st), -2147483648LL);
  EXPECT_EQ(convert(1.0, kS0_15, Rounding::Nearest, &st), 32767);
  EXPECT_EQ(convert(-0.25, kU0_16, Rounding::Nearest, &st), 0);
  EXPECT_EQ(convert(20.0, kS4_0, Rounding::Nearest, &st), 15);
  EXPECT_EQ(convert(-17.0, kS4_0, Rounding::Nearest, &st), -16);
  EXPECT_EQ(convert(std::nan(""), kS16_15, Rounding::Nearest, &st), 0);
  EXPECT_EQ(st.saturated, 7);
  EXPECT_EQ(st.rounded, 0);
  // -1.0 is the lowest s0.15 value: exact, not saturated.
  EXPECT_EQ(convert(-1.0, kS0_15, Rounding::Nearest, &st), -32768);
  EXPECT_EQ(st.saturated, 7);

  QuantizeStats r;
  EXPECT_EQ(convert(0.1, kS0_15, Rounding::Nearest, &r), 3277);
  EXPECT_EQ(convert(1e-6, kS0_15, Rounding::Nearest, &r), 0); // 0.033 lsb
  EXPECT_EQ(convert(0.5, kS0_15, Rounding::Nearest, &r), 16384);
  EXPECT_EQ(convert(0.0, kS0_15, Rounding::Nearest, &r), 0);
  EXPECT_EQ(r.rounded, 2);
  EXPECT_EQ(r.roundedToZero, 1);
  EXPECT_EQ(r.saturated, 0);
}

TEST(FixedArith, ExactProductAndSums) {
  // 1.5 * 2.25 = 3.375: 49152 * 73728 / 2^15 = 110592.
  QuantizeStats st;
  EXPECT_EQ(mul(49152, 73728, kS16_15, Rounding::Nearest, &st), 110592);
  EXPECT_EQ(mul(49152, 73728, kS16_15, Rounding::Truncate, &st), 110592);
  EXPECT_EQ(mul(-49152, 73728, kS16_15, Rounding::Truncate, &st), -110592);
  EXPECT_EQ(st.rounded, 0);
  EXPECT_EQ(fixed::add(49152, 73728, kS16_15, &st), 122880); // 3.75
  EXPECT_EQ(fixed::sub(49152, 73728, kS16_15, &st), -24576); // -0.75
  EXPECT_EQ(st.saturated, 0);
}

TEST(FixedArith, ProductRounding) {
  // Raw a * raw b in s16.15, and the product rounded to nearest / truncated.
  struct Case {
    int64_t a, b, nearest, truncate;
  };
  const Case cases[] = {
      {1, 16384, 1, 0},    // 2^-15 * 0.5 = 0.5 lsb: a tie
      {-1, 16384, -1, -1}, // -0.5 lsb
      {3, 16384, 2, 1},    // 1.5 lsb
      {-3, 16384, -2, -2}, // -1.5 lsb
      {3, 8192, 1, 0},     // 0.75 lsb (not a tie)
      {-3, 8192, -1, -1},  // -0.75 lsb
      // 0.1 * 0.1 with 0.1 = 3277: 3277^2 = 10738729 = 327.72 * 2^15.
      {3277, 3277, 328, 327}};
  for (const Case &c : cases) {
    EXPECT_EQ(mul(c.a, c.b, kS16_15, Rounding::Nearest), c.nearest) << c.a;
    EXPECT_EQ(mul(c.a, c.b, kS16_15, Rounding::Truncate), c.truncate) << c.a;
  }
  // Counts: 0.75 lsb truncated to 0 rounds to zero.
  QuantizeStats st;
  mul(3, 8192, kS16_15, Rounding::Truncate, &st);
  mul(3277, 3277, kS16_15, Rounding::Nearest, &st);
  EXPECT_EQ(st.rounded, 2);
  EXPECT_EQ(st.roundedToZero, 1);
}

TEST(FixedArith, SaturationAtBothEnds) {
  QuantizeStats st;
  const int64_t r40k = 40000LL << 15, r300 = 300LL << 15;
  EXPECT_EQ(fixed::add(r40k, r40k, kS16_15, &st), 2147483647);
  EXPECT_EQ(fixed::sub(-r40k, r40k, kS16_15, &st), -2147483648LL);
  EXPECT_EQ(mul(r300, r300, kS16_15, Rounding::Nearest, &st), 2147483647);
  EXPECT_EQ(mul(r300, -r300, kS16_15, Rounding::Nearest, &st), -2147483648LL);
  EXPECT_EQ(fixed::sub(16384, 32768, kU0_16, &st), 0); // 0.25 - 0.5
  EXPECT_EQ(fixed::add(100, 100, kS7_0, &st), 127);
  EXPECT_EQ(st.saturated, 6);
  // Just inside: 65535 + 0.999969... = max, no saturation.
  EXPECT_EQ(fixed::add(65535LL << 15, 32767, kS16_15, &st), 2147483647);
  EXPECT_EQ(st.saturated, 6);
}

TEST(FixedArith, DivisionByCount) {
  const FixedFormat f = kS16_15;
  auto div = [&](int64_t a, int64_t n, Rounding r) {
    return fixed::divide(a, n, f, r, nullptr, nullptr);
  };
  EXPECT_EQ(div(5, 4, Rounding::Nearest), 1); // 1.25
  EXPECT_EQ(div(5, 4, Rounding::Truncate), 1);
  EXPECT_EQ(div(6, 4, Rounding::Nearest), 2); // 1.5: tie, away from zero
  EXPECT_EQ(div(6, 4, Rounding::Truncate), 1);
  EXPECT_EQ(div(-6, 4, Rounding::Nearest), -2);
  EXPECT_EQ(div(-6, 4, Rounding::Truncate), -2);
  EXPECT_EQ(div(-5, 4, Rounding::Nearest), -1); // -1.25
  EXPECT_EQ(div(-5, 4, Rounding::Truncate), -2);
  EXPECT_EQ(div(36, 9, Rounding::Nearest), 4);
}

TEST(FixedStochastic, DeterministicPerSeedAndUnbiased) {
  auto draws = [](uint64_t seed, int n) {
    fixed::Rng rng(seed);
    std::vector<int64_t> out;
    for (int k = 0; k < n; ++k)
      out.push_back(fixed::mul(3, 8192, kS16_15, Rounding::Stochastic, &rng,
                               nullptr)); // 0.75 lsb
    return out;
  };
  EXPECT_EQ(draws(7, 1000), draws(7, 1000));
  EXPECT_NE(draws(7, 1000), draws(8, 1000));
  const int n = 200000;
  double sum = 0;
  for (int64_t q : draws(1, n)) {
    ASSERT_TRUE(q == 0 || q == 1);
    sum += double(q);
  }
  // Mean 0.75; standard error sqrt(0.75 * 0.25 / n) = 0.001.
  EXPECT_NEAR(sum / n, 0.75, 0.005);

  // Conversion: 0.1 in s0.15 is 3276.8 lsb.
  fixed::Rng rng(3);
  double csum = 0;
  for (int k = 0; k < n; ++k) {
    int64_t q =
        fixed::fromDouble(0.1, kS0_15, Rounding::Stochastic, &rng, nullptr);
    ASSERT_TRUE(q == 3276 || q == 3277);
    csum += double(q);
  }
  EXPECT_NEAR(csum / n, 3276.8, 0.005);

  // Exact results never move: 1.5 * 2.25.
  fixed::Rng r2(11);
  for (int k = 0; k < 100; ++k)
    EXPECT_EQ(
        fixed::mul(49152, 73728, kS16_15, Rounding::Stochastic, &r2, nullptr),
        110592);
  // Division: 5/4 = 1.25 lsb rounds up a quarter of the time.
  fixed::Rng r3(5);
  double dsum = 0;
  for (int k = 0; k < n; ++k)
    dsum += double(
        fixed::divide(5, 4, kS16_15, Rounding::Stochastic, &r3, nullptr));
  EXPECT_NEAR(dsum / n, 1.25, 0.005);
}

TEST(FixedType, CompileTimeTypeAndCounters) {
  FixedContext ctx;
  FixedContextScope scope(ctx);
  const Accum a = Accum::fromDouble(1.5), b = Accum::fromDouble(2.25);
  EXPECT_EQ((a * b).raw(), 110592);
  EXPECT_EQ((a * b).toDouble(), 3.375);
  EXPECT_EQ((a + b).toDouble(), 3.75);
  EXPECT_EQ((a - b).toDouble(), -0.75);
  EXPECT_TRUE(b > a);
  EXPECT_EQ(Accum(1).raw(), 32768);
  EXPECT_EQ(ctx.stats.saturated, 0);
  const Accum big = Accum::fromDouble(60000.0);
  EXPECT_EQ((big + big).raw(), 2147483647);
  EXPECT_EQ(ctx.stats.saturated, 1);
  // A truncating s0.15: 0.1 -> 3276; 1 saturates to 32767.
  using Frac = Fixed<0, 15, true, Rounding::Truncate>;
  EXPECT_EQ(Frac::fromDouble(0.1).raw(), 3276);
  EXPECT_EQ(Frac(1).raw(), 32767);
  EXPECT_EQ(ctx.stats.saturated, 2);
}

TEST(FixedType, DynamicEqualsCompileTime) {
  // The run-time format gives the same bits as the compile-time one.
  FixedContext ctx;
  ctx.format = kS16_15;
  ctx.rounding = Rounding::Truncate;
  FixedContextScope scope(ctx);
  using T = Fixed<16, 15, true, Rounding::Truncate>;
  const double xs[] = {0.1, -0.3, 2.75, -1234.5678, 0.0001, 40000, -777.7};
  for (double x : xs)
    for (double y : xs) {
      T a = T::fromDouble(x), b = T::fromDouble(y);
      DynamicFixed c = DynamicFixed::fromDouble(x),
                   d = DynamicFixed::fromDouble(y);
      ASSERT_EQ(a.raw(), c.raw());
      EXPECT_EQ((a * b).raw(), (c * d).raw()) << x << " " << y;
      EXPECT_EQ((a + b).raw(), (c + d).raw()) << x << " " << y;
      EXPECT_EQ((a - b).raw(), (c - d).raw()) << x << " " << y;
    }
}

// The generic neuron update in s16.15, by hand: LIF with a_mem = 29491
// (0.9 rounded), c_mem_in = 16384 (0.5), threshold 32768 (1.0), x = 1.0.
//   t0: v = 0 + 16384                                    = 16384
//   t1: a_mem*v = 29491*16384/2^15 = 14745.5 -> 14746 (nearest, tie away)
//       or 14745 (truncate); v = 31130 / 31129
//   t2: 29491*31130 = 918054830 = 28016.81 * 2^15 -> 28017; v = 44401 > 32768
//       fires; reset to 0, or by subtraction to 11633.
//       (truncate: 29491*31129 = 28015.91 * 2^15 -> 28015; v = 44399, 11631)
//   t3 (subtract): 29491*11633 = 10469.63 * 2^15 -> 10470; v = 26854
//       (truncate: 29491*11631 = 10467.83 * 2^15 -> 10467; v = 26851)
TEST(FixedNeuron, LifByHand) {
  struct Case {
    Rounding rounding;
    ResetMode reset;
    std::vector<int64_t> v;
    std::vector<int> spikes;
  };
  const Case cases[] = {{Rounding::Nearest,
                         ResetMode::ToValue,
                         {16384, 31130, 0, 16384},
                         {0, 0, 1, 0}},
                        {Rounding::Truncate,
                         ResetMode::ToValue,
                         {16384, 31129, 0, 16384},
                         {0, 0, 1, 0}},
                        {Rounding::Nearest,
                         ResetMode::Subtract,
                         {16384, 31130, 11633, 26854},
                         {0, 0, 1, 0}},
                        {Rounding::Truncate,
                         ResetMode::Subtract,
                         {16384, 31129, 11631, 26851},
                         {0, 0, 1, 0}}};
  for (const Case &c : cases) {
    FixedContext ctx;
    ctx.format = kS16_15;
    ctx.rounding = c.rounding;
    FixedContextScope scope(ctx);
    DiscreteCoeffsT<DynamicFixed> k;
    k.aMem = DynamicFixed::fromRaw(29491);
    k.cMemIn = DynamicFixed::fromRaw(16384);
    k.vThreshold = DynamicFixed::fromRaw(32768);
    DynamicFixed v, syn, x = DynamicFixed::fromRaw(32768);
    for (size_t t = 0; t < c.v.size(); ++t) {
      DynamicFixed z = stepNeuron(k, false, true, c.reset, x, syn, v);
      EXPECT_EQ(v.raw(), c.v[t]) << toString(c.rounding) << " step " << t;
      EXPECT_EQ(z.raw(), c.spikes[t] ? 32768 : 0) << "step " << t;
    }
    EXPECT_EQ(ctx.stats.saturated, 0);
  }
}

// CubaLIF: the membrane uses the previous current. s16.15, nearest:
// a_syn = 0.5, b_syn = 0.25, a_mem = 0.5, c_mem_syn = 0.5, x = 1.
//   t0: syn = 0 + 0.25 = 8192;  v = 0 + 0.5*0 + 0        = 0
//   t1: syn = 4096 + 8192 = 12288; v = 0 + 0.5*8192      = 4096
//   t2: syn = 6144 + 8192 = 14336; v = 2048 + 0.5*12288  = 8192
TEST(FixedNeuron, CubaUsesPreviousCurrent) {
  FixedContext ctx;
  ctx.format = kS16_15;
  FixedContextScope scope(ctx);
  DiscreteCoeffsT<DynamicFixed> k;
  k.aSyn = DynamicFixed::fromRaw(16384);
  k.bSyn = DynamicFixed::fromRaw(8192);
  k.aMem = DynamicFixed::fromRaw(16384);
  k.cMemSyn = DynamicFixed::fromRaw(16384);
  k.vThreshold = DynamicFixed::fromRaw(32768);
  DynamicFixed v, syn, x = DynamicFixed::fromRaw(32768);
  const int64_t wantSyn[] = {8192, 12288, 14336}, wantV[] = {0, 4096, 8192};
  for (int t = 0; t < 3; ++t) {
    stepNeuron(k, true, true, ResetMode::ToValue, x, syn, v);
    EXPECT_EQ(syn.raw(), wantSyn[t]) << t;
    EXPECT_EQ(v.raw(), wantV[t]) << t;
  }
}
