//===- ConnectorStatsTest.cpp - connector ring-buffer statistics ---------===//
//
// Weight distributions split by sign and connector fan-ins against values
// computed by hand (closed forms in the comments).
//===----------------------------------------------------------------------===//
#include "ConnectorStats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace nmc;
using namespace nmc::spinn;
using Kind = model::Distribution::Kind;

namespace {

model::Distribution dist(Kind kind, double a, double b = 0, double low = 0,
                         double high = 0) {
  model::Distribution d;
  d.kind = kind;
  d.a = a;
  d.b = b;
  d.low = low;
  d.high = high;
  return d;
}

void expectPart(const WeightPart &p, double mass, double mean, double var,
                double max, double tol = 1e-9) {
  EXPECT_NEAR(p.mass, mass, tol);
  EXPECT_NEAR(p.mean, mean, tol);
  EXPECT_NEAR(p.variance, var, tol);
  EXPECT_NEAR(p.max, max, tol);
}

TEST(ConnectorStats, ConstantHasOneSide) {
  auto s = splitWeights(dist(Kind::Constant, 0.5));
  expectPart(s[0], 1, 0.5, 0, 0.5);
  expectPart(s[1], 0, 0, 0, 0);
  s = splitWeights(dist(Kind::Constant, -2));
  expectPart(s[0], 0, 0, 0, 0);
  expectPart(s[1], 1, 2, 0, 2);
}

TEST(ConnectorStats, UniformSplitsAtZero) {
  // U[-1, 3): w > 0 on [0, 3) with mass 3/4, mean 1.5, variance 9/12;
  // w < 0 on (-1, 0) with mass 1/4, |w| mean 0.5, variance 1/12.
  auto s = splitWeights(dist(Kind::Uniform, -1, 3));
  expectPart(s[0], 0.75, 1.5, 0.75, 3);
  expectPart(s[1], 0.25, 0.5, 1.0 / 12.0, 1);
}

TEST(ConnectorStats, ChoiceCountsValues) {
  model::Distribution d;
  d.kind = Kind::Choice;
  d.values = {1, 2, -4, 0};
  auto s = splitWeights(d);
  // {1, 2}: mass 2/4, mean 1.5, variance 0.25; {-4}: mass 1/4; 0 is no
  // synapse.
  expectPart(s[0], 0.5, 1.5, 0.25, 2);
  expectPart(s[1], 0.25, 4, 0, 4);
}

TEST(ConnectorStats, NormalHalves) {
  // N(0, 1) unclipped: each half is a half-normal, mass 1/2, mean
  // sqrt(2/pi), variance 1 - 2/pi; max at 6 sd.
  const double inf = std::numeric_limits<double>::infinity();
  auto s = splitWeights(dist(Kind::NormalClipped, 0, 1, -inf, inf));
  const double mean = std::sqrt(2.0 / M_PI), var = 1.0 - 2.0 / M_PI;
  expectPart(s[0], 0.5, mean, var, 6);
  expectPart(s[1], 0.5, mean, var, 6);
}

TEST(ConnectorStats, NormalClippedSymmetric) {
  // N(1, 1) clipped to [0, 2]: symmetric about the mean, so mean 1;
  // variance 1 - 2 phi(1) / (Phi(1) - Phi(-1)) = 1 - 2 * 0.2419707245 /
  // 0.6826894921 = 0.2911250948. All weights >= 0.
  auto s = splitWeights(dist(Kind::NormalClipped, 1, 1, 0, 2));
  expectPart(s[0], 1, 1, 0.2911250948, 2, 1e-8);
  expectPart(s[1], 0, 0, 0, 0);
}

TEST(ConnectorStats, FanIn) {
  model::ConnectorSpec spec;
  spec.nPre = 7;
  spec.nPost = 7;
  spec.rule = model::ConnectorRule::AllToAll;
  EXPECT_EQ(connectorFanIn(spec), 7);
  spec.rule = model::ConnectorRule::OneToOne;
  EXPECT_EQ(connectorFanIn(spec), 1);
  spec.rule = model::ConnectorRule::FixedNumberPre;
  spec.n = 5;
  EXPECT_EQ(connectorFanIn(spec), 5);
  // Binomial(100, 0.1): 10 + 3 * 3 = 19.
  spec.rule = model::ConnectorRule::FixedProbability;
  spec.nPre = 100;
  spec.p = 0.1;
  EXPECT_EQ(connectorFanIn(spec), 19);
  // Binomial(1000, 1/10): 100 + 3 sqrt(90) = 128.46 -> 129; without
  // replacement at most n_pre = 50.
  spec.rule = model::ConnectorRule::FixedTotalNumber;
  spec.n = 1000;
  spec.nPost = 10;
  spec.withReplacement = true;
  EXPECT_EQ(connectorFanIn(spec), 129);
  spec.withReplacement = false;
  spec.nPre = 50;
  EXPECT_EQ(connectorFanIn(spec), 50);
}

} // namespace
