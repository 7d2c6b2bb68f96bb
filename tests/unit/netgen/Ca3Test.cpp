//===- Ca3Test.cpp - nmc gen ca3 against the seed's configuration ---------===//
//
// Hand values from the seed's config/network_config.json (Ca3.h): cm 0.27 nF
// / tau_m 3 ms and 0.14 nF / 0.5 ms, tau_syn 0.3 ms, dt 1 ms, so
// init = 0.3 (1 - e^(-1/0.3)) = 0.289298, R = 11.1111 / 3.57143 MOhm, gains
// r = R init = 3.214420 / 1.033206 mV/nA. One 6 nA spike then lifts a slow
// neuron by (1 - e^(-1/3)) 3.214420 * 6 = 5.467 mV > 3 mV (every seed
// projection of weight 6 fires its target alone), and the content
// condition neuron gets (1 - e^(-2)) 1.033206 (9 - 6) = 2.680 mV < 3 mV when
// the cue's inhibition meets the content's excitation (the gating).
//===----------------------------------------------------------------------===//
#include "Ca3.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

using namespace nmc;

namespace {

double at(const nir::Node &n, const std::string &key, size_t i = 0) {
  return n.params.at(key).floats.values().at(i);
}

double meta(const nir::Node &n, const std::string &key) {
  return n.metadata.at(key).floats.values().at(0);
}

const nir::Node &node(const nir::Model &m, const std::string &name) {
  const nir::Node *n = m.graph.find(name);
  if (!n)
    throw std::runtime_error("no node " + name);
  return *n;
}

bool hasEdge(const nir::Model &m, const std::string &a, const std::string &b) {
  for (const auto &e : m.graph.edges)
    if (e.first == a && e.second == b)
      return true;
  return false;
}

TEST(Ca3, GainsAreSPyNNakersIfCurrExpStep) {
  EXPECT_NEAR(netgen::ca3Gain(0.27, 3.0, 1e-3), 3.214420, 1e-6);
  EXPECT_NEAR(netgen::ca3Gain(0.14, 0.5, 1e-3), 1.033206, 1e-6);
  const double slow = (1 - std::exp(-1.0 / 3)) * 3.214420;
  const double fast = (1 - std::exp(-2.0)) * 1.033206;
  EXPECT_GT(slow * 6, 3.0);
  EXPECT_NEAR(fast * (9 - 6), 2.680, 1e-3);
  EXPECT_LT(fast * (9 - 6), 3.0);
}

TEST(Ca3, PopulationsHaveTheSeedsParameters) {
  netgen::Ca3Options o; // cue 5, content 10, dt 1 ms
  nir::Model m = netgen::makeCa3(o);
  struct Pop {
    const char *name;
    int64_t size;
    double tau, r, threshold;
  } pops[] = {{"cue_cue", 5, 3e-3, 3.214420, 3.0},
              {"cue_cont", 5, 0.5e-3, 1.033206, 3.0},
              {"cont_cue", 10, 3e-3, 3.214420, 3.0},
              {"cont_cont", 10, 3e-3, 3.214420, 3.0},
              {"cont_cond", 10, 0.5e-3, 1.033206, 3.0},
              {"cont_cond_int", 1, 0.5e-3, 1.033206, 3.0},
              {"merge_cue", 5, 3e-3, 3.214420, 3.0},
              {"merge_cont", 10, 3e-3, 3.214420, 3.0},
              {"out", 15, 3e-3, 3.214420, 2.5}};
  int lifs = 0;
  for (const nir::Node &n : m.graph.nodes)
    lifs += n.type == "LIF";
  EXPECT_EQ(lifs, 9);
  for (const Pop &p : pops) {
    const nir::Node &n = node(m, p.name);
    SCOPED_TRACE(p.name);
    EXPECT_EQ(n.type, "LIF");
    EXPECT_EQ(n.params.at("tau").numElements(), p.size);
    EXPECT_DOUBLE_EQ(at(n, "tau"), p.tau);
    EXPECT_NEAR(at(n, "r"), p.r, 1e-6);
    EXPECT_DOUBLE_EQ(at(n, "v_threshold"), p.threshold); // -57 (-57.5) + 60
    EXPECT_DOUBLE_EQ(at(n, "v_reset"), 0.0);             // -60 + 60
    EXPECT_DOUBLE_EQ(at(n, "v_leak"), 0.0);
    EXPECT_DOUBLE_EQ(meta(n, "nmc/t_ref"), 1e-3);
  }
}

TEST(Ca3, LearningProjectionsCarryTheSeedsStdp) {
  nir::Model m = netgen::makeCa3({});
  for (auto [name, pre, post] :
       {std::tuple{"learn_cue_to_cont", "cue_cue", "cont_cue"},
        std::tuple{"learn_cont_to_cue", "cont_cont", "cue_cont"}}) {
    SCOPED_TRACE(name);
    const nir::Node &n = node(m, name);
    EXPECT_EQ(n.type, "Linear");
    EXPECT_EQ(n.params.at("weight").numElements(), 50); // all to all, w0 0
    for (double w : n.params.at("weight").floats.values())
      EXPECT_EQ(w, 0.0);
    EXPECT_EQ(n.metadata.at("nmc/stdp/pairing").str, "all_pair");
    EXPECT_EQ(n.metadata.at("nmc/stdp/dependence").str, "additive");
    EXPECT_DOUBLE_EQ(meta(n, "nmc/stdp/tau_plus"), 3e-3);
    EXPECT_DOUBLE_EQ(meta(n, "nmc/stdp/tau_minus"), 3e-3);
    EXPECT_DOUBLE_EQ(meta(n, "nmc/stdp/a_plus"), 6.0);
    EXPECT_DOUBLE_EQ(meta(n, "nmc/stdp/a_minus"), 6.0);
    EXPECT_DOUBLE_EQ(meta(n, "nmc/stdp/w_min"), 0.0);
    EXPECT_DOUBLE_EQ(meta(n, "nmc/stdp/w_max"), 6.0);
    const std::string d = std::string("d_") + pre + "_1"; // delay 1 ms
    EXPECT_DOUBLE_EQ(at(node(m, d), "delay"), 1e-3);
    EXPECT_TRUE(hasEdge(m, pre, d));
    EXPECT_TRUE(hasEdge(m, d, name));
    EXPECT_TRUE(hasEdge(m, name, post));
  }
}

TEST(Ca3, StaticProjectionsHaveTheSeedsWeightsAndDelays) {
  nir::Model m = netgen::makeCa3({});
  auto weight = [&](const char *name, int64_t post, int64_t pre) {
    const nir::Node &n = node(m, name);
    const int64_t in = n.params.at("weight").shape.at(1);
    return n.params.at("weight").floats.values().at(post * in + pre);
  };
  // -inh: initWeight 6 * contSize 10, all to all without self, 3 ms.
  EXPECT_DOUBLE_EQ(weight("w_cue_cue_cue_cont_inh", 1, 0), -60.0);
  EXPECT_DOUBLE_EQ(weight("w_cue_cue_cue_cont_inh", 2, 2), 0.0);
  EXPECT_TRUE(hasEdge(m, "d_cue_cue_3", "w_cue_cue_cue_cont_inh"));
  EXPECT_DOUBLE_EQ(at(node(m, "d_cue_cue_3"), "delay"), 3e-3);
  EXPECT_DOUBLE_EQ(weight("w_cue_cue_cue_cont", 4, 4), 6.0); // 1:1, 2 ms
  EXPECT_TRUE(hasEdge(m, "d_cue_cue_2", "w_cue_cue_cue_cont"));
  EXPECT_DOUBLE_EQ(weight("w_cue_cue_cont_cond", 9, 4), -6.0); // all, 2 ms
  EXPECT_DOUBLE_EQ(weight("w_cont_cue_cont_cond", 3, 3), 9.0);
  EXPECT_DOUBLE_EQ(weight("w_cont_cue_cont_cond", 3, 2), 0.0);
  EXPECT_DOUBLE_EQ(weight("w_cont_cond_int_cont_cond", 7, 0), 2.0);
  EXPECT_DOUBLE_EQ(weight("w_input_cont_cue", 0, 5), 6.0); // channel 5
  EXPECT_DOUBLE_EQ(weight("w_merge_cont_out", 5, 0), 6.0); // out[5 + k]
  // Recurrent 2 ms = Delay 1 ms + the back edge's step.
  EXPECT_DOUBLE_EQ(weight("w_cue_cont_cue_cont", 0, 1), -60.0);
  EXPECT_TRUE(hasEdge(m, "d_cue_cont_1", "w_cue_cont_cue_cont"));
  EXPECT_DOUBLE_EQ(at(node(m, "d_cue_cont_1"), "delay"), 1e-3);
}

TEST(Ca3, SeedStimulusIsExperimentOne) {
  const std::string path = ::testing::TempDir() + "ca3_seed.csv";
  netgen::writeCa3SeedStimulus(path, {});
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "step,neuron");
  int rows = 0, cue3 = 0;
  while (std::getline(in, line)) {
    ++rows;
    cue3 += line == "70,3"; // the last recall by cue 3
  }
  EXPECT_EQ(rows, 14 + 46); // test: 14 cue spikes, 46 content spikes
  EXPECT_EQ(cue3, 1);
  std::remove(path.c_str());
  netgen::Ca3Options other;
  other.cueSize = 4;
  EXPECT_THROW(netgen::writeCa3SeedStimulus(path, other), std::runtime_error);
}

} // namespace
