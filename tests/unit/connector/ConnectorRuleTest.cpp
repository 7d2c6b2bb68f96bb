//===- ConnectorRuleTest.cpp - Connection rules match their parameters ----===//
//
// Expected values are the rules' definitions: exact counts for the fixed
// rules, and for FixedProbability the binomial law: the total over P pairs is
// Binomial(P, p) (mean P p, sd sqrt(P p (1-p))), each in-degree
// Binomial(pool, p). Statistical checks use 4 sigma (two-sided z-test,
// false alarm 6e-5 per check) with a fixed seed, so they are deterministic.
//===----------------------------------------------------------------------===//
#include "ConnectorTestUtil.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace nmc;
using namespace nmc::test;
using model::ConnectorRule;

namespace {

TEST(ConnectorRule, AllToAllCountsEveryPair) {
  auto s = spec(ConnectorRule::AllToAll, 7, 5);
  auto e = expand(s);
  EXPECT_EQ(e.indices.size(), 35u);
  for (int64_t d : inDegrees(e, 5))
    EXPECT_EQ(d, 7);
  s.allowSelf = false; // pairs (0,0)..(4,4) go
  e = expand(s);
  EXPECT_EQ(e.indices.size(), 30u);
  for (auto [j, i, w, d] : synapses(e))
    EXPECT_NE(j, i);
}

TEST(ConnectorRule, OneToOneIsTheIdentity) {
  auto s = spec(ConnectorRule::OneToOne, 4, 4);
  auto e = expand(s);
  ASSERT_EQ(e.indptr, (std::vector<int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(e.indices, (std::vector<int32_t>{0, 1, 2, 3}));
  EXPECT_EQ(e.weights, (std::vector<float>{1, 1, 1, 1}));
  EXPECT_TRUE(e.delaySteps.empty()); // constant 0 delay: no array
}

TEST(ConnectorRule, FixedNumberPreInDegreeIsExact) {
  auto s = spec(ConnectorRule::FixedNumberPre, 1000, 300);
  s.n = 37;
  s.allowSelf = false;
  auto e = expand(s);
  EXPECT_EQ(e.indices.size(), 37u * 300u);
  for (int64_t d : inDegrees(e, 300))
    ASSERT_EQ(d, 37);
  std::set<std::pair<int64_t, int32_t>> pairs;
  for (auto [j, i, w, d] : synapses(e)) {
    EXPECT_NE(j, i);
    EXPECT_TRUE(pairs.emplace(j, i).second) << "duplicate " << j << "->" << i;
  }
  // Sources are uniform: each source's out-degree is Binomial(300, 37/1000)
  // (minus a little for the excluded self pair); the mean over sources is
  // exactly 37 * 300 / 1000 = 11.1.
}

TEST(ConnectorRule, FixedNumberPreDenseAndFullPools) {
  // k >= pool / 8 takes the bitmap path of Floyd's algorithm, k == pool
  // takes every source.
  auto s = spec(ConnectorRule::FixedNumberPre, 20, 50);
  s.n = 19;
  s.allowSelf = false;
  auto e = expand(s);
  for (int64_t d : inDegrees(e, 50))
    ASSERT_EQ(d, 19);
  for (auto [j, i, w, d] : synapses(e))
    ASSERT_NE(j, i);
  s.n = 10;
  e = expand(s);
  for (int64_t d : inDegrees(e, 50))
    ASSERT_EQ(d, 10);
}

TEST(ConnectorRule, FixedNumberPreWithReplacementDrawsUniformly) {
  auto s = spec(ConnectorRule::FixedNumberPre, 10, 2000);
  s.n = 50;
  s.withReplacement = true;
  auto e = expand(s);
  for (int64_t d : inDegrees(e, 2000))
    ASSERT_EQ(d, 50);
  // 100000 draws over 10 sources: chi-square with 9 degrees of freedom
  // must stay below 27.88 (p = 0.001).
  const double expected = 100000.0 / 10;
  double chi2 = 0;
  for (int j = 0; j < 10; ++j) {
    const double o = static_cast<double>(e.indptr[j + 1] - e.indptr[j]);
    chi2 += (o - expected) * (o - expected) / expected;
  }
  EXPECT_LT(chi2, 27.88);
}

TEST(ConnectorRule, FixedProbabilityTotalAndInDegree) {
  const int64_t nPre = 2000, nPost = 500;
  const double p = 0.1;
  auto s = spec(ConnectorRule::FixedProbability, nPre, nPost);
  s.p = p;
  auto e = expand(s);
  const double pairs = double(nPre) * nPost;
  const double total = double(e.indices.size());
  // z-test on the total: Binomial(1e6, 0.1), mean 1e5, sd 300.
  EXPECT_LT(std::fabs(total - pairs * p), 4 * std::sqrt(pairs * p * (1 - p)))
      << "measured " << total << " expected " << pairs * p;
  // Mean in-degree = total / nPost: 200 +- 4 * 0.6.
  std::vector<int64_t> deg = inDegrees(e, nPost);
  double mean = 0, var = 0;
  for (int64_t d : deg)
    mean += double(d);
  mean /= nPost;
  for (int64_t d : deg)
    var += (double(d) - mean) * (double(d) - mean);
  var /= nPost - 1;
  // In-degrees are Binomial(2000, 0.1): variance 180; the sample variance
  // of 500 of them has sd ~ 180 * sqrt(2 / 499) = 11.4 (normal approx.).
  EXPECT_NEAR(var, nPre * p * (1 - p), 4 * 11.4);
  // Sources uniform: half of the synapses come from the lower half.
  const double low = double(e.indptr[nPre / 2]);
  EXPECT_LT(std::fabs(low / total - 0.5), 4 * std::sqrt(0.25 / total));
}

TEST(ConnectorRule, FixedProbabilitySmallPSkipsLongGaps) {
  // 1e7 pairs at p = 1e-3: mean 1e4, sd ~ 100.
  auto s = spec(ConnectorRule::FixedProbability, 100000, 100);
  s.p = 1e-3;
  auto e = expand(s);
  EXPECT_LT(std::fabs(double(e.indices.size()) - 1e4),
            4 * std::sqrt(1e7 * 1e-3 * (1 - 1e-3)));
}

TEST(ConnectorRule, FixedProbabilityWithoutSelfConnections) {
  auto s = spec(ConnectorRule::FixedProbability, 300, 300);
  s.p = 0.5;
  s.allowSelf = false;
  auto e = expand(s);
  for (auto [j, i, w, d] : synapses(e))
    ASSERT_NE(j, i);
  const double pairs = 300.0 * 299.0;
  EXPECT_LT(std::fabs(double(e.indices.size()) - pairs * 0.5),
            4 * std::sqrt(pairs * 0.25));
}

TEST(ConnectorRule, FixedProbabilityEdgeValues) {
  auto s = spec(ConnectorRule::FixedProbability, 30, 20);
  s.p = 0;
  EXPECT_TRUE(expand(s).indices.empty());
  s.p = 1;
  s.allowSelf = false;
  EXPECT_EQ(expand(s).indices.size(), 30u * 20u - 20u);
}

TEST(ConnectorRule, FixedTotalNumberIsExact) {
  for (bool replace : {true, false}) {
    auto s = spec(ConnectorRule::FixedTotalNumber, 400, 250);
    s.n = 12345;
    s.withReplacement = replace;
    s.allowSelf = false;
    auto e = expand(s);
    EXPECT_EQ(e.indices.size(), 12345u) << "replace=" << replace;
    // Targets share n multinomially: in-degree mean n / nPost = 49.38,
    // variance n (1/nPost)(1 - 1/nPost) = 49.18 with replacement (without,
    // hypergeometric: a little less, 49.18 * (P - n)/(P - 1) = 43.4).
    std::vector<int64_t> deg = inDegrees(e, 250);
    double var = 0;
    for (int64_t d : deg)
      var += (double(d) - 49.38) * (double(d) - 49.38);
    var /= 249;
    const double expected =
        replace ? 49.18 : 49.18 * (99750.0 - 12345.0) / 99749.0;
    // sd of a sample variance of 250 ~ var * sqrt(2 / 249).
    EXPECT_NEAR(var, expected, 4 * expected * std::sqrt(2.0 / 249));
    std::set<std::pair<int64_t, int32_t>> pairs;
    size_t dup = 0;
    for (auto [j, i, w, d] : synapses(e)) {
      ASSERT_NE(j, i);
      dup += !pairs.emplace(j, i).second;
    }
    if (!replace) {
      EXPECT_EQ(dup, 0u);
    }
  }
}

TEST(ConnectorRule, FixedTotalNumberFillsAlmostEveryPair) {
  // 4990 of 5000 distinct pairs: the hypergeometric split must never give a
  // target more than its 100 sources.
  auto s = spec(ConnectorRule::FixedTotalNumber, 100, 50);
  s.n = 4990;
  auto e = expand(s);
  EXPECT_EQ(e.indices.size(), 4990u);
  for (int64_t d : inDegrees(e, 50))
    EXPECT_LE(d, 100);
}

} // namespace
