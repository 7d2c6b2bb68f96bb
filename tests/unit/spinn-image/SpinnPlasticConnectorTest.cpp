//===- SpinnPlasticConnectorTest.cpp - Plastic connector rows ------------===//
//
// A plastic connector-form projection on the spinnaker image builder: its
// rows, decoded word by word from SpinnImage.h "Plastic rows", must hold
// exactly model::expandConnector's whole expansion (the independent
// expectation): the same synapses, raw weights round(w * 2^15) (zero
// weights kept), one hardware delay D = round(delay / dt) + delayOffset in
// every control word; a static connector from the same pre keeps its
// fixed words in the same rows. Also payload.plastic, the facts, the
// `network` node (CSR of the expansion, exact s16.15 weights, stdp_* keys,
// stdp_delay = D) and the refusals (|w| >= 512, a non-constant delay).
//===----------------------------------------------------------------------===//
#include "SpinnTestLayout.h"

#include "nmc/Emulator/Engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

using namespace nmc;
using namespace nmc::test;

namespace {

constexpr int64_t kPre = 37, kPost = 29, kPer = 16;

/// Plastic synapse as decoded: source, target, raw weight, delay.
using Plastic = std::tuple<int64_t, int64_t, int32_t, int64_t>;

model::ConnectorSpec plasticSpec() {
  model::ConnectorSpec s;
  s.rule = model::ConnectorRule::FixedProbability;
  s.nPre = kPre;
  s.nPost = kPost;
  s.p = 0.3;
  // Zero weights too: a plastic synapse of weight 0 may learn.
  s.weight.kind = model::Distribution::Kind::Choice;
  s.weight.values = {0.0, 0.5, -0.25, 0.3, 1.7};
  s.delay.kind = model::Distribution::Kind::Constant;
  s.delay.a = 2e-3; // 2 steps at dt 1 ms
  s.seed = 77;
  return s;
}

/// src (37, slices of 16) -> dst (29, slices of 16, delay_bits 3):
/// "st" static all-to-all weight 0.5 delay 1 ms (offset 0), then "pl" the
/// plastic connector above with delayOffset 1: D = 2 + 1 = 3.
L::Layout connectorLayout() {
  L::Layout l;
  l.machine = spin3();
  l.dt = 1e-3;
  int32_t core = 2;
  l.populations.push_back(population("src", true, kPre, kPer, 0, core));
  l.populations.push_back(population("dst", false, kPost, kPer, 1, core));
  l.populations[1].shiftExc = 1;
  L::Projection st;
  st.name = "st";
  st.pre = 0;
  st.post = 1;
  st.nPre = kPre;
  st.nPost = kPost;
  model::ConnectorSpec all;
  all.rule = model::ConnectorRule::AllToAll;
  all.nPre = kPre;
  all.nPost = kPost;
  all.weight.kind = model::Distribution::Kind::Constant;
  all.weight.a = 0.5;
  all.delay.kind = model::Distribution::Kind::Constant;
  all.delay.a = 1e-3;
  all.seed = 5;
  st.connector = all;
  l.projections.push_back(st);
  L::Projection pl;
  pl.name = "pl";
  pl.pre = 0;
  pl.post = 1;
  pl.nPre = kPre;
  pl.nPost = kPost;
  pl.connector = plasticSpec();
  pl.delayOffset = 1;
  model::StdpParams r;
  r.tauPlus = 20; // ticks
  r.tauMinus = 10;
  r.aPlus = 0.125;
  r.aMinus = 0.0625;
  r.wMin = -1;
  r.wMax = 2;
  pl.stdp = r;
  l.projections.push_back(pl);
  return l;
}

/// The whole expansion of "pl", as the rows must hold it.
std::vector<Plastic> expectedPlastic(model::ExpandedConnector &whole) {
  EXPECT_EQ(model::expandConnector(plasticSpec(), 0, kPost, 1e-3, whole), "");
  std::vector<Plastic> out;
  for (int64_t j = 0; j < kPre; ++j)
    for (int64_t k = whole.indptr[j]; k < whole.indptr[j + 1]; ++k)
      out.emplace_back(j, whole.indices[k],
                       int32_t(std::llround(whole.weights[k] * 32768.0)),
                       int64_t(whole.delaySteps[k]) + 1);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SpinnPlasticConnector, RowsHoldTheWholeExpansion) {
  const L::Layout l = connectorLayout();
  spinn::SpinnPayload out;
  ASSERT_EQ(L::buildSpinnCores(l, out), "");
  model::ExpandedConnector whole;
  const std::vector<Plastic> expected = expectedPlastic(whole);
  int64_t zeros = 0;
  for (const Plastic &p : expected) {
    zeros += std::get<2>(p) == 0;
    EXPECT_EQ(std::get<3>(p), 3);
  }
  ASSERT_GT(zeros, 0) << "the test should keep zero-weight synapses";

  std::vector<Plastic> plastic;
  std::vector<std::pair<int64_t, int64_t>> fixed; // static (source, target)
  for (const spinn::Core &c : out.cores) {
    if (c.kind != spinn::CoreKind::Neuron)
      continue;
    for (const spinn::PopTableEntry &e : c.popTable) {
      EXPECT_EQ(e.delayStage, 0u);
      EXPECT_EQ(e.plastic, 0); // payload.plastic[0] = "pl"
      const int64_t srcLo = int64_t((e.key >> 4) & 0xF) * kPer;
      for (uint32_t i = 0; i < e.neurons; ++i) {
        const uint32_t base = e.address + i * e.rowStride;
        const uint32_t n = c.sdram[base];
        uint32_t at = base + 1, p = 0;
        if (n) {
          ASSERT_GE(n, 3u);
          p = n - 2;
          EXPECT_EQ(c.sdram[at], 0x80000000u); // T_last = kNeverSpiked
          EXPECT_EQ(c.sdram[at + 1], 0u);      // x = 0
          at += 2 + p;
        }
        const uint32_t f = c.sdram[at], pCount = c.sdram[at + 1];
        EXPECT_EQ(pCount, p);
        const uint32_t fixedAt = at + 2, controlAt = fixedAt + f;
        ASSERT_LE(controlAt + (p + 1) / 2, base + e.rowStride);
        for (uint32_t k = 0; k < f; ++k) {
          const uint32_t w = c.sdram[fixedAt + k];
          // st: 0.5 at shift 1 = code 0.5 * 2^14, D = 1.
          EXPECT_EQ(c.row.weight(w), 8192u);
          EXPECT_EQ(c.row.delay(w), 1u);
          fixed.emplace_back(srcLo + i, c.lo + c.row.index(w));
        }
        for (uint32_t k = 0; k < p; ++k) {
          const uint32_t ctl =
              (c.sdram[controlAt + k / 2] >> (k % 2 ? 16 : 0)) & 0xFFFFu;
          EXPECT_EQ(c.row.type(ctl), 0u);
          EXPECT_EQ(c.row.weight(ctl), 0u);
          plastic.emplace_back(srcLo + i, c.lo + c.row.index(ctl),
                               int32_t(c.sdram[base + 3 + k]),
                               int64_t(c.row.delay(ctl)));
        }
      }
    }
  }
  std::sort(plastic.begin(), plastic.end());
  EXPECT_EQ(plastic, expected);
  EXPECT_EQ(int64_t(fixed.size()), kPre * kPost);

  ASSERT_EQ(out.plastic.size(), 1u);
  EXPECT_EQ(out.plastic[0].name, "pl");
  EXPECT_EQ(out.plastic[0].pre, 0);
  EXPECT_EQ(out.plastic[0].post, 1);
  EXPECT_EQ(out.plastic[0].delay, 3);
  EXPECT_EQ(out.plastic[0].synapses, int64_t(expected.size()));
  EXPECT_EQ(out.plastic[0].rule.tauPlus, 20);
  EXPECT_EQ(out.facts.plasticSynapses, int64_t(expected.size()));
  EXPECT_EQ(out.facts.synapses, int64_t(expected.size()) + kPre * kPost);
  // Plastic weights are never coded: nothing zeroed or saturated.
  EXPECT_EQ(out.facts.zeroedWeights, 0);
  EXPECT_EQ(out.facts.saturatedWeights, 0);
}

/// src (37) -> dst (29 LIF) -> out, the quantized network the layout names.
image::Image connectorQuantized() {
  image::Image q;
  q.dt = 1e-3;
  q.numberFormat = "s16.15";
  auto node = [](std::string name, std::string kind, int64_t in, int64_t o,
                 std::vector<image::InputEdge> inputs) {
    image::Node n;
    n.name = std::move(name);
    n.kind = std::move(kind);
    n.inShape = {in};
    n.outShape = {o};
    n.inputs = std::move(inputs);
    return n;
  };
  q.nodes.push_back(node("src", "input", kPre, kPre, {}));
  q.nodes.push_back(node("dst", "neuron", kPost, kPost, {}));
  image::Node &n = q.nodes.back();
  n.s["neuron_type"] = "LIF";
  for (const char *c : image::keys::kCoefs)
    n.f[c] = FloatArray(std::vector<double>(kPost, 0.5));
  n.i["has_syn"] = {0};
  n.i["spiking"] = {1};
  n.i["reset_subtract"] = {0};
  q.nodes.push_back(node("out", "output", kPost, kPost, {{1, false}}));
  return q;
}

TEST(SpinnPlasticConnector, NetworkNodeIsTheExpansionWithTheRule) {
  image::Image net;
  int64_t omitted = -1;
  ASSERT_EQ(L::buildSpinnNetwork(connectorLayout(), connectorQuantized(), net,
                                 omitted),
            "");
  EXPECT_EQ(omitted, 0);
  // src, st, pl, dst, out.
  ASSERT_EQ(net.nodes.size(), 5u);
  const image::Node &pl = net.nodes[2];
  ASSERT_EQ(pl.name, "pl");
  EXPECT_EQ(pl.kind, "sparse_affine");
  ASSERT_EQ(pl.inputs.size(), 1u);
  EXPECT_TRUE(pl.inputs[0].delayed);
  model::ExpandedConnector whole;
  (void)expectedPlastic(whole);
  std::vector<int64_t> indices(whole.indices.begin(), whole.indices.end());
  std::vector<double> weights;
  for (double w : whole.weights)
    weights.push_back(double(std::llround(w * 32768.0)) / 32768.0);
  EXPECT_EQ(pl.i.at("indptr").values(), whole.indptr);
  EXPECT_EQ(pl.i.at("indices").values(), indices);
  EXPECT_EQ(pl.f.at("weight").values(), weights);
  // D - 1 after the delayed edge's tick.
  EXPECT_EQ(pl.i.at("delay_steps").values(),
            std::vector<int64_t>(indices.size(), 2));
  EXPECT_EQ(pl.s.at("stdp_pairing"), "all_pair");
  EXPECT_EQ(pl.s.at("stdp_dependence"), "additive");
  EXPECT_EQ(pl.f.at("stdp_tau_plus").values(), (std::vector<double>{20}));
  EXPECT_EQ(pl.f.at("stdp_tau_minus").values(), (std::vector<double>{10}));
  EXPECT_EQ(pl.f.at("stdp_a_plus").values(), (std::vector<double>{0.125}));
  EXPECT_EQ(pl.f.at("stdp_a_minus").values(), (std::vector<double>{0.0625}));
  EXPECT_EQ(pl.f.at("stdp_w_min").values(), (std::vector<double>{-1}));
  EXPECT_EQ(pl.f.at("stdp_w_max").values(), (std::vector<double>{2}));
  EXPECT_EQ(net.nodes[3].name, "dst");
  EXPECT_EQ(pl.i.at("stdp_post").values(), (std::vector<int64_t>{3}));
  EXPECT_EQ(pl.i.at("stdp_delay").values(), (std::vector<int64_t>{3}));
  EXPECT_FALSE(net.nodes[1].i.count("stdp_post"));
  EXPECT_NO_THROW(engine::Engine{net});
}

TEST(SpinnPlasticConnector, AWeightOf512IsRefusedByName) {
  L::Layout l = connectorLayout();
  l.projections[1].connector->weight.values = {0.5, 512.0};
  spinn::SpinnPayload out;
  const std::string e = L::buildSpinnCores(l, out);
  EXPECT_NE(e.find("projection 'pl': plastic weight 512"), std::string::npos)
      << e;
  EXPECT_NE(e.find("outside (-512, 512)"), std::string::npos) << e;
}

TEST(SpinnPlasticConnector, ANonConstantDelayIsRefused) {
  L::Layout l = connectorLayout();
  model::Distribution &d = l.projections[1].connector->delay;
  d.kind = model::Distribution::Kind::Uniform;
  d.a = 1e-3;
  d.b = 3e-3;
  spinn::SpinnPayload out;
  const std::string e = L::buildSpinnCores(l, out);
  EXPECT_NE(e.find("projection 'pl': a plastic connector needs a constant "
                   "delay"),
            std::string::npos)
      << e;
}

} // namespace
