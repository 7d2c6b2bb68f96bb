//===- ConnectorDistributionTest.cpp - Weight/delay draws and variates ----===//
//
// Moments are checked against their closed forms (uniform: (a+b)/2 and
// (b-a)/sqrt(12); truncated normal: Johnson, Kotz & Balakrishnan; binomial:
// np, np(1-p); hypergeometric: nK/N, nK/N (1-K/N)(N-n)/(N-1)) within
// 4 standard errors, with fixed seeds.
//===----------------------------------------------------------------------===//
#include "ConnectorRandom.h"
#include "ConnectorTestUtil.h"

#include <cmath>
#include <map>

using namespace nmc;
using namespace nmc::test;
using model::ConnectorRule;
using Kind = model::Distribution::Kind;

namespace {

struct Moments {
  double mean = 0, sd = 0, min = 1e300, max = -1e300;
};

Moments moments(const std::vector<float> &xs) {
  Moments m;
  for (float x : xs) {
    m.mean += x;
    m.min = std::min<double>(m.min, x);
    m.max = std::max<double>(m.max, x);
  }
  m.mean /= double(xs.size());
  for (float x : xs)
    m.sd += (x - m.mean) * (x - m.mean);
  m.sd = std::sqrt(m.sd / double(xs.size() - 1));
  return m;
}

/// 100000 synapses (all-to-all 1000 x 100) with the given weight law.
std::vector<float> weights(model::Distribution w) {
  auto s = spec(ConnectorRule::AllToAll, 1000, 100);
  s.weight = std::move(w);
  return expand(s).weights;
}

TEST(ConnectorDistribution, Uniform) {
  model::Distribution d;
  d.kind = Kind::Uniform;
  d.a = 1;
  d.b = 3;
  Moments m = moments(weights(d));
  const double sd = 2 / std::sqrt(12.0);
  EXPECT_NEAR(m.mean, 2, 4 * sd / std::sqrt(1e5));
  EXPECT_NEAR(m.sd, sd, 4 * sd / std::sqrt(2e5));
  EXPECT_GE(m.min, 1);
  EXPECT_LT(m.max, 3);
}

TEST(ConnectorDistribution, NormalClippedIsTruncatedNotClamped) {
  model::Distribution d;
  d.kind = Kind::NormalClipped;
  d.a = 0;
  d.b = 1;
  d.low = -1;
  d.high = 2;
  std::vector<float> ws = weights(d);
  Moments m = moments(ws);
  // Truncated N(0,1) on [-1, 2]: Z = Phi(2) - Phi(-1),
  // mean = (phi(-1) - phi(2)) / Z, var = 1 + (-phi(-1) - 2 phi(2)) / Z -
  // mean^2.
  auto phi = [](double x) {
    return std::exp(-x * x / 2) / std::sqrt(2 * M_PI);
  };
  auto Phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  const double z = Phi(2) - Phi(-1);
  const double mean = (phi(-1) - phi(2)) / z;
  const double var = 1 + (-1 * phi(-1) - 2 * phi(2)) / z - mean * mean;
  EXPECT_NEAR(m.mean, mean, 4 * std::sqrt(var / 1e5));
  EXPECT_NEAR(m.sd, std::sqrt(var), 4 * std::sqrt(var / 2e5) * 1.5);
  EXPECT_GE(m.min, -1);
  EXPECT_LE(m.max, 2);
  // A clamp would pile ~16% of the values onto -1; redrawing leaves none.
  size_t atLow = 0;
  for (float w : ws)
    atLow += w == -1.0f;
  EXPECT_LT(atLow, 5u);
}

TEST(ConnectorDistribution, NormalWithZeroSdIsTheMean) {
  model::Distribution d;
  d.kind = Kind::NormalClipped;
  d.a = 0.25;
  d.b = 0;
  d.low = 0;
  d.high = 1;
  Moments m = moments(weights(d));
  EXPECT_EQ(m.min, 0.25);
  EXPECT_EQ(m.max, 0.25);
}

TEST(ConnectorDistribution, ChoiceDrawsListValuesEqually) {
  model::Distribution d;
  d.kind = Kind::Choice;
  d.values = {0.5, 1.5, 4};
  std::map<float, double> counts;
  for (float w : weights(d))
    ++counts[w];
  ASSERT_EQ(counts.size(), 3u);
  // Chi-square, 2 degrees of freedom: below 13.82 (p = 0.001).
  double chi2 = 0;
  const double e = 1e5 / 3;
  for (auto [value, o] : counts) {
    EXPECT_TRUE(value == 0.5f || value == 1.5f || value == 4.0f) << value;
    chi2 += (o - e) * (o - e) / e;
  }
  EXPECT_LT(chi2, 13.82);
}

TEST(ConnectorDistribution, DelaysRoundToSteps) {
  auto s = spec(ConnectorRule::AllToAll, 100, 100);
  s.delay.kind = Kind::Uniform;
  s.delay.a = 0.5e-3; // steps of 1 ms: round(U[0.5, 5.5)) is uniform on 1..5
  s.delay.b = 5.5e-3;
  auto e = expand(s, 1e-3);
  ASSERT_EQ(e.delaySteps.size(), 10000u);
  std::map<int, double> counts;
  for (uint16_t d : e.delaySteps)
    ++counts[d];
  ASSERT_EQ(counts.size(), 5u);
  double chi2 = 0; // 4 degrees of freedom: below 18.47 (p = 0.001)
  for (auto [d, o] : counts) {
    EXPECT_GE(d, 1);
    EXPECT_LE(d, 5);
    chi2 += (o - 2000) * (o - 2000) / 2000;
  }
  EXPECT_LT(chi2, 18.47);
  // A constant delay rounds like snn-discretize: llround(1.6 ms / 1 ms) = 2.
  s.delay = {};
  s.delay.a = 1.6e-3;
  e = expand(s, 1e-3);
  for (uint16_t d : e.delaySteps)
    ASSERT_EQ(d, 2);
}

TEST(ConnectorDistribution, DelayBeyondSlotsIsAnError) {
  auto s = spec(ConnectorRule::OneToOne, 3, 3);
  s.delay.a = 70.0; // 70000 steps of 1 ms
  model::ExpandedConnector e;
  std::string err = model::expandConnector(s, 0, 3, 1e-3, e);
  EXPECT_NE(err.find("65535"), std::string::npos) << err;
  EXPECT_NE(err.find("delay 70"), std::string::npos) << err;
}

template <class Draw>
void checkMoments(Draw draw, double mean, double var, int n = 20000) {
  double m = 0, v = 0;
  std::vector<double> xs(n);
  for (double &x : xs)
    m += (x = double(draw()));
  m /= n;
  for (double x : xs)
    v += (x - m) * (x - m);
  v /= n - 1;
  EXPECT_NEAR(m, mean, 4 * std::sqrt(var / n) + 1e-12);
  // Sample variance sd ~ var sqrt(2 / n) for near-normal laws; 6 sigma
  // covers the kurtosis of the skewed cases.
  EXPECT_NEAR(v, var, 6 * var * std::sqrt(2.0 / n) + 1e-12);
}

TEST(ConnectorVariates, Binomial) {
  model::detail::Stream st(7, 0);
  for (auto [n, p] : std::vector<std::pair<int64_t, double>>{
           {50, 0.5}, {1000, 0.001}, {10000000, 0.3}, {7, 0.9}}) {
    SCOPED_TRACE("n=" + std::to_string(n) + " p=" + std::to_string(p));
    checkMoments([&] { return st.binomial(n, p); }, n * p, n * p * (1 - p));
  }
  EXPECT_EQ(st.binomial(10, 0), 0);
  EXPECT_EQ(st.binomial(10, 1), 10);
}

TEST(ConnectorVariates, Hypergeometric) {
  model::detail::Stream st(8, 0);
  for (auto [N, K, n] : std::vector<std::tuple<int64_t, int64_t, int64_t>>{
           {1000, 300, 100}, {100000000, 400, 5000000}, {60, 59, 30}}) {
    const double f = double(K) / double(N);
    checkMoments([&] { return st.hypergeometric(N, K, n); }, double(n) * f,
                 double(n) * f * (1 - f) * double(N - n) / double(N - 1));
  }
  EXPECT_EQ(st.hypergeometric(10, 10, 4), 4);
  EXPECT_EQ(st.hypergeometric(10, 0, 4), 0);
}

TEST(ConnectorVariates, Normal) {
  model::detail::Stream st(9, 3);
  checkMoments([&] { return st.normal(); }, 0, 1);
}

} // namespace
