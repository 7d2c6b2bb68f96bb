//===- MeasuresTest.cpp - Spike and trace measures --------------*- C++ -*-===//
//
// Expected values are worked out by hand in the comments.
//===----------------------------------------------------------------------===//
#include "nmc/Sim/Compare.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nmc::sim {
namespace {

TEST(VanRossum, OneSpikeEach) {
  // D^2 = (1/tau) int (e^{-(t-3)/2} H(t-3) - e^{-(t-5)/2} H(t-5))^2 dt
  //     = 1/2 + 1/2 - e^{-|3-5|/2} = 1 - e^{-1} = 0.6321205588.
  EXPECT_NEAR(vanRossum({3}, {5}, 2), std::sqrt(0.6321205588), 1e-9);
  EXPECT_NEAR(vanRossum({5}, {3}, 2), std::sqrt(0.6321205588), 1e-9);
}

TEST(VanRossum, AgainstNothing) {
  // One spike: (1/tau) int_0^inf e^{-2t/tau} dt = 1/2.
  EXPECT_NEAR(vanRossum({7}, {}, 3), std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(vanRossum({}, {7}, 3), std::sqrt(0.5), 1e-12);
  // {0, 2}, tau 2: (1/2)(1 + 1 + 2 e^{-1}) = 1 + e^{-1} = 1.3678794412.
  EXPECT_NEAR(vanRossum({2, 0}, {}, 2), std::sqrt(1.3678794412), 1e-9);
  EXPECT_EQ(vanRossum({}, {}, 2), 0);
}

TEST(VanRossum, TwoAgainstOne) {
  // {0, 2} vs {1}, tau 1: (1/2)(2 + 2e^{-2} + 1 - 2 * 2e^{-1})
  //   = (3 + 0.2706705665 - 1.4715177647) / 2 = 0.8995764009.
  EXPECT_NEAR(vanRossum({0, 2}, {1}, 1), std::sqrt(0.8995764009), 1e-9);
}

TEST(VanRossum, IdenticalTrainsAreAtZero) {
  EXPECT_EQ(vanRossum({4, 1, 9}, {1, 4, 9}, 5), 0);
}

TEST(VanRossum, CoincidentSpikesCountOnce) {
  // {1, 4} vs {1, 5}, tau 2: the self terms cancel the cross terms except
  // e^{-|4-5|/2}: D^2 = 1 - e^{-1/2} = 0.3934693403.
  EXPECT_NEAR(vanRossum({1, 4}, {1, 5}, 2), std::sqrt(0.3934693403), 1e-9);
}

TEST(VanRossum, MatchesTheIntegralNumerically) {
  // Midpoint rule of (1/tau) int (f - g)^2 dt, an independent route.
  std::vector<double> a = {0.5, 3, 3.2, 10, 11.5}, b = {1, 3.1, 9, 14};
  double tau = 1.7, h = 1e-4, integral = 0;
  for (double t = h / 2; t < 40; t += h) {
    double f = 0, g = 0;
    for (double s : a)
      f += t >= s ? std::exp(-(t - s) / tau) : 0;
    for (double s : b)
      g += t >= s ? std::exp(-(t - s) / tau) : 0;
    integral += (f - g) * (f - g) * h;
  }
  EXPECT_NEAR(vanRossum(a, b, tau), std::sqrt(integral / tau), 1e-4);
}

TEST(VanRossum, TauMustBePositive) {
  EXPECT_THROW(vanRossum({1}, {2}, 0), std::invalid_argument);
  EXPECT_THROW(vanRossum({1}, {2}, -1), std::invalid_argument);
}

TEST(Correlation, Pearson) {
  // x = 1 2 3, y = 2 4 7: sxy = 5, sxx = 2, syy = 114/9, r = 15/sqrt(228).
  EXPECT_NEAR(correlation({1, 2, 3}, {2, 4, 7}), 15 / std::sqrt(228.0), 1e-12);
  EXPECT_NEAR(correlation({1, 2, 3}, {3, 2, 1}), -1, 1e-12);
}

TEST(Correlation, ConstantSides) {
  EXPECT_EQ(correlation({2, 2}, {2, 2}), 1);
  EXPECT_EQ(correlation({2, 2}, {3, 3}), 0);
  EXPECT_EQ(correlation({2, 2}, {1, 3}), 0);
  EXPECT_EQ(correlation({1, 3}, {0, 0}), 0);
  EXPECT_EQ(correlation({}, {}), 1);
  EXPECT_THROW(correlation({1}, {1, 2}), std::invalid_argument);
}

TEST(MatchSpikes, SameSampleStepAndNeuron) {
  // Shared: (0,1,0) (0,2,0) (0,2,1); A alone: (1,2,0); B alone: (0,3,1)
  // and (1,3,0). Order does not matter.
  std::vector<Spike> a = {{0, 1, 0}, {0, 2, 0}, {0, 2, 1}, {1, 2, 0}};
  std::vector<Spike> b = {
      {0, 2, 0}, {0, 2, 1}, {0, 3, 1}, {0, 1, 0}, {1, 3, 0}};
  SpikeMatch m = matchSpikes(a, b);
  EXPECT_EQ(m.both, 3);
  EXPECT_EQ(m.onlyA, 1);
  EXPECT_EQ(m.onlyB, 2);
  SpikeMatch empty = matchSpikes({}, b);
  EXPECT_EQ(empty.both + empty.onlyA, 0);
  EXPECT_EQ(empty.onlyB, 5);
}

TEST(TraceError, RmseAndMax) {
  // Differences 0, 0.5, 0, 2: rmse = sqrt((0.25 + 4) / 4), max 2.
  TraceError e = traceError({0, 1, 2, 3}, {0, 1.5, 2, 1});
  EXPECT_DOUBLE_EQ(e.rmse, std::sqrt(4.25 / 4));
  EXPECT_DOUBLE_EQ(e.maxAbs, 2);
}

TEST(TraceError, NonFiniteValues) {
  TraceError same = traceError({NAN, INFINITY, 1}, {NAN, INFINITY, 1});
  EXPECT_EQ(same.rmse, 0);
  EXPECT_EQ(same.maxAbs, 0);
  TraceError one = traceError({NAN, 1}, {0, 1});
  EXPECT_TRUE(std::isnan(one.rmse));
  EXPECT_TRUE(std::isnan(one.maxAbs));
  EXPECT_THROW(traceError({1}, {}), std::invalid_argument);
}

TEST(Argmax, LowestIndexWinsTies) {
  double v[] = {1, 3, 3, 2};
  EXPECT_EQ(argmax(v, 4), 1);
  double n[] = {NAN, 1, NAN};
  EXPECT_EQ(argmax(n, 3), 1);
  double all[] = {NAN, NAN};
  EXPECT_EQ(argmax(all, 2), 0);
  EXPECT_EQ(argmax(v, 0), 0);
}

} // namespace
} // namespace nmc::sim
