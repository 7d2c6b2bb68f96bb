//===- LsmTest.cpp - nmc gen lsm: structure and device statistics ---------===//
#include "Networks.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace nmc;

namespace {

const nir::Node &node(const nir::Model &m, const std::string &name) {
  const nir::Node *n = m.graph.find(name);
  if (!n)
    throw std::runtime_error("no node " + name);
  return *n;
}

/// Every weight of both Affine nodes.
std::vector<double> allWeights(const nir::Model &m) {
  std::vector<double> w;
  for (const char *name : {"w_in", "w_rec"})
    for (double x : node(m, name).params.at("weight").floats)
      w.push_back(x);
  return w;
}

TEST(Lsm, GraphIsInputAffineRecurrentLif) {
  netgen::LsmOptions o;
  nir::Model m = netgen::makeLsm(o);
  EXPECT_EQ(node(m, "input").params.at("shape").ints[0], 256);
  EXPECT_EQ(node(m, "w_in").type, "Affine");
  EXPECT_EQ(node(m, "w_in").params.at("weight").shape,
            (std::vector<int64_t>{200, 256}));
  EXPECT_EQ(node(m, "w_rec").params.at("weight").shape,
            (std::vector<int64_t>{200, 200}));
  for (double b : node(m, "w_rec").params.at("bias").floats)
    EXPECT_EQ(b, 0.0);
  const nir::Node &lif = node(m, "lif");
  EXPECT_EQ(lif.type, "LIF");
  // decay 0.9 per step with dt = 1: tau = -1 / ln 0.9 = 9.4912215810...
  // and the exact-method gain 1 / (1 - 0.9) = 10 makes v' = 0.9 v + W x.
  EXPECT_NEAR(lif.params.at("tau").floats[0], 9.491221581029905, 1e-12);
  EXPECT_NEAR(lif.params.at("r").floats[0], 10.0, 1e-9);
  EXPECT_EQ(lif.params.at("v_threshold").floats[199], 5.0);
  EXPECT_EQ(lif.params.at("v_reset").floats[0], 0.0);
  EXPECT_EQ(lif.params.at("v_leak").floats[0], 0.0);
  using Edge = std::pair<std::string, std::string>;
  EXPECT_EQ(m.graph.edges, (std::vector<Edge>{{"input", "w_in"},
                                              {"w_in", "lif"},
                                              {"lif", "w_rec"},
                                              {"w_rec", "lif"},
                                              {"lif", "output"}}));
}

TEST(Lsm, EulerGainAndSizesFollowOptions) {
  netgen::LsmOptions o;
  o.inputs = 3;
  o.neurons = 2;
  o.method = "euler";
  o.decay = 0.5;
  nir::Model m = netgen::makeLsm(o);
  // euler: v' = (1 - dt/tau) v + dt/tau r x with tau = 1/ln 2; r = tau.
  EXPECT_NEAR(node(m, "lif").params.at("r").floats[0], 1 / std::log(2.0),
              1e-12);
  EXPECT_EQ(node(m, "w_in").params.at("weight").shape,
            (std::vector<int64_t>{2, 3}));
}

// A device is unformed (0) with probability s, else g ~ N(mu, sigma). A
// weight is scale * (g+ - g-): zero when both are unformed (s^2), mean 0,
// variance 2 scale^2 Var(g) with Var(g) = (1-s)(sigma^2 + mu^2) -
// (1-s)^2 mu^2. 91,200 weights: the checks allow 4 standard errors.
TEST(Lsm, DeviceWeightStatisticsMatchTheModel) {
  for (double s : {0.0, 0.5, 0.8}) {
    netgen::LsmOptions o;
    o.sparsity = s;
    std::vector<double> w = allWeights(netgen::makeLsm(o));
    const double n = static_cast<double>(w.size());
    double zeros = 0, sum = 0, sum2 = 0;
    for (double x : w) {
      zeros += x == 0.0;
      sum += x;
      sum2 += x * x;
    }
    const double mu = o.gMean, sigma = o.gStd;
    const double varG =
        (1 - s) * (sigma * sigma + mu * mu) - (1 - s) * (1 - s) * mu * mu;
    const double varW = 2 * o.weightScale * o.weightScale * varG;
    EXPECT_NEAR(zeros / n, s * s,
                4 * std::sqrt(s * s * (1 - s * s) / n) + 1e-12)
        << "sparsity " << s;
    EXPECT_NEAR(sum / n, 0.0, 4 * std::sqrt(varW / n)) << "sparsity " << s;
    // The second moment's standard error is sqrt((E[w^4] - varW^2) / n),
    // below varW sqrt(8 / n) while the kurtosis is below 9: it is 3 at
    // s = 0 and about 1 / (2 s (1 - s)) <= 3.2 for s = 0.5 and 0.8.
    EXPECT_NEAR(sum2 / n, varW, 4 * varW * std::sqrt(8 / n))
        << "sparsity " << s;
  }
}

TEST(Lsm, FullSparsityLeavesNoWeight) {
  netgen::LsmOptions o;
  o.sparsity = 1.0;
  for (double x : allWeights(netgen::makeLsm(o)))
    ASSERT_EQ(x, 0.0);
}

TEST(Lsm, SeedDecidesTheDevices) {
  netgen::LsmOptions a, b, c;
  c.seed = 2;
  EXPECT_EQ(allWeights(netgen::makeLsm(a)), allWeights(netgen::makeLsm(b)));
  EXPECT_NE(allWeights(netgen::makeLsm(a)), allWeights(netgen::makeLsm(c)));
}

} // namespace
