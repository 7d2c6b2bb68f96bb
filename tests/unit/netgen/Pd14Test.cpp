//===- Pd14Test.cpp - nmc gen pd14 against the published model ------------===//
//
// Published numbers (spinnaker.md §C.3): 77,169 neurons in 8 populations,
// about 0.3e9 synapses at full scale; the DC drive of L2/3E equals its
// Poisson background's mean current, 1600 * 8 Hz * 87.8 pA * 0.5 ms =
// 561.92 pA, i.e. 22.4768 mV above rest through R = 10 ms / 250 pF.
//===----------------------------------------------------------------------===//
#include "Networks.h"

#include "nmc/NIR/ConnectorParams.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace nmc;

namespace {

TEST(Pd14, FullScaleSizesAndSynapses) {
  netgen::NetworkOptions o;
  o.scale = 1;
  nir::Model m = netgen::makePd14(o);
  int64_t neurons = 0, pops = 0, connectors = 0;
  double synapses = 0;
  for (const nir::Node &n : m.graph.nodes) {
    if (n.type == "CubaLIF") {
      ++pops;
      neurons += n.params.at("tau_mem").numElements();
    }
    if (n.type == "nmc.Connector") {
      ++connectors;
      model::ConnectorSpec spec;
      std::string key, why;
      ASSERT_TRUE(nir::connectorFromParams(n.params, spec, key, why))
          << n.name << " " << key << ": " << why;
      EXPECT_EQ(spec.rule, model::ConnectorRule::FixedTotalNumber);
      EXPECT_TRUE(spec.withReplacement);
      synapses += model::expectedSynapses(spec);
    }
  }
  EXPECT_EQ(pops, 8);
  EXPECT_EQ(neurons, 77169);
  EXPECT_EQ(connectors, 64 - 9); // nine pairs have p = 0
  EXPECT_NEAR(synapses, 0.3e9, 0.02 * 0.3e9);
  const nir::Node *l23e = m.graph.find("L23E");
  ASSERT_TRUE(l23e);
  EXPECT_NEAR(l23e->params.at("v_leak").floats[0], 22.4768, 1e-9);
  EXPECT_EQ(l23e->params.at("v_threshold").floats[0], 15.0);
}

TEST(Pd14, ScaledInDegreeAndSeed) {
  netgen::NetworkOptions o;
  o.scale = 0.1;
  nir::Model a = netgen::makePd14(o), b = netgen::makePd14(o);
  o.seed = 2;
  nir::Model c = netgen::makePd14(o);
  const nir::Node *na = a.graph.find("L23E_to_L23E"),
                  *nb = b.graph.find("L23E_to_L23E"),
                  *nc = c.graph.find("L23E_to_L23E");
  ASSERT_TRUE(na && nb && nc);
  model::ConnectorSpec sa, sb, sc;
  std::string key, why;
  ASSERT_TRUE(nir::connectorFromParams(na->params, sa, key, why)) << why;
  ASSERT_TRUE(nir::connectorFromParams(nb->params, sb, key, why)) << why;
  ASSERT_TRUE(nir::connectorFromParams(nc->params, sc, key, why)) << why;
  EXPECT_EQ(sa.nPre, 2068);
  // K = log(1-p)/log(1-1/N^2) draws per pair: ~ -ln(1-p) N per target
  // = 219.95 (distinct sources ~ p N = 208.7, the rest multapses).
  EXPECT_NEAR(double(sa.n) / double(sa.nPost), -std::log1p(-0.1009) * 2068,
              0.5);
  // Weights grow by 1/sqrt(scale): 87.8 / sqrt(0.1) pA.
  EXPECT_NEAR(sa.weight.a, 87.8 / std::sqrt(0.1), 1e-9);
  EXPECT_EQ(sa.seed, sb.seed);
  EXPECT_NE(sa.seed, sc.seed);
}

} // namespace
