//===- ConnectorEngineTest.cpp - Connectors in the reference engines ------===//
//
// Pins the delay semantics of nmc/Model/Connector.h independently of the
// expansion: a synapse of delay d acts as Delay(d) on its presynaptic input,
// then the weight. Expected outputs are hand-computed, or computed in the
// test from the synapse list by that definition, or compared with the same
// synapses written as delay -> sparse_affine nodes.
//===----------------------------------------------------------------------===//
#include "TestImages.h"

#include "nmc/Model/Connector.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace nmc;
using namespace nmc::test;

namespace {

/// A connector node with constant weight and the given delay law (seconds).
Node connectorNode(const std::string &name, const std::string &rule, int64_t in,
                   int64_t out, double weight, std::vector<InputEdge> inputs) {
  Node n = makeNode(name, "connector", {in}, {out}, std::move(inputs));
  n.s["rule"] = rule;
  n.s["weight_distribution"] = "constant";
  n.f["weight"] = std::vector<double>{weight};
  n.i["allow_self"] = {1};
  n.i["with_replacement"] = {0};
  n.i["seed"] = {17};
  return n;
}

void setDelay(Node &n, const std::string &kind, std::vector<double> params) {
  n.s["delay_distribution"] = kind;
  n.f["delay"] = std::move(params);
}

TEST(ConnectorEngine, OneToOneDelaysOfOneTwoThreeStepsByHand) {
  // Three one_to_one connectors from one 3-element input, delays 1, 2, 3 ms
  // at dt = 1 ms, weights 1, 10, 100, summed into "out". An input spike of
  // element j at step s gives out[j] = 1 at s+1, 10 at s+2, 100 at s+3.
  Image img;
  img.dt = 1e-3;
  img.nodes.push_back(inputNode("in", {3}));
  const double weights[] = {1, 10, 100};
  for (int k = 0; k < 3; ++k) {
    Node c = connectorNode("c" + std::to_string(k), "one_to_one", 3, 3,
                           weights[k], from({0}));
    setDelay(c, "constant", {(k + 1) * 1e-3});
    img.nodes.push_back(c);
  }
  img.nodes.push_back(outputNode("out", {3}, from({1, 2, 3})));
  engine::RunConfig cfg;
  cfg.steps = 10;
  cfg.inputs["in"] = {events({{0, 0}, {2, 1}, {5, 2}})};
  cfg.traceNodes = {"out"};
  std::vector<double> expected(10 * 3, 0.0);
  auto at = [&](int64_t t, int64_t i) -> double & {
    return expected[t * 3 + i];
  };
  at(1, 0) = 1, at(2, 0) = 10, at(3, 0) = 100;
  at(3, 1) = 1, at(4, 1) = 10, at(5, 1) = 100;
  at(6, 2) = 1, at(7, 2) = 10, at(8, 2) = 100;
  for (auto kind : {engine::EngineKind::Fast, engine::EngineKind::Plain}) {
    cfg.engine = kind;
    engine::RunResult r = engine::Engine(img).run(cfg);
    EXPECT_EQ(trace0(r, "out", "out"), expected);
  }
}

TEST(ConnectorEngine, HeterogeneousDelaysFollowTheDefinition) {
  // fixed_number_pre with uniform weights and delays of 0..4 steps, random
  // input spikes: out_i(t) = sum over synapses s onto i of
  // w_s * x_src(s)(t - d_s), computed here from the synapse list.
  const int64_t nIn = 20, nOut = 7, steps = 30;
  Image img;
  img.dt = 1e-3;
  img.nodes.push_back(inputNode("in", {nIn}));
  Node c = connectorNode("c", "fixed_number_pre", nIn, nOut, 0, from({0}));
  c.i["n"] = {5};
  c.s["weight_distribution"] = "uniform";
  c.f["weight"] = std::vector<double>{-1.0, 2.0};
  setDelay(c, "uniform", {0.0, 4.49e-3});
  img.nodes.push_back(c);
  img.nodes.push_back(outputNode("out", {nOut}, from({1})));

  model::ConnectorSpec spec;
  spec.rule = model::ConnectorRule::FixedNumberPre;
  spec.nPre = nIn;
  spec.nPost = nOut;
  spec.n = 5;
  spec.weight.kind = model::Distribution::Kind::Uniform;
  spec.weight.a = -1;
  spec.weight.b = 2;
  spec.delay.kind = model::Distribution::Kind::Uniform;
  spec.delay.b = 4.49e-3;
  spec.seed = 17;
  model::ExpandedConnector e;
  ASSERT_EQ(model::expandConnector(spec, 0, nOut, 1e-3, e), "");
  ASSERT_EQ(e.delaySteps.size(), e.indices.size());

  std::vector<std::vector<double>> x(steps, std::vector<double>(nIn, 0.0));
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t j = 0; j < nIn; ++j)
      if ((t * 31 + j * 17) % 11 == 0) {
        x[t][j] = 1;
        ev.push_back({t, j, 1.0});
      }
  std::vector<double> expected(steps * nOut, 0.0);
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t j = 0; j < nIn; ++j)
      for (int64_t s = e.indptr[j]; s < e.indptr[j + 1]; ++s) {
        const int64_t src = t - e.delaySteps[s];
        if (src >= 0)
          expected[t * nOut + e.indices[s]] += double(e.weights[s]) * x[src][j];
      }
  engine::RunConfig cfg;
  cfg.steps = steps;
  cfg.inputs["in"] = {ev};
  cfg.traceNodes = {"out"};
  engine::RunResult r = engine::Engine(img).run(cfg);
  std::vector<double> got = trace0(r, "out", "out");
  ASSERT_EQ(got.size(), expected.size());
  for (size_t k = 0; k < got.size(); ++k)
    EXPECT_NEAR(got[k], expected[k], 1e-12) << "step " << k / nOut;
}

/// in(40) -> [connector | delay -> sparse_affine] -> LIF(25) -> out.
Image network(bool asConnector, const std::string &numberFormat) {
  const int64_t nIn = 40, nOut = 25;
  model::ConnectorSpec spec;
  spec.rule = model::ConnectorRule::FixedProbability;
  spec.nPre = nIn;
  spec.nPost = nOut;
  spec.p = 0.3;
  spec.weight.kind = model::Distribution::Kind::Choice;
  spec.weight.values = {0.25, 0.5, -0.125}; // exact in s16.15
  spec.delay.a = 3e-3;
  spec.seed = 99;
  Image img;
  img.dt = 1e-3;
  img.numberFormat = numberFormat;
  img.nodes.push_back(inputNode("in", {nIn}));
  if (asConnector) {
    Node c = connectorNode("syn", "fixed_probability", nIn, nOut, 0, from({0}));
    c.f["p"] = std::vector<double>{0.3};
    c.s["weight_distribution"] = "choice";
    c.f["weight"] = std::vector<double>{0.25, 0.5, -0.125};
    setDelay(c, "constant", {3e-3});
    c.i["seed"] = {99};
    img.nodes.push_back(c);
  } else {
    Node d = makeNode("syn.delay", "delay", {nIn}, {nIn}, from({0}));
    d.i["steps"] = std::vector<int64_t>(nIn, 3);
    img.nodes.push_back(d);
    model::ExpandedConnector e;
    EXPECT_EQ(model::expandConnector(spec, 0, nOut, 1e-3, e), "");
    Node s = makeNode("syn", "sparse_affine", {nIn}, {nOut}, from({1}));
    s.i["indptr"] = e.indptr;
    s.i["indices"] = std::vector<int64_t>(e.indices.begin(), e.indices.end());
    s.f["weight"] = std::vector<double>(e.weights.begin(), e.weights.end());
    img.nodes.push_back(s);
  }
  model::DiscreteCoeffs lif;
  lif.aMem = 0.875; // exact in s16.15
  lif.cMemIn = 1;
  lif.vThreshold = 0.75;
  const uint32_t syn = static_cast<uint32_t>(img.nodes.size() - 1);
  img.nodes.push_back(
      neuronNode("lif", nOut, lif, false, true, false, from({syn})));
  img.nodes.push_back(
      outputNode("out", {nOut}, from({static_cast<uint32_t>(syn + 1)})));
  return img;
}

TEST(ConnectorEngine, ConstantDelayEqualsDelayThenSparseAffine) {
  engine::RunConfig cfg;
  cfg.steps = 60;
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < 50; ++t)
    for (int64_t j = 0; j < 40; ++j)
      if ((t * 7 + j * 13) % 5 == 0)
        ev.push_back({t, j, 1.0});
  cfg.inputs["in"] = {ev};
  for (const char *format : {"", "s16.15"}) {
    SCOPED_TRACE(std::string("format '") + format + "'");
    engine::RunResult a = engine::Engine(network(true, format)).run(cfg);
    engine::RunResult b = engine::Engine(network(false, format)).run(cfg);
    const engine::NodeResult *sa = a.find("lif"), *sb = b.find("lif");
    ASSERT_TRUE(sa && sb);
    ASSERT_FALSE(sa->spikes[0].empty());
    ASSERT_EQ(sa->spikes[0].size(), sb->spikes[0].size());
    for (size_t k = 0; k < sa->spikes[0].size(); ++k) {
      EXPECT_EQ(sa->spikes[0][k].step, sb->spikes[0][k].step);
      EXPECT_EQ(sa->spikes[0][k].neuron, sb->spikes[0][k].neuron);
    }
    EXPECT_EQ(a.synapticEvents, b.synapticEvents);
  }
}

TEST(ConnectorEngine, BadConnectorNodeNamesTheNode) {
  Image img;
  img.dt = 1e-3;
  img.nodes.push_back(inputNode("in", {3}));
  Node c = connectorNode("c", "fixed_probability", 3, 3, 1.0, from({0}));
  c.f["p"] = std::vector<double>{1.5};
  img.nodes.push_back(c);
  img.nodes.push_back(outputNode("out", {3}, from({1})));
  try {
    engine::Engine eng(img);
    FAIL() << "no error";
  } catch (const std::exception &e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("'c'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("p = 1.5"), std::string::npos) << msg;
  }
}

} // namespace

TEST(SparseDelaySteps, PerSynapseStepsOnADelayedEdgeByHand) {
  // How a SpiNNaker image's `network` writes a projection (SpinnImage.h):
  // sparse_affine whose input edge is delayed (reads the previous step) with
  // per-synapse delay_steps = D - 1. Synapses 0->0 (w 1, D 1), 0->1 (w 10,
  // D 3), 1->1 (w 100, D 2): an input spike of element j at step s reaches
  // its targets at s + D.
  Image img;
  img.dt = 1e-3;
  img.nodes.push_back(inputNode("in", {2}));
  Node p = makeNode("proj", "sparse_affine", {2}, {2}, {{0, true}});
  p.i["indptr"] = {0, 2, 3};
  p.i["indices"] = {0, 1, 1};
  p.f["weight"] = std::vector<double>{1, 10, 100};
  p.i["delay_steps"] = {0, 2, 1};
  img.nodes.push_back(p);
  img.nodes.push_back(outputNode("out", {2}, from({1})));
  engine::RunConfig cfg;
  cfg.steps = 8;
  cfg.inputs["in"] = {events({{0, 0}, {1, 1}, {4, 0}})};
  cfg.traceNodes = {"out"};
  std::vector<double> expected(8 * 2, 0.0);
  auto at = [&](int64_t t, int64_t i) -> double & {
    return expected[t * 2 + i];
  };
  at(1, 0) += 1, at(3, 1) += 10; // element 0 at step 0
  at(3, 1) += 100;               // element 1 at step 1
  at(5, 0) += 1, at(7, 1) += 10; // element 0 at step 4
  for (auto kind : {engine::EngineKind::Fast, engine::EngineKind::Plain}) {
    cfg.engine = kind;
    engine::RunResult r = engine::Engine(img).run(cfg);
    EXPECT_EQ(trace0(r, "out", "out"), expected);
  }
  // Out of range: named with the index.
  img.nodes[1].i["delay_steps"] = {0, 70000, 1};
  try {
    engine::Engine bad(img);
    FAIL() << "delay_steps 70000 accepted";
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find("delay_steps[1] = 70000"),
              std::string::npos)
        << e.what();
  }
}
