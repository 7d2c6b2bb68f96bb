//===- StdpTest.cpp - STDP in the reference engines (issue 14) -----------===//
//
// Weights after pre/post spike pairs against values worked out by hand from
// the rule of nmc/Model/Plasticity.h (the arithmetic in the comments), in
// float64, float32 and s16.15 fixed point; the fixed-point weights against
// float64 within the bound of docs/semantics.md ("STDP"); the cost counter
// RunStats::plasticUpdates against hand-counted synapse visits; and the
// image checks, one error each.
//
// Timing is sPyNNaker's (Plasticity.h): with dendritic delay d a pre spike
// arriving at A counts at T = A - d, a post spike of step p at P = p + d;
// a weight changes only when a pre spike arrives: potentiation by each post
// spike with T_last < P <= T (x_j(P)), then depression with y_i(T) of the
// last post spike with P <= T, and only post spikes with p < A count. So
// most tests end with a "save" pre spike that applies the pending
// potentiation (and depresses with y(T_save)).
//
// The test network: input "pre" -> plastic affine "syn" -> neuron "post",
// and input "teach" -> affine "drive" (weight 2 on the diagonal) -> "post".
// "post" has no memory (v = x, threshold 1, reset 0) and plastic weights
// stay <= 1, so it fires exactly at the teacher's steps: the post times of
// every pair are chosen by the test.
//===----------------------------------------------------------------------===//
#include "TestImages.h"

#include "nmc/Emulator/ImageIO.h"
#include "nmc/NIR/NIRData.h"
#include "nmc/Sim/CsvSink.h"
#include "nmc/Sim/NIRDataIO.h"
#include "nmc/Sim/TraceSubset.h"
#include "nmc/Support/Random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

using namespace nmc;
using namespace nmc::test;

namespace {

constexpr double kTol = 1e-12;

struct Rule {
  std::string pairing = "all_pair", dependence = "additive";
  double tauPlus = 10, tauMinus = 10; // steps
  double aPlus = 0.1, aMinus = 0.12, wMin = 0, wMax = 1;
};

void makePlastic(Node &n, const Rule &r, int64_t post) {
  n.s["stdp_pairing"] = r.pairing;
  n.s["stdp_dependence"] = r.dependence;
  n.f["stdp_tau_plus"] = std::vector<double>{r.tauPlus};
  n.f["stdp_tau_minus"] = std::vector<double>{r.tauMinus};
  n.f["stdp_a_plus"] = std::vector<double>{r.aPlus};
  n.f["stdp_a_minus"] = std::vector<double>{r.aMinus};
  n.f["stdp_w_min"] = std::vector<double>{r.wMin};
  n.f["stdp_w_max"] = std::vector<double>{r.wMax};
  n.i["stdp_post"] = {post};
}

/// v = x, spike when v > 1, reset to 0.
model::DiscreteCoeffs memoryless() {
  model::DiscreteCoeffs c;
  c.aMem = 0;
  c.cMemIn = 1;
  c.vThreshold = 1;
  return c;
}

/// The test network with `synapse` (node 2, plastic, feeding node 4).
Image network(int64_t nPre, int64_t nPost, Node synapse,
              const std::string &format = "") {
  Image img;
  img.numberFormat = format;
  std::vector<double> diag(nPost * nPost, 0.0);
  for (int64_t i = 0; i < nPost; ++i)
    diag[i * nPost + i] = 2;
  img.nodes = {inputNode("pre", {nPre}), inputNode("teach", {nPost}),
               std::move(synapse),
               affineNode("drive", nPost, nPost, diag, {}, from({1})),
               neuronNode("post", nPost, memoryless(), false, true, false,
                          from({2, 3}))};
  return img;
}

/// Plastic affine "syn" (weights [out, in]) from node 0 to node 4.
Node plasticAffine(int64_t nPre, int64_t nPost, std::vector<double> w,
                   const Rule &r) {
  Node n = affineNode("syn", nPre, nPost, std::move(w), {}, from({0}));
  makePlastic(n, r, 4);
  return n;
}

/// One synapse pre 0 -> post 0 of weight w0.
Image onePair(const Rule &r, double w0 = 0.5, const std::string &format = "") {
  return network(1, 1, plasticAffine(1, 1, {w0}, r), format);
}

engine::RunConfig spikesAt(std::vector<engine::Event> pre,
                           std::vector<engine::Event> teach, int64_t steps) {
  engine::RunConfig cfg;
  cfg.steps = steps;
  cfg.inputs["pre"] = {std::move(pre)};
  cfg.inputs["teach"] = {std::move(teach)};
  return cfg;
}

double learned(const engine::RunResult &r, size_t k = 0) {
  EXPECT_EQ(r.learnedWeights.size(), 1u);
  return r.learnedWeights.at(0).weights.at(k);
}

/// The single weight after pre at step tPre and post at step tPost, and
/// (tSave >= 0) a second pre spike at tSave; d = 0 in this network.
double pairWeight(const Rule &r, int64_t tPre, int64_t tPost,
                  int64_t tSave = -1, double w0 = 0.5) {
  engine::Engine e(onePair(r, w0));
  std::vector<engine::Event> pre = events({{tPre, 0}});
  if (tSave >= 0)
    pre.push_back({tSave, 0, 1.0});
  return learned(e.run(
      spikesAt(pre, events({{tPost, 0}}), std::max({tPre, tPost, tSave}) + 2)));
}

Rule rule(const std::string &pairing, const std::string &dependence) {
  Rule r;
  r.pairing = pairing;
  r.dependence = dependence;
  return r;
}

const char *const kPairings[] = {"all_pair", "nearest_pair"};

// Pre at 2, post at 5, save pre at 8 (d = 0: T = 2, P = 5, T_save = 8):
// at 8 the post spike (2 < 5 <= 8) potentiates with x(5) = e^{-3/10} =
// 0.7408182206817179, then the save spike depresses with y(8) = e^{-3/10}.
TEST(StdpPair, PreBeforePostPotentiatesAdditive) {
  for (const char *p : kPairings) {
    // w = 0.5 + 0.1 * 0.7408182206817179 - 0.12 * 0.7408182206817179
    //   = 0.5 - 0.02 * 0.7408182206817179 = 0.4851836355863657
    EXPECT_NEAR(pairWeight(rule(p, "additive"), 2, 5, 8), 0.4851836355863657,
                kTol)
        << p;
  }
}

TEST(StdpPair, PreBeforePostPotentiatesMultiplicative) {
  for (const char *p : kPairings) {
    // w1 = 0.5 + (0.1 * 0.7408182206817179) * (1 - 0.5) = 0.5370409110340859
    // w = w1 - (0.12 * 0.7408182206817179) * (w1 - 0) = 0.48929894797661866
    EXPECT_NEAR(pairWeight(rule(p, "multiplicative"), 2, 5, 8),
                0.48929894797661866, kTol)
        << p;
  }
}

// Without the save spike the potentiation is pending: not in the final
// weights (Plasticity.h), as on the machine.
TEST(StdpTiming, PendingPotentiationIsNotInTheFinalWeights) {
  for (const char *p : kPairings)
    EXPECT_EQ(pairWeight(rule(p, "additive"), 2, 5), 0.5) << p;
}

// Post at 2, pre at 5 (its first spike: x = 0, nothing to potentiate): the
// post trace at the pre spike is y(5) = e^{-3/10}.
TEST(StdpPair, PostBeforePreDepressesAdditive) {
  for (const char *p : kPairings) {
    // w = 0.5 - 0.12 * 0.7408182206817179 = 0.4111018135181939
    EXPECT_NEAR(pairWeight(rule(p, "additive"), 5, 2), 0.4111018135181939, kTol)
        << p;
  }
}

TEST(StdpPair, PostBeforePreDepressesMultiplicative) {
  for (const char *p : kPairings) {
    // w = 0.5 - (0.12 * 0.7408182206817179) * (0.5 - 0) = 0.4555509067590969
    EXPECT_NEAR(pairWeight(rule(p, "multiplicative"), 5, 2), 0.4555509067590969,
                kTol)
        << p;
  }
}

std::string imageError(const Image &img);

/// onePair with the image key stdp_delay = d.
Image onePairDelayed(const Rule &r, int64_t d) {
  Image img = onePair(r);
  img.nodes[2].i["stdp_delay"] = {d};
  return img;
}

// dt = 0 (stdp_delay = 1): pre arriving at 4 counts at T = 3, post at 2 at
// P = 3: the pair depresses with y(3) = E(0) = 1 and does not potentiate
// (dt > 0 only); a save pre spike at 8 (T = 7) does not potentiate either
// (P = 3 is not after T_last = 3) and depresses with y(7) = e^{-4/10}.
TEST(StdpTiming, DtZeroDepressesAndDoesNotPotentiate) {
  for (const char *p : kPairings) {
    engine::Engine e(onePairDelayed(rule(p, "additive"), 1));
    // 0.5 - 0.12 * 1 = 0.38
    EXPECT_NEAR(learned(e.run(spikesAt(events({{4, 0}}), events({{2, 0}}), 6))),
                0.38, kTol)
        << p;
    // 0.38 - 0.12 * 0.6703200460356393 = 0.2995615944757233
    EXPECT_NEAR(learned(e.run(
                    spikesAt(events({{4, 0}, {8, 0}}), events({{2, 0}}), 10))),
                0.2995615944757233, kTol)
        << p;
  }
}

// d = 0, pre and post in the same step 3: the post spike has not happened
// when the pre spike arrives (p < A is false), so at 3 nothing changes; the
// next pre spike at 6 cannot potentiate with it (P = 3 = T_last) and
// depresses with y(6) = e^{-3/10}: 0.5 - 0.12 * 0.7408182206817179.
TEST(StdpTiming, SameStepWithoutDelayOnlyDepressesLater) {
  EXPECT_EQ(pairWeight(Rule{}, 3, 3), 0.5);
  EXPECT_NEAR(pairWeight(Rule{}, 3, 3, 6), 0.4111018135181939, kTol);
}

TEST(StdpPair, WeightsAreClippedToTheBounds) {
  Rule r;
  // Pre 2, post 3, save 4: 0.95 + 0.1 * e^{-1/10} = 1.0404837418035960,
  // clipped to w_max = 1; then 1 - 0.12 * e^{-1/10} = 0.8914195098356849.
  EXPECT_NEAR(pairWeight(r, 2, 3, 4, 0.95), 0.8914195098356849, kTol);
  // Depression: post 2, pre 3: 0.05 - 0.12 * e^{-1/10} = 0.05 - 0.10858 < 0,
  // clipped to w_min = 0.
  EXPECT_EQ(pairWeight(r, 3, 2, -1, 0.05), 0.0);
  // Bounds [0.2, 0.55], A- = 0: 0.5 + 0.1 * e^{-1/10} = 0.5905 -> 0.55.
  r.wMin = 0.2;
  r.wMax = 0.55;
  r.aMinus = 0;
  EXPECT_EQ(pairWeight(r, 2, 3, 4), 0.55);
}

// Pre at 0 and 3, post at 5, save pre at 7 (tau+ = 10 steps). At 3 no post
// spike has happened: nothing changes.
TEST(StdpPair, AllPairAndNearestPairOnThreeSpikes) {
  auto run = [](const char *pairing) {
    engine::Engine e(onePair(rule(pairing, "additive")));
    return learned(
        e.run(spikesAt(events({{0, 0}, {3, 0}, {7, 0}}), events({{5, 0}}), 9)));
  };
  // all_pair: x(3) = 1 * e^{-3/10} + 1 = 1.7408182206817179,
  // x(5) = 1.7408182206817179 * e^{-2/10} = 1.4252614127906151;
  // w = 0.5 + 0.1 * 1.42526... = 0.6425261412790615, then the save spike
  // depresses with y(7) = e^{-2/10} = 0.8187307530779818:
  // 0.6425261412790615 - 0.12 * 0.8187307530779818 = 0.5442784509097036.
  EXPECT_NEAR(run("all_pair"), 0.5442784509097036, kTol);
  // nearest_pair: x(3) = 1, x(5) = e^{-2/10} = 0.8187307530779818;
  // w = 0.5 + 0.1 * 0.81873... - 0.12 * 0.81873... = 0.4836253849384404.
  EXPECT_NEAR(run("nearest_pair"), 0.4836253849384404, kTol);
}

// Post at 2 and 3, pre at 5 (tau- = 10): the depression side of the same.
TEST(StdpPair, AllPairAndNearestPairDepression) {
  auto run = [](const char *pairing) {
    engine::Engine e(onePair(rule(pairing, "additive")));
    return learned(
        e.run(spikesAt(events({{5, 0}}), events({{2, 0}, {3, 0}}), 7)));
  };
  // The pre trace is 0 at both post spikes: no potentiation.
  // all_pair: y(5) = (e^{-1/10} + 1) * e^{-2/10} = 0.7408182206817179 +
  // 0.8187307530779818 = 1.5595489737596997; w = 0.5 - 0.12 * 1.55954... =
  // 0.31285412314883604.
  EXPECT_NEAR(run("all_pair"), 0.31285412314883604, kTol);
  // nearest_pair: y(5) = e^{-2/10}; w = 0.5 - 0.12 * 0.81873... =
  // 0.4017523096306422.
  EXPECT_NEAR(run("nearest_pair"), 0.4017523096306422, kTol);
}

// The synapse transmits its updated weight: pre at 1 and 4, post at 2.
TEST(StdpTiming, TransmitsTheUpdatedWeight) {
  engine::Engine e(onePair(Rule{}));
  engine::RunConfig cfg =
      spikesAt(events({{1, 0}, {4, 0}}), events({{2, 0}}), 6);
  cfg.traceNodes = {"syn"};
  engine::RunResult r = e.run(cfg);
  const std::vector<double> out = trace0(r, "syn", "out");
  // Step 1: no post spike yet; carries 0.5.
  EXPECT_NEAR(out[1], 0.5, kTol);
  // Step 4: potentiation by P = 2 with x(2) = e^{-1/10}: 0.5 + 0.1 *
  // 0.9048374180359595 = 0.5904837418035960; depression with y(4) =
  // e^{-2/10}: - 0.12 * 0.8187307530779818 = 0.49223605143423815, and this
  // step's spike carries it.
  EXPECT_NEAR(out[4], 0.49223605143423815, kTol);
  EXPECT_NEAR(learned(r), 0.49223605143423815, kTol);
  // The weight trace: the weight at the end of each step.
  const std::vector<double> &w = r.find("syn")->traces.at("w");
  ASSERT_EQ(w.size(), 6u); // batch 1 x 6 steps x 1 synapse
  const double want[] = {
      0.5, 0.5, 0.5, 0.5, 0.49223605143423815, 0.49223605143423815};
  for (int t = 0; t < 6; ++t)
    EXPECT_NEAR(w[t], want[t], kTol) << "step " << t;
}

/// A connector's one delay D = 2 is part of d (dendritic delay,
/// Plasticity.h): a spike sent at 1 reaches the synapse at 3 and counts at
/// T = 1; the post spike of 5 counts at P = 7; the save spike sent at 8
/// (arrives 10, T = 8) applies it.
TEST(StdpTiming, ConnectorDelayIsPartOfD) {
  Node c = makeNode("syn", "connector", {1}, {1}, from({0}));
  c.s["rule"] = "one_to_one";
  c.s["weight_distribution"] = "constant";
  c.f["weight"] = std::vector<double>{0.5};
  c.s["delay_distribution"] = "constant";
  c.f["delay"] = std::vector<double>{2.0}; // dt = 1
  c.i["allow_self"] = {1};
  c.i["with_replacement"] = {0};
  c.i["seed"] = {3};
  makePlastic(c, Rule{}, 4);
  engine::Engine e(network(1, 1, c));
  engine::RunConfig cfg =
      spikesAt(events({{1, 0}, {8, 0}}), events({{5, 0}}), 11);
  cfg.traceNodes = {"syn"};
  engine::RunResult r = e.run(cfg);
  EXPECT_NEAR(trace0(r, "syn", "out")[3], 0.5, kTol); // arrives at 3
  // dt = 7 - 1 = 6: 0.5 + 0.1 * e^{-6/10} = 0.5548811636094027; then
  // y(8) = e^{-(8-7)/10}: - 0.12 * 0.9048374180359595 = 0.4463006734450875.
  EXPECT_NEAR(learned(r), 0.4463006734450875, kTol);
  EXPECT_NEAR(trace0(r, "syn", "out")[10], 0.4463006734450875, kTol);
}

/// d derived from the graph: pre -> Delay (2 steps) -> delayed edge -> syn:
/// d = 2 + 1 = 3. Pre sent at 1 arrives at 4 (T = 1), post at 5 counts at
/// P = 8, save sent at 9 arrives at 12 (T = 9).
TEST(StdpTiming, DelayFromDelayNodesAndDelayedEdges) {
  // steps1 >= 0: two pre neurons whose Delay steps differ.
  auto image = [](int64_t steps0, int64_t steps1) {
    const int64_t n = steps1 >= 0 ? 2 : 1;
    Image img = network(
        n, 1, plasticAffine(n, 1, std::vector<double>(size_t(n), 0.5), Rule{}));
    Node dly = makeNode("dly", "delay", {n}, {n}, from({0}));
    dly.i["steps"] = steps1 >= 0 ? std::vector<int64_t>{steps0, steps1}
                                 : std::vector<int64_t>{steps0};
    img.nodes.push_back(dly);
    img.nodes[2].inputs = {InputEdge{5, true}};
    return img;
  };
  engine::Engine e(image(2, -1));
  // 0.5 + 0.1 * e^{-7/10} - 0.12 * e^{-1/10} = 0.4410780402148258 (with
  // d = 0 it would be 0.5 + 0.1 e^{-4/10} - 0.12 e^{-4/10} = 0.48659...).
  EXPECT_NEAR(
      learned(e.run(spikesAt(events({{1, 0}, {9, 0}}), events({{5, 0}}), 13))),
      0.4410780402148258, kTol);
  // The same with stdp_delay = 3 given on the direct graph (pre times
  // shifted by the 3 steps the Delay path adds).
  engine::Engine k(onePairDelayed(Rule{}, 3));
  EXPECT_NEAR(
      learned(k.run(spikesAt(events({{4, 0}, {12, 0}}), events({{5, 0}}), 13))),
      0.4410780402148258, kTol);
  EXPECT_EQ(imageError(image(2, 3)),
            "image node 2 'syn' (affine): its input passes Delay node 'dly' "
            "whose steps differ per neuron; STDP needs one dendritic delay "
            "(give stdp_delay or use uniform steps)");
}

/// Random spikes: `pre` of nPre inputs and `teach` of nPost, over steps.
struct Spikes {
  std::vector<engine::Event> pre, teach;
};
Spikes randomSpikes(uint64_t seed, int64_t nPre, int64_t nPost, int64_t steps,
                    double pPre, double pPost) {
  Xoshiro256 rng(seed);
  Spikes s;
  for (int64_t t = 0; t < steps; ++t) {
    for (int64_t j = 0; j < nPre; ++j)
      if (rng.uniform() < pPre)
        s.pre.push_back({t, j, 1.0});
    for (int64_t i = 0; i < nPost; ++i)
      if (rng.uniform() < pPost)
        s.teach.push_back({t, i, 1.0});
  }
  return s;
}

std::vector<double> randomWeights(uint64_t seed, size_t n, double lo,
                                  double hi) {
  Xoshiro256 rng(seed);
  std::vector<double> w(n);
  for (double &x : w)
    x = lo + (hi - lo) * rng.uniform();
  return w;
}

/// The same synapses as dense affine and as sparse_affine (CSR by source
/// with every target): the same weights, storage orders aside.
TEST(StdpLayout, SparseAndAffineLearnTheSameWeights) {
  const int64_t in = 4, out = 3, steps = 60;
  Rule r = rule("all_pair", "multiplicative");
  r.aPlus = 0.05;
  r.aMinus = 0.06;
  const std::vector<double> w = randomWeights(5, in * out, 0.0, 0.2);
  Node sparse = makeNode("syn", "sparse_affine", {in}, {out}, from({0}));
  std::vector<int64_t> indptr{0}, indices;
  std::vector<double> sw;
  for (int64_t j = 0; j < in; ++j) {
    for (int64_t o = 0; o < out; ++o) {
      indices.push_back(o);
      sw.push_back(w[o * in + j]);
    }
    indptr.push_back(int64_t(indices.size()));
  }
  sparse.i["indptr"] = indptr;
  sparse.i["indices"] = indices;
  sparse.f["weight"] = sw;
  makePlastic(sparse, r, 4);
  const Spikes s = randomSpikes(11, in, out, steps, 0.2, 0.15);
  engine::RunConfig cfg = spikesAt(s.pre, s.teach, steps);
  engine::RunResult ra =
      engine::Engine(network(in, out, plasticAffine(in, out, w, r))).run(cfg);
  engine::RunResult rs = engine::Engine(network(in, out, sparse)).run(cfg);
  ASSERT_EQ(ra.plasticUpdates, rs.plasticUpdates);
  for (int64_t o = 0; o < out; ++o)
    for (int64_t j = 0; j < in; ++j)
      EXPECT_EQ(learned(ra, o * in + j), learned(rs, j * out + o))
          << "synapse " << j << " -> " << o;
  EXPECT_NE(learned(ra, 0), w[0]); // something was learned
}

/// The contract written out naively per synapse (float64, every post spike
/// kept, traces summed from their definition): the engine, which trims its
/// histories, must agree on a long random run (d = 0 and stdp_delay = 2;
/// pre neuron 0 spikes once early and pins the histories, pre 1 never).
TEST(StdpTiming, AgreesWithANaiveModelOverALongRun) {
  const int64_t in = 6, out = 4, steps = 400;
  for (const char *pairing : kPairings)
    for (int64_t d : {0, 2}) {
      Rule r = rule(pairing, "additive");
      r.aPlus = 0.02;
      r.aMinus = 0.025;
      r.wMax = 0.15; // 6 inputs sum to < 1: only the teacher fires "post"
      const std::vector<double> w0 = randomWeights(3, in * out, 0.0, 0.15);
      Spikes s = randomSpikes(99, in, out, steps, 0.08, 0.1);
      std::erase_if(s.pre, [](const engine::Event &e) {
        return e.neuron == 1 || (e.neuron == 0 && e.step > 5);
      });
      s.pre.push_back({3, 0, 1.0});
      std::sort(s.pre.begin(), s.pre.end(),
                [](const engine::Event &a, const engine::Event &b) {
                  return a.step != b.step ? a.step < b.step
                                          : a.neuron < b.neuron;
                });
      s.pre.erase(
          std::unique(s.pre.begin(), s.pre.end(),
                      [](const engine::Event &a, const engine::Event &b) {
                        return a.step == b.step && a.neuron == b.neuron;
                      }),
          s.pre.end());
      Image img = network(in, out, plasticAffine(in, out, w0, r));
      if (d > 0)
        img.nodes[2].i["stdp_delay"] = {d};
      engine::RunResult res =
          engine::Engine(img).run(spikesAt(s.pre, s.teach, steps));
      EXPECT_EQ(res.find("post")->spikeCount, int64_t(s.teach.size()));
      const bool all = std::string(pairing) == "all_pair";
      for (int64_t i = 0; i < out; ++i)
        for (int64_t j = 0; j < in; ++j) {
          std::vector<int64_t> A, p; // arrivals of j, post steps of i
          for (const engine::Event &e : s.pre)
            if (e.neuron == j)
              A.push_back(e.step);
          for (const engine::Event &e : s.teach)
            if (e.neuron == i)
              p.push_back(e.step);
          double w = w0[size_t(i * in + j)];
          auto clip = [&](double v) {
            return std::min(r.wMax, std::max(r.wMin, v));
          };
          for (size_t k = 0; k < A.size(); ++k) {
            const int64_t T = A[k] - d;
            int64_t lastP = INT64_MIN;
            for (int64_t q : p) {
              const int64_t P = q + d;
              if (!(q < A[k] && P <= T))
                continue;
              lastP = P;
              if (k == 0) { // x = 0
                w = clip(w);
                continue;
              }
              const int64_t Tl = A[k - 1] - d;
              if (P <= Tl)
                continue;
              double x = 0; // x_j(P) from the pre spikes up to T_last
              for (size_t m = 0; m < k; ++m)
                if (all || m == k - 1)
                  x += std::exp(-double(P - (A[m] - d)) / r.tauPlus);
              w = clip(w + r.aPlus * x);
            }
            if (lastP == INT64_MIN)
              continue;
            double y = 0; // y_i(T) from the post spikes up to lastP
            for (int64_t q : p)
              if (q + d <= lastP && (all || q + d == lastP))
                y += std::exp(-double(T - (q + d)) / r.tauMinus);
            w = clip(w - r.aMinus * y);
          }
          EXPECT_NEAR(learned(res, size_t(i * in + j)), w, 1e-12)
              << pairing << " d=" << d << " " << j << "->" << i;
        }
    }
}

/// Samples are independent: each starts from the image's weights.
TEST(StdpBatch, SamplesAreIndependent) {
  const int64_t in = 3, out = 2, steps = 40;
  const std::vector<double> w = randomWeights(2, in * out, 0.1, 0.3);
  const Image img = network(in, out, plasticAffine(in, out, w, Rule{}));
  const Spikes a = randomSpikes(1, in, out, steps, 0.2, 0.2),
               b = randomSpikes(2, in, out, steps, 0.2, 0.2);
  engine::Engine e(img);
  auto one = [&](const Spikes &s) {
    engine::RunConfig cfg = spikesAt(s.pre, s.teach, steps);
    cfg.traceNodes = {"syn"};
    return e.run(cfg);
  };
  engine::RunConfig both;
  both.steps = steps;
  both.batch = 2;
  both.inputs["pre"] = {a.pre, b.pre};
  both.inputs["teach"] = {a.teach, b.teach};
  both.traceNodes = {"syn"};
  engine::RunResult rb = e.run(both), ra = one(a), rbb = one(b);
  // The batch's learned weights are its last sample's = b run alone.
  EXPECT_EQ(rb.learnedWeights[0].weights, rbb.learnedWeights[0].weights);
  EXPECT_NE(ra.learnedWeights[0].weights, rbb.learnedWeights[0].weights);
  // Sample 0's weight trace is a run alone; sample 1's is b alone.
  const std::vector<double> &wb = rb.find("syn")->traces.at("w");
  const std::vector<double> &wa = ra.find("syn")->traces.at("w");
  const std::vector<double> &wbb = rbb.find("syn")->traces.at("w");
  ASSERT_EQ(wb.size(), 2 * wa.size());
  EXPECT_EQ(std::vector<double>(wb.begin(), wb.begin() + wa.size()), wa);
  EXPECT_EQ(std::vector<double>(wb.begin() + wa.size(), wb.end()), wbb);
}

TEST(StdpDeterminism, SameInputsSameBytes) {
  const int64_t in = 5, out = 3, steps = 50;
  const Spikes s = randomSpikes(9, in, out, steps, 0.2, 0.1);
  for (const std::string format : {"", "s16.15"}) {
    const Image img = network(
        in, out,
        plasticAffine(in, out, randomWeights(4, in * out, 0, 0.2), Rule{}),
        format);
    engine::RunConfig cfg = spikesAt(s.pre, s.teach, steps);
    cfg.traceNodes = {"syn"};
    if (!format.empty()) {
      cfg.rounding = model::Rounding::Stochastic;
      cfg.roundingSeed = 77;
    }
    engine::RunResult r1 = engine::Engine(img).run(cfg),
                      r2 = engine::Engine(img).run(cfg);
    EXPECT_EQ(r1.learnedWeights[0].weights, r2.learnedWeights[0].weights)
        << format;
    EXPECT_EQ(r1.find("syn")->traces.at("w"), r2.find("syn")->traces.at("w"))
        << format;
  }
}

// float32: the rule in float, E(k) = float(exp(-k / tau)).
// Pre 2, post 5, save pre 8 with A- = 0 (the depression subtracts 0).
TEST(StdpFloat32, PairInFloat) {
  Rule r;
  r.aMinus = 0;
  engine::Engine e(onePair(r));
  engine::RunConfig cfg =
      spikesAt(events({{2, 0}, {8, 0}}), events({{5, 0}}), 10);
  cfg.float32 = true;
  const double got = learned(e.run(cfg));
  // x = 1.0f * float(e^{-0.3}); w = 0.5f + 0.1f * x, all in float.
  const float x = 1.0f * float(std::exp(-0.3));
  const float want = 0.5f + 0.1f * x;
  EXPECT_EQ(got, double(want));
  EXPECT_NEAR(got, 0.5740818220681718, 1e-7); // the float64 value
}

// s16.15, raw values: q = 2^-15. A+ = 0.1 -> round(3276.8) = 3277 q;
// E(3) = e^{-0.3} -> round(24275.13) = 24275 q; w0 = 0.5 = 16384 q.
// Pre 2, post 5, save pre 8, A- = 0 (0 q: the depression subtracts 0).
TEST(StdpFixed, PairRawS16_15) {
  Rule r;
  r.aMinus = 0;
  engine::Engine e(onePair(r, 0.5, "s16.15"));
  const double got =
      learned(e.run(spikesAt(events({{2, 0}, {8, 0}}), events({{5, 0}}), 10)));
  // x = 1 * E(3) = 24275 (exact); d = round(3277 * 24275 / 32768) =
  // round(2427.64) = 2428; w = 16384 + 2428 = 18812 q.
  EXPECT_EQ(got, 18812.0 / 32768);
}

/// Per-update bound of docs/semantics.md ("STDP", fixed point) for
/// round-to-nearest with representable bounds: W * (A eps_y + y_max q/2 +
/// q/2) + (multiplicative) q/2, with eps_y = eps_v + (q/2)(1 + v_max).
double perUpdateBound(double q, double a, double w, double epsV, double vMax,
                      bool multiplicative) {
  const double epsY = epsV + q / 2 * (1 + vMax);
  return w * (a * epsY + vMax * q / 2 + q / 2) + (multiplicative ? q / 2 : 0);
}

/// s16.15 against float64 on a random network (seeded): every weight within
/// q/2 (initial rounding) + U * perUpdateBound, U = the synapse's updates
/// (spikes of its pre neuron plus spikes of its post neuron).
TEST(StdpFixed, WithinTheStatedBoundOfFloat64) {
  const int64_t in = 20, out = 5, steps = 400;
  const double q = 1.0 / 32768;
  const Spikes s = randomSpikes(2024, in, out, steps, 0.05, 0.05);
  std::vector<int64_t> preCount(in, 0), postCount(out, 0);
  for (const engine::Event &e : s.pre)
    ++preCount[e.neuron];
  for (const engine::Event &e : s.teach)
    ++postCount[e.neuron];
  const int64_t maxCount =
      std::max(*std::max_element(preCount.begin(), preCount.end()),
               *std::max_element(postCount.begin(), postCount.end()));
  for (const char *pairing : kPairings)
    for (const char *dep : {"additive", "multiplicative"}) {
      Rule r = rule(pairing, dep);
      // Weights <= 3/64 (a bound s16.15 represents): 20 inputs sum to
      // <= 0.9375 < 1, so only the teacher fires "post" and both runs see
      // the same spikes.
      r.aPlus = 0.004;
      r.aMinus = 0.005;
      r.wMax = 3.0 / 64;
      const std::vector<double> w0 = randomWeights(7, in * out, 0.01, 0.04);
      engine::RunConfig cfg = spikesAt(s.pre, s.teach, steps);
      engine::RunResult rf =
          engine::Engine(network(in, out, plasticAffine(in, out, w0, r)))
              .run(cfg);
      engine::RunResult rx =
          engine::Engine(
              network(in, out, plasticAffine(in, out, w0, r), "s16.15"))
              .run(cfg);
      EXPECT_EQ(rf.find("post")->spikeCount, int64_t(s.teach.size()));
      EXPECT_EQ(rx.find("post")->spikeCount, int64_t(s.teach.size()));
      const bool all = std::string(pairing) == "all_pair";
      const bool mult = std::string(dep) == "multiplicative";
      // Trace values: nearest_pair <= 1 and exact after a spike; all_pair
      // <= 1 / (1 - e^{-1/10}) and off by (q/2)(1 + vMax) per spike.
      const double vMax = all ? 1 / (1 - std::exp(-0.1)) : 1;
      const double epsV = all ? double(maxCount) * q / 2 * (1 + vMax) : 0;
      const double span = mult ? r.wMax - r.wMin : 1;
      const double b = perUpdateBound(q, std::max(r.aPlus, r.aMinus), span,
                                      epsV, vMax, mult);
      double worst = 0;
      for (int64_t o = 0; o < out; ++o)
        for (int64_t j = 0; j < in; ++j) {
          const double bound = q / 2 + double(preCount[j] + postCount[o]) * b;
          const double diff =
              std::fabs(learned(rx, o * in + j) - learned(rf, o * in + j));
          EXPECT_LE(diff, bound)
              << pairing << " " << dep << " " << j << "->" << o;
          worst = std::max(worst, diff);
        }
      EXPECT_GT(worst, 0.0) << "the runs should differ by rounding";
    }
}

// Cost: synapse visits are counted per arriving pre spike (its row), by
// hand; post spikes visit no synapse.
TEST(StdpCost, PlasticUpdatesCountVisitsPerSpike) {
  // sparse 3 -> 3: pre 0 -> {0, 2}, pre 1 -> {2}, pre 2 -> {1}.
  // Out-degrees 2, 1, 1.
  Node n = makeNode("syn", "sparse_affine", {3}, {3}, from({0}));
  n.i["indptr"] = {0, 2, 3, 4};
  n.i["indices"] = {0, 2, 2, 1};
  n.f["weight"] = std::vector<double>{0.1, 0.2, 0.3, 0.4};
  makePlastic(n, Rule{}, 4);
  engine::Engine e(network(3, 3, n));
  // pre 0 at 1 and 4 (2 + 2), pre 1 at 2 (1), pre 2 never: 5 visits.
  engine::RunResult r = e.run(
      spikesAt(events({{1, 0}, {4, 0}, {2, 1}}), events({{3, 2}, {5, 0}}), 8));
  EXPECT_EQ(r.plasticUpdates, 5);
  // Dense 2 -> 3: a pre spike visits 3 synapses: pre at 0, 1, 1 (3 spikes):
  // 3 * 3 = 9.
  engine::Engine d(
      network(2, 3, plasticAffine(2, 3, std::vector<double>(6, 0.1), Rule{})));
  engine::RunResult rd = d.run(
      spikesAt(events({{0, 0}, {1, 0}, {1, 1}}), events({{2, 0}, {2, 2}}), 4));
  EXPECT_EQ(rd.plasticUpdates, 9);
}

// The weight trace "w" through the common sinks: one value per synapse
// (storage order), not cut by --record-neurons (TraceSubsetSink), in CSV and
// NIRData alike, equal to the collected trace.
TEST(StdpTrace, WeightsReachTheSinks) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "nmc-engine-tests";
  fs::create_directories(dir);
  const std::string prefix = (dir / "stdp").string(),
                    h5 = (dir / "stdp.h5").string();
  // 2 -> 3 affine: 6 synapses, [out, in] order.
  engine::Engine e(network(
      2, 3, plasticAffine(2, 3, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, Rule{})));
  engine::RunConfig cfg =
      spikesAt(events({{0, 0}, {1, 1}, {3, 0}}), events({{1, 2}, {2, 0}}), 4);
  cfg.traceNodes = {"syn"};
  sim::SinkList sinks;
  sinks.add(std::make_unique<sim::TraceSubsetSink>(
      std::make_unique<sim::CsvSink>(prefix), std::vector<int64_t>{1}));
  sinks.add(std::make_unique<sim::NIRDataSink>(h5));
  cfg.sink = &sinks;
  engine::RunResult r = e.run(cfg);
  sinks.finish();
  const std::vector<double> &w = r.find("syn")->traces.at("w");
  ASSERT_EQ(w.size(), 4u * 6); // 4 steps x 6 synapses
  // Steps 0-2 change nothing (no post spike before a pre spike). Step 3:
  // pre 0 (T_last = 0): synapse (0, 0) = position 0 by post 0 at 2: 0.1 +
  // 0.1 e^{-2/10} - 0.12 e^{-1/10} = 0.07329258514348307; (2, 0) =
  // position 4 by post 2 at 1: 0.5 + 0.1 e^{-1/10} - 0.12 e^{-2/10} =
  // 0.49223605143423815; (1, 0) = position 2: no post spike, 0.3.
  EXPECT_NEAR(w[2 * 6 + 0], 0.1, kTol);
  EXPECT_NEAR(w[3 * 6 + 0], 0.07329258514348307, kTol);
  EXPECT_NEAR(w[3 * 6 + 4], 0.49223605143423815, kTol);
  EXPECT_NEAR(w[3 * 6 + 2], 0.3, kTol);
  std::ifstream in(prefix + "_syn_w.csv");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "sample,step,neuron,value");
  int rows = 0;
  for (; std::getline(in, line); ++rows) {
    std::istringstream fields(line);
    std::string sample, step, syn, value;
    std::getline(fields, sample, ',');
    std::getline(fields, step, ',');
    std::getline(fields, syn, ',');
    std::getline(fields, value, ',');
    EXPECT_EQ(std::stoi(syn), rows % 6) << line; // every synapse, in order
    EXPECT_NEAR(std::stod(value), w[rows], 1e-9) << line;
  }
  EXPECT_EQ(rows, 4 * 6);
  // "out" is cut to element 1: 4 rows.
  std::ifstream out(prefix + "_syn_out.csv");
  int outRows = -1;
  while (std::getline(out, line))
    ++outRows;
  EXPECT_EQ(outRows, 4);
  nir::GraphData data;
  std::string error;
  ASSERT_TRUE(nir::readNIRData(h5, data, error)) << error;
  const nir::Observable &o = data.nodes.at("syn").at("w");
  EXPECT_EQ(o.nNeurons, 6);
  EXPECT_EQ(o.nSteps, 4);
  EXPECT_EQ(o.data, w);
  EXPECT_EQ(data.nodes.at("syn").at("out").nNeurons, 3);
}

// The stdp_* arrays survive the HDF5 image (the schema knows them) and the
// read image learns what the in-memory one does.
TEST(StdpImage, RoundTripsThroughTheFile) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "nmc-engine-tests";
  fs::create_directories(dir);
  const std::string path = (dir / "stdp-image.h5").string();
  Image img = onePair(rule("nearest_pair", "multiplicative"));
  img.nodes[4].s["neuron_type"] = "LIF"; // the file requires it
  std::string error;
  ASSERT_TRUE(image::writeImage(path, img, error)) << error;
  Image back;
  ASSERT_TRUE(image::readImage(path, back, error)) << error;
  EXPECT_EQ(back.nodes[2].s.at("stdp_pairing"), "nearest_pair");
  EXPECT_EQ(back.nodes[2].i.at("stdp_post").values(), std::vector<int64_t>{4});
  engine::RunConfig cfg =
      spikesAt(events({{2, 0}, {8, 0}}), events({{5, 0}}), 10);
  const double w = learned(engine::Engine(back).run(cfg));
  EXPECT_EQ(w, learned(engine::Engine(img).run(cfg)));
  EXPECT_NE(w, 0.5);
}

// The reference targets' Simulator reports the last run's learned weights
// (what `nmc run --save-weights` writes back), with nothing collected.
TEST(StdpSimulator, LearnedWeightsOfTheLastRun) {
  for (bool float32 : {false, true}) {
    engine::SimulatorOptions options;
    options.float32 = float32;
    auto sim = engine::makeSimulator(onePair(Rule{}), options);
    EXPECT_TRUE(sim->learnedWeights().empty()); // no run yet
    sim::RunStats stats =
        sim->run(spikesAt(events({{1, 0}, {3, 0}}), events({{2, 0}}), 5));
    EXPECT_EQ(stats.plasticUpdates, 2); // two pre spikes, one synapse
    std::vector<sim::LearnedWeights> lw = sim->learnedWeights();
    ASSERT_EQ(lw.size(), 1u);
    EXPECT_EQ(lw[0].node, "syn");
    // At 3: x(2) = e^{-1/10}, y(3) = e^{-1/10}: 0.5 + 0.1 x - 0.12 y, in
    // the run's type.
    ASSERT_EQ(lw[0].weights.size(), 1u);
    const double e1 = std::exp(-0.1);
    const float e1f = float(e1);
    EXPECT_EQ(lw[0].weights[0],
              float32
                  ? double((0.5f + 0.1f * (1.0f * e1f)) - 0.12f * (1.0f * e1f))
                  : (0.5 + 0.1 * (1.0 * e1)) - 0.12 * (1.0 * e1));
  }
}

// ----------------------------------------------------------------- errors

/// The message of constructing an engine for `img` ("" if it succeeds).
std::string imageError(const Image &img) {
  try {
    engine::Engine e(img);
  } catch (const std::runtime_error &err) {
    return err.what();
  }
  return "";
}

Image withSyn(const std::function<void(Node &)> &edit) {
  Image img = onePair(Rule{});
  edit(img.nodes[2]);
  return img;
}

TEST(StdpImage, AllOrNone) {
  EXPECT_EQ(imageError(withSyn([](Node &n) { n.f.erase("stdp_w_max"); })),
            "image node 2 'syn' (affine): the STDP arrays come all or none: "
            "has stdp_pairing, stdp_dependence, stdp_tau_plus, "
            "stdp_tau_minus, stdp_a_plus, stdp_a_minus, stdp_w_min, "
            "stdp_post, lacks stdp_w_max");
}

TEST(StdpImage, UnknownPairing) {
  EXPECT_EQ(imageError(withSyn([](Node &n) { n.s["stdp_pairing"] = "pair"; })),
            "image node 2 'syn' (affine): stdp_pairing 'pair' is not "
            "all_pair or nearest_pair");
}

TEST(StdpImage, UnknownDependence) {
  EXPECT_EQ(
      imageError(withSyn([](Node &n) { n.s["stdp_dependence"] = "mult"; })),
      "image node 2 'syn' (affine): stdp_dependence 'mult' is not additive "
      "or multiplicative");
}

TEST(StdpImage, TauMustBePositive) {
  EXPECT_EQ(imageError(withSyn([](Node &n) {
              n.f["stdp_tau_minus"] = std::vector<double>{0};
            })),
            "image node 2 'syn' (affine): stdp_tau_plus = 10 and "
            "stdp_tau_minus = 0 must be > 0 (steps)");
}

TEST(StdpImage, BoundsInOrder) {
  EXPECT_EQ(imageError(withSyn(
                [](Node &n) { n.f["stdp_w_min"] = std::vector<double>{2}; })),
            "image node 2 'syn' (affine): stdp_w_min = 2 is above "
            "stdp_w_max = 1");
}

TEST(StdpImage, PostIndexInRange) {
  EXPECT_EQ(imageError(withSyn([](Node &n) { n.i["stdp_post"] = {9}; })),
            "image node 2 'syn' (affine): stdp_post = 9 is not a node index "
            "in [0, 5)");
}

TEST(StdpImage, PostMustBeASpikingNeuron) {
  EXPECT_EQ(imageError(withSyn([](Node &n) { n.i["stdp_post"] = {3}; })),
            "image node 2 'syn' (affine): stdp_post = 3 names 'drive' "
            "(affine), not a spiking neuron node");
}

TEST(StdpImage, PostSizeMatches) {
  // pre(1) -> syn(1 -> 2) -> post(2): but stdp_post is a 1-neuron node.
  Image img = network(1, 2, plasticAffine(1, 2, {0.5, 0.5}, Rule{}));
  img.nodes.push_back(
      neuronNode("small", 1, memoryless(), false, true, false, from({0})));
  img.nodes[2].i["stdp_post"] = {5};
  EXPECT_EQ(imageError(img), "image node 2 'syn' (affine): stdp_post "
                             "'small' has 1 neurons, but this node has 2 "
                             "outputs");
}

TEST(StdpImage, NoOtherConsumer) {
  Image img = onePair(Rule{});
  img.nodes.push_back(outputNode("tap", {1}, from({2})));
  EXPECT_EQ(imageError(img), "image node 2 'syn' (affine): its output also "
                             "feeds 'tap'; a plastic node's only consumer "
                             "is its stdp_post 'post'");
}

TEST(StdpImage, ConnectorWithVaryingDelaysRefused) {
  Node c = makeNode("syn", "connector", {1}, {1}, from({0}));
  c.s["rule"] = "one_to_one";
  c.s["weight_distribution"] = "constant";
  c.f["weight"] = std::vector<double>{0.5};
  c.s["delay_distribution"] = "uniform";
  c.f["delay"] = std::vector<double>{1.0, 4.0};
  c.i["allow_self"] = {1};
  c.i["with_replacement"] = {0};
  c.i["seed"] = {3};
  makePlastic(c, Rule{}, 4);
  EXPECT_EQ(imageError(network(1, 1, c)),
            "image node 2 'syn' (connector): a plastic connector needs one "
            "delay for all its synapses, but its delay_distribution is "
            "'uniform' (use 'constant')");
}

TEST(StdpImage, StdpDelayInRange) {
  EXPECT_EQ(imageError(withSyn([](Node &n) { n.i["stdp_delay"] = {-1}; })),
            "image node 2 'syn' (affine): stdp_delay = -1 is outside [0, "
            "2^24] (it includes the node's own delay of 0 steps)");
}

TEST(StdpRun, WeightTraceLimit) {
  // 400 x 300 = 120000 synapses > 100000.
  engine::Engine e(network(
      400, 300,
      plasticAffine(400, 300, std::vector<double>(120000, 0.0), Rule{})));
  engine::RunConfig cfg;
  cfg.steps = 1;
  cfg.traceNodes = {"syn"};
  try {
    e.run(cfg);
    FAIL() << "expected an error";
  } catch (const std::runtime_error &err) {
    EXPECT_STREQ(err.what(),
                 "run configuration: traceNodes names plastic node 'syn' of "
                 "120000 synapses; its weight trace 'w' is limited to "
                 "100000 synapses");
  }
}

} // namespace
