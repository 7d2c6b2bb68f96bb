//===- FastPathTest.cpp - Engine fast paths against a naive loop ----------===//
//
// A CUBA-shaped network (spiking population -> sparse_affine -> LI, fed back
// through delayed edges) exercises the paths that avoid passes over memory:
// spikes listed inside the neuron loop (several blocks and a tail), sparse
// accumulators reset at their touched targets only (or filled when many were
// touched), non-spiking neurons keeping v in their output buffer (in place,
// or read from the previous buffer when a later node reads them delayed).
// Everything is compared bit for bit with a hand loop over stepNeuron.
//===----------------------------------------------------------------------===//
#include "PlainCheck.h"
#include "TestImages.h"

#include <gtest/gtest.h>

#include <tuple>

using namespace nmc;
using namespace nmc::test;

namespace {

struct Csr {
  std::vector<int64_t> indptr, indices;
  std::vector<double> weight;
};

/// Deterministic sparse connectivity; `perRow` gives one weight per row.
Csr makeCsr(int64_t n, int64_t seed, bool perRow) {
  Csr c;
  c.indptr.push_back(0);
  for (int64_t s = 0; s < n; ++s) {
    for (int64_t t = 0; t < n; ++t)
      if ((s * 131 + t * 71 + seed) % 23 == 0) {
        c.indices.push_back(t);
        c.weight.push_back(perRow ? 0.3 + 0.01 * (s % 7)
                                  : 0.2 + 0.013 * ((s + t) % 11) - 0.1 * seed);
      }
    c.indptr.push_back(static_cast<int64_t>(c.indices.size()));
  }
  return c;
}

Node sparseNode(const std::string &name, int64_t n, const Csr &c,
                std::vector<InputEdge> inputs) {
  Node node = makeNode(name, "sparse_affine", {n}, {n}, std::move(inputs));
  node.i["indptr"] = c.indptr;
  node.i["indices"] = c.indices;
  node.f["weight"] = c.weight;
  return node;
}

/// The CUBA shape: lif reads syn_e and syn_i delayed; w_e / w_i carry lif's
/// spikes to them; output repeats lif (nodes 0..5).
/// Connectivity: w_e = makeCsr(n, 0, true), w_i = makeCsr(n, 5, false).
std::vector<Node> cubaNodes(int64_t n, const model::DiscreteCoeffs &cl,
                            const model::DiscreteCoeffs &ce,
                            const model::DiscreteCoeffs &ci, bool lifSyn,
                            bool synSyn, bool subtract) {
  const Csr we = makeCsr(n, 0, true), wi = makeCsr(n, 5, false);
  return {
      neuronNode("lif", n, cl, lifSyn, true, subtract, {{2, true}, {4, true}}),
      sparseNode("w_e", n, we, from({0})),
      neuronNode("syn_e", n, ce, synSyn, false, false, from({1})),
      sparseNode("w_i", n, wi, from({0})),
      neuronNode("syn_i", n, ci, synSyn, false, false, from({3})),
      outputNode("output", {n}, from({0}))};
}

/// The spiking population: a LIF driven above threshold by c_mem_0.
model::DiscreteCoeffs drivenLif() {
  model::DiscreteCoeffs cl;
  cl.aSyn = 0.8;
  cl.bSyn = 0.5;
  cl.aMem = 0.9;
  cl.cMemSyn = 0.05;
  cl.cMemIn = 0.1;
  cl.cMem0 = 0.1005;
  cl.vThreshold = 1.0;
  cl.vReset = 0.0;
  return cl;
}

/// Initial v of lif: a spread of values in [0, 1].
std::vector<double> spreadV0(int64_t n) {
  std::vector<double> v0(n);
  for (int64_t i = 0; i < n; ++i)
    v0[i] = (i * 37 % 101) / 100.0;
  return v0;
}

/// acc = the weights of the `fired` rows, summed in row order; returns the
/// number of synapses visited.
int64_t scatter(const Csr &c, const std::vector<int64_t> &fired,
                std::vector<double> &acc) {
  std::fill(acc.begin(), acc.end(), 0.0);
  int64_t visited = 0;
  for (int64_t s : fired)
    for (int64_t k = c.indptr[s]; k < c.indptr[s + 1]; ++k, ++visited)
      acc[c.indices[k]] += 1.0 * c.weight[k];
  return visited;
}

/// Trace `var` of `node` at step t.
std::vector<double> traceRow(const engine::RunResult &r, const char *node,
                             const char *var, int64_t t, int64_t n) {
  auto tr = trace0(r, node, var);
  return std::vector<double>(tr.begin() + t * n, tr.begin() + (t + 1) * n);
}

void expectSameSpikes(const std::vector<engine::Event> &got,
                      const std::vector<engine::Event> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t k = 0; k < want.size(); ++k) {
    EXPECT_EQ(got[k].step, want[k].step);
    EXPECT_EQ(got[k].neuron, want[k].neuron);
    EXPECT_EQ(got[k].value, 1.0);
  }
}

} // namespace

TEST(FastPaths, CubaShapedNetworkMatchesNaiveLoop) {
  const int64_t n = 300, steps = 120; // 300 = 256 + 5 * 8 + 4
  for (int variant = 0; variant < 8; ++variant) {
    const bool lifSyn = variant & 1, synSyn = variant & 2,
               subtract = variant & 4;
    SCOPED_TRACE(variant);
    const model::DiscreteCoeffs cl = drivenLif();
    model::DiscreteCoeffs ce, ci, cd;
    ce.aSyn = 0.6;
    ce.bSyn = 0.4;
    ce.aMem = 0.7;
    ce.cMemSyn = 0.1;
    ce.cMemIn = 1.0;
    ci = ce;
    ci.aMem = 0.85;
    ci.cMemIn = -1.3;
    cd = ce;
    cd.aMem = 0.5;
    cd.cMem0 = 0.25;
    const Csr we = makeCsr(n, 0, true), wi = makeCsr(n, 5, false);
    Image img;
    img.nodes = cubaNodes(n, cl, ce, ci, lifSyn, synSyn, subtract);
    // Reads syn_e delayed from after it: syn_e keeps two buffers.
    img.nodes.push_back(
        neuronNode("late", n, cd, false, false, false, {{2, true}}));
    engine::RunConfig cfg;
    cfg.steps = steps;
    const std::vector<double> v0 = spreadV0(n);
    cfg.initialV["lif"] = v0;
    cfg.traceNodes = {"syn_e", "syn_i", "late", "w_e"};
    auto r = runBothEngines(img, cfg);

    // The naive loop.
    const auto reset =
        subtract ? model::ResetMode::Subtract : model::ResetMode::ToValue;
    std::vector<double> vl = v0, sl(n, 0), ve(n, 0), se(n, 0), vi(n, 0),
                        si(n, 0), vd(n, 0), sd(n, 0), ae(n), ai(n);
    std::vector<engine::Event> spikes;
    int64_t touchedSteps = 0, fullSteps = 0;
    for (int64_t t = 0; t < steps; ++t) {
      const std::vector<double> outE = ve, outI = vi; // previous outputs
      std::vector<int64_t> fired;
      for (int64_t i = 0; i < n; ++i)
        if (model::stepNeuron(cl, lifSyn, true, reset, outE[i] + outI[i], sl[i],
                              vl[i]) != 0.0) {
          fired.push_back(i);
          spikes.push_back({t, i, 1.0});
        }
      auto add = [&](const Csr &c, std::vector<double> &acc) {
        (scatter(c, fired, acc) * 4 > n ? fullSteps : touchedSteps) += 1;
      };
      add(we, ae);
      for (int64_t i = 0; i < n; ++i)
        model::stepNeuron(ce, synSyn, false, reset, ae[i], se[i], ve[i]);
      add(wi, ai);
      for (int64_t i = 0; i < n; ++i)
        model::stepNeuron(ci, synSyn, false, reset, ai[i], si[i], vi[i]);
      for (int64_t i = 0; i < n; ++i)
        model::stepNeuron(cd, false, false, reset, outE[i], sd[i], vd[i]);
      auto row = [&](const char *node, const char *var) {
        return traceRow(r, node, var, t, n);
      };
      ASSERT_EQ(row("w_e", "out"), ae) << variant << " step " << t;
      ASSERT_EQ(row("syn_e", "out"), ve) << variant << " step " << t;
      ASSERT_EQ(row("syn_e", "v"), ve) << variant << " step " << t;
      ASSERT_EQ(row("syn_i", "out"), vi) << variant << " step " << t;
      ASSERT_EQ(row("late", "out"), vd) << variant << " step " << t;
      if (synSyn) {
        ASSERT_EQ(row("syn_i", "i"), si) << variant << " step " << t;
      }
    }
    // Both accumulator reset paths ran.
    EXPECT_GT(touchedSteps, 0) << variant;
    EXPECT_GT(fullSteps, 0) << variant;
    expectSameSpikes(r.find("output")->spikes[0], spikes);
    EXPECT_EQ(r.find("lif")->spikeCount, static_cast<int64_t>(spikes.size()));
  }
}

// The exact CUBA shape: a spiking population reading, through delayed edges,
// two synapse-free LI populations that only it reads. The engine then updates
// the LIs one step late inside the spiking loop (Runner::planFusion); tracing
// an LI turns that off. Both must match the naive loop bit for bit, including
// step 0 (the LIs have c_mem_0 != 0, so their first update is not zero) and
// per-neuron coefficients.
TEST(FastPaths, FusedSynapsePopulationsMatchNaiveLoop) {
  const int64_t n = 300, steps = 150;
  for (int variant = 0; variant < 16; ++variant) {
    const bool lifSyn = variant & 1, subtract = variant & 2,
               perNeuron = variant & 4, traceLi = variant & 8;
    SCOPED_TRACE(variant);
    const model::DiscreteCoeffs cl = drivenLif();
    model::DiscreteCoeffs ce, ci;
    ce.aMem = 0.7;
    ce.cMemIn = 1.0;
    ce.cMem0 = 0.01;
    ci = ce;
    ci.aMem = 0.85;
    ci.cMemIn = -1.3;
    ci.cMem0 = -0.003;
    // Per-neuron coefficients (or the uniform ones for every neuron).
    auto perElem = [&](const model::DiscreteCoeffs &c, int64_t i, int salt) {
      model::DiscreteCoeffs d = c;
      if (perNeuron) {
        d.aMem = c.aMem - 0.001 * ((i * 7 + salt) % 13);
        d.cMemIn = c.cMemIn * (1 + 0.01 * ((i + salt) % 5));
        d.cMem0 = c.cMem0 + 0.0001 * ((i * 3 + salt) % 7);
        d.vThreshold = c.vThreshold + 0.001 * (i % 3);
      }
      return d;
    };
    const Csr we = makeCsr(n, 0, true), wi = makeCsr(n, 5, false);
    Image img;
    img.nodes = cubaNodes(n, cl, ce, ci, lifSyn, false, subtract);
    if (perNeuron)
      for (auto [k, c, salt] :
           {std::tuple{0, &cl, 0}, {2, &ce, 1}, {4, &ci, 2}})
      {
        std::vector<double> aMem(n), cMemIn(n), cMem0(n), vThreshold(n);
        for (int64_t i = 0; i < n; ++i) {
          model::DiscreteCoeffs d = perElem(*c, i, salt);
          aMem[i] = d.aMem;
          cMemIn[i] = d.cMemIn;
          cMem0[i] = d.cMem0;
          vThreshold[i] = d.vThreshold;
        }
        img.nodes[k].f["a_mem"] = aMem;
        img.nodes[k].f["c_mem_in"] = cMemIn;
        img.nodes[k].f["c_mem_0"] = cMem0;
        img.nodes[k].f["v_threshold"] = vThreshold;
      }
    engine::RunConfig cfg;
    cfg.steps = steps;
    const std::vector<double> v0 = spreadV0(n);
    cfg.initialV["lif"] = v0;
    cfg.traceNodes = {"lif"};
    if (traceLi)
      cfg.traceNodes.push_back("syn_e");
    auto r = runBothEngines(img, cfg);

    const auto reset =
        subtract ? model::ResetMode::Subtract : model::ResetMode::ToValue;
    std::vector<double> vl = v0, sl(n, 0), ve(n, 0), se(n, 0), vi(n, 0),
                        si(n, 0), ae(n), ai(n);
    std::vector<engine::Event> spikes;
    int64_t events = 0;
    for (int64_t t = 0; t < steps; ++t) {
      const std::vector<double> outE = ve, outI = vi; // previous outputs
      std::vector<int64_t> fired;
      for (int64_t i = 0; i < n; ++i)
        if (model::stepNeuron(perElem(cl, i, 0), lifSyn, true, reset,
                              outE[i] + outI[i], sl[i], vl[i]) != 0.0) {
          fired.push_back(i);
          spikes.push_back({t, i, 1.0});
        }
      events += scatter(we, fired, ae);
      for (int64_t i = 0; i < n; ++i)
        model::stepNeuron(perElem(ce, i, 1), false, false, reset, ae[i], se[i],
                          ve[i]);
      events += scatter(wi, fired, ai);
      for (int64_t i = 0; i < n; ++i)
        model::stepNeuron(perElem(ci, i, 2), false, false, reset, ai[i], si[i],
                          vi[i]);
      auto row = [&](const char *node, const char *var) {
        return traceRow(r, node, var, t, n);
      };
      ASSERT_EQ(row("lif", "v"), vl) << "step " << t;
      if (lifSyn) {
        ASSERT_EQ(row("lif", "i"), sl) << "step " << t;
      }
      if (traceLi) {
        ASSERT_EQ(row("syn_e", "out"), ve) << "step " << t;
      }
    }
    ASSERT_GT(spikes.size(), 20u);
    expectSameSpikes(r.find("output")->spikes[0], spikes);
    EXPECT_EQ(r.synapticEvents, events);
    EXPECT_EQ(r.neuronUpdates, 3 * n * steps);
  }
}
