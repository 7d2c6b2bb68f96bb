//===- FixedArithTest.cpp - Hoisted fixed-point arithmetic ---------------===//
//
// FixedArith (the plain loop's fixed-point arithmetic, format and rounding
// read once) must give the same raws, the same loss counts and the same
// stochastic draws as DynamicFixed's operators; the branch-free nearest
// rounding must equal C's round; stepNeuronWith must draw its stochastic
// bits in the documented product order.
//===----------------------------------------------------------------------===//
#include "nmc/Model/FixedPoint.h"
#include "nmc/Model/NeuronModel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace nmc::model;

namespace {

// The formats of FixedPointTest.cpp.
const FixedFormat kFormats[] = {
    {true, 16, 15}, {true, 0, 15}, {false, 0, 16}, {true, 7, 0}, {true, 4, 0}};
const Rounding kRoundings[] = {Rounding::Nearest, Rounding::Truncate,
                               Rounding::Stochastic};

/// Raws around zero, one, the ends of the range and in between.
std::vector<int64_t> sampleRaws(const FixedFormat &f) {
  const int64_t one = int64_t(1) << f.fracBits;
  std::vector<int64_t> raws = {0,
                               1,
                               -1,
                               one,
                               -one,
                               one / 2 + 1,
                               3 * one / 4,
                               f.maxRaw(),
                               f.maxRaw() - 1,
                               f.minRaw(),
                               f.minRaw() + 1};
  for (int64_t k = 1; k < 8; ++k)
    raws.push_back(f.maxRaw() / k - 3 * k);
  std::vector<int64_t> inRange;
  for (int64_t r : raws)
    if (r >= f.minRaw() && r <= f.maxRaw())
      inRange.push_back(r);
  return inRange;
}

void expectSameStats(const QuantizeStats &a, const QuantizeStats &b,
                     const std::string &where) {
  EXPECT_EQ(a.saturated, b.saturated) << where;
  EXPECT_EQ(a.rounded, b.rounded) << where;
  EXPECT_EQ(a.roundedToZero, b.roundedToZero) << where;
}

} // namespace

TEST(HoistedFixedArith, EqualsDynamicFixedOnEveryFormatAndRounding) {
  const double doubles[] = {0.0,  1.0,       -1.0,  0.5,         0.1,  -0.3,
                            2.75, 1e-6,      -1e-6, 1e9,         -1e9, 127.4,
                            -0.0, 0.5000001, 3.5,   std::nan("")};
  for (const FixedFormat &f : kFormats)
    for (Rounding r : kRoundings) {
      const std::string where = toString(f) + " " + toString(r);
      FixedContext dyn, hoisted;
      dyn.format = hoisted.format = f;
      dyn.rounding = hoisted.rounding = r;
      dyn.rng = hoisted.rng = nmc::Xoshiro256(7);
      FixedContextScope scope(dyn); // DynamicFixed uses `dyn`
      FixedArith ar(hoisted);
      const std::vector<int64_t> raws = sampleRaws(f);
      for (int64_t a : raws)
        for (int64_t b : raws) {
          const auto x = DynamicFixed::fromRaw(a), y = DynamicFixed::fromRaw(b);
          ASSERT_EQ(ar.add(x, y).raw(), (x + y).raw()) << where;
          ASSERT_EQ(ar.sub(x, y).raw(), (x - y).raw()) << where;
          ASSERT_EQ(ar.mul(x, y).raw(), (x * y).raw())
              << where << " " << a << "*" << b;
        }
      for (int64_t a : raws)
        for (int64_t n : {1, 2, 3, 4, 9})
          ASSERT_EQ(ar.divide(DynamicFixed::fromRaw(a), n).raw(),
                    DynamicFixed::fromRaw(a).dividedBy(n).raw())
              << where;
      for (double d : doubles)
        ASSERT_EQ(ar.fromDouble(d).raw(), fromDouble<DynamicFixed>(d).raw())
            << where << " " << d;
      ASSERT_EQ(ar.one().raw(), DynamicFixed(1).raw()) << where;
      expectSameStats(hoisted.stats, dyn.stats, where);
      // Both generators advanced alike.
      EXPECT_EQ(hoisted.rng.next(), dyn.rng.next()) << where;
    }
}

/// LocalFixedArith<Mode>'s products, sums and one() in a context of
/// format f against DynamicFixed's operators; counts compared after flush().
template <Rounding Mode> void checkLocalArith(const FixedFormat &f) {
  const std::string where = toString(f) + " " + toString(Mode);
  FixedContext dyn, local;
  dyn.format = local.format = f;
  dyn.rounding = local.rounding = Mode;
  dyn.rng = local.rng = nmc::Xoshiro256(7);
  local.stats.saturated = 5; // flush() adds to what is there
  FixedContextScope scope(dyn);
  LocalFixedArith<Mode> ar(local);
  const std::vector<int64_t> raws = sampleRaws(f);
  for (int64_t a : raws)
    for (int64_t b : raws) {
      const auto x = DynamicFixed::fromRaw(a), y = DynamicFixed::fromRaw(b);
      ASSERT_EQ(ar.add(x, y).raw(), (x + y).raw()) << where;
      ASSERT_EQ(ar.sub(x, y).raw(), (x - y).raw()) << where;
      ASSERT_EQ(ar.mul(x, y).raw(), (x * y).raw())
          << where << " " << a << "*" << b;
    }
  ASSERT_EQ(ar.one().raw(), DynamicFixed(1).raw()) << where;
  ar.flush();
  local.stats.saturated -= 5;
  expectSameStats(local.stats, dyn.stats, where);
  EXPECT_GT(dyn.stats.rounded + dyn.stats.saturated, 0) << where;
  EXPECT_EQ(local.rng.next(), dyn.rng.next()) << where;
}

TEST(LocalFixedArith, EqualsDynamicFixedOnEveryFormatAndRounding) {
  for (const FixedFormat &f : kFormats) {
    checkLocalArith<Rounding::Nearest>(f);
    checkLocalArith<Rounding::Truncate>(f);
    checkLocalArith<Rounding::Stochastic>(f);
  }
}

TEST(HoistedFixedArith, OneSaturatesWithoutIntegerBits) {
  // s0.15 cannot hold 1: it becomes 32767 and counts each time.
  FixedContext ctx;
  ctx.format = {true, 0, 15};
  FixedArith ar(ctx);
  EXPECT_EQ(ar.one().raw(), 32767);
  EXPECT_EQ(ar.fromDouble(1.0).raw(), 32767);
  EXPECT_EQ(ctx.stats.saturated, 2);
}

TEST(FixedRounding, BranchFreeNearestIsRoundHalfAway) {
  // p / 2^shift is exact in double, so std::round is the independent
  // definition of "nearest, ties away from zero".
  for (int shift = 1; shift <= 5; ++shift)
    for (int64_t p = -3000; p <= 3000; ++p)
      ASSERT_EQ(fixed::roundShift(p, shift, Rounding::Nearest, nullptr),
                static_cast<int64_t>(std::round(std::ldexp(double(p), -shift))))
          << p << " >> " << shift;
}

// Stochastic rounding draws once per product, in the order
// aMem*v, bSyn*x, aSyn*syn, cMemSyn*syn, cMemIn*x (NeuronModel.h); the
// expectation below replays that order with fixed::mul on a copy of the
// generator.
TEST(FixedNeuron, StochasticDrawOrder) {
  const FixedFormat f{true, 16, 15};
  FixedContext ctx;
  ctx.format = f;
  ctx.rounding = Rounding::Stochastic;
  ctx.rng = nmc::Xoshiro256(11);
  nmc::Xoshiro256 replay = ctx.rng;
  DiscreteCoeffsT<DynamicFixed> k;
  // Odd raws so that every product is inexact and its draw matters.
  k.aSyn = DynamicFixed::fromRaw(20001);
  k.bSyn = DynamicFixed::fromRaw(9003);
  k.aMem = DynamicFixed::fromRaw(29491);
  k.cMemSyn = DynamicFixed::fromRaw(7001);
  k.cMemIn = DynamicFixed::fromRaw(5003);
  k.vThreshold = DynamicFixed::fromRaw(1 << 30);
  int64_t wantSyn = 12345, wantV = 23457;
  DynamicFixed syn = DynamicFixed::fromRaw(wantSyn),
               v = DynamicFixed::fromRaw(wantV);
  const int64_t x = 32769;
  FixedArith ar(ctx);
  for (int t = 0; t < 20; ++t) {
    stepNeuronWith(ar, k, true, true, ResetMode::ToValue,
                   DynamicFixed::fromRaw(x), syn, v);
    auto mul = [&](DynamicFixed c, int64_t b) {
      return fixed::mul(c.raw(), b, f, Rounding::Stochastic, &replay, nullptr);
    };
    const int64_t memDecay = mul(k.aMem, wantV);
    const int64_t synIn = mul(k.bSyn, x);
    const int64_t synDecay = mul(k.aSyn, wantSyn);
    const int64_t memSyn = mul(k.cMemSyn, wantSyn);
    const int64_t memIn = mul(k.cMemIn, x);
    wantSyn = synDecay + synIn;
    wantV = memDecay + memSyn + memIn;
    ASSERT_EQ(syn.raw(), wantSyn) << "step " << t;
    ASSERT_EQ(v.raw(), wantV) << "step " << t;
  }
}
