//===- SpinnPlasticTest.cpp - Plastic rows, payload.plastic, network -----===//
//
// Issue 14 on the spinnaker image builder: a hand-built layout with one
// plastic projection (2 pre, 3 post, hand weights) and one static
// projection from the same pre. Every word of the plastic rows is written
// out by hand from SpinnImage.h "Plastic rows" (N, T_last = kNeverSpiked,
// x = 0, raw weights round(w * 2^15), F, P, fixed words, the 16-bit
// control words two per word); the pop table's `plastic`, payload.plastic,
// the facts; the `network` node's stdp_* keys; the image file round trip
// and its checks of corrupted plastic fields.
//===----------------------------------------------------------------------===//
#include "SpinnTestLayout.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Image/OpenImage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <stdexcept>

using namespace nmc;
using namespace nmc::test;

namespace {

/// weight:16 | delay:3 | type:1 | index:2 (a 3-neuron core, delay_bits 3).
uint32_t word(uint32_t code, uint32_t delay, uint32_t type, uint32_t index) {
  return code << 16 | delay << 3 | type << 2 | index;
}

/// in (2 sources, one slice, key 0x000) -> n (3 neurons, one slice [0, 3),
/// key 0x100, delay_bits 3):
///   "st" static: 0 -> 1 exc code 100 D 1; 1 -> 2 inh code 200 D 3
///   "pl" plastic: 0 -> 0 w 0.5, 0 -> 1 w -0.25, 0 -> 2 w 0.3; D 2 for
///        all; pre 1 has no plastic synapse.
L::Layout plasticLayout() {
  L::Layout l;
  l.machine = spin3();
  l.dt = 1e-3;
  int32_t core = 2;
  l.populations.push_back(population("in", true, 2, 2, 0, core));
  l.populations.push_back(population("n", false, 3, 4, 1, core, 3));
  l.populations[1].shiftInh = 1;
  L::Projection st;
  st.name = "st";
  st.pre = 0;
  st.post = 1;
  st.nPre = 2;
  st.nPost = 3;
  st.indptr = {0, 1, 2};
  st.indices = {1, 2};
  st.types = {0, 1};
  st.codes = {100, 200};
  st.delays = {1, 3};
  l.projections.push_back(st);
  L::Projection pl;
  pl.name = "pl";
  pl.pre = 0;
  pl.post = 1;
  pl.nPre = 2;
  pl.nPost = 3;
  pl.indptr = {0, 3, 3};
  pl.indices = {0, 1, 2};
  pl.types = {0, 0, 0};
  pl.codes = {0, 0, 0};
  pl.delays = {2};
  pl.weights = {0.5, -0.25, 0.3};
  model::StdpParams r;
  r.pairing = model::StdpPairing::NearestPair;
  r.dependence = model::WeightDependence::Multiplicative;
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

/// in (2) -> n (3 LIF) -> out, the quantized network the layout names.
image::Image plasticQuantized() {
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
  q.nodes.push_back(node("in", "input", 2, 2, {}));
  q.nodes.push_back(node("n", "neuron", 3, 3, {}));
  image::Node &n = q.nodes.back();
  n.s["neuron_type"] = "LIF";
  for (const char *c : image::keys::kCoefs)
    n.f[c] = FloatArray(std::vector<double>(3, 0.5));
  n.i["has_syn"] = {0};
  n.i["spiking"] = {1};
  n.i["reset_subtract"] = {0};
  q.nodes.push_back(node("out", "output", 3, 3, {{1, false}}));
  return q;
}

TEST(SpinnPlastic, PlasticRowsWordByWord) {
  spinn::SpinnPayload out;
  ASSERT_EQ(L::buildSpinnCores(plasticLayout(), out), "");
  ASSERT_EQ(out.cores.size(), 2u);
  const spinn::Core &c = out.cores[1];
  EXPECT_EQ(c.row, (spinn::RowFormat{2, 1, 3}));
  // Row of pre 0: P = 3 plastic, F = 1 fixed: N = 2 + 3 = 5; 3 header +
  // 2 pre-trace + 3 weights + 1 fixed + ceil(3/2) = 2 control words = 11.
  // Row of pre 1: static (N = 0), 3 + 1 words, padded to the stride 11.
  ASSERT_EQ(c.popTable.size(), 1u);
  EXPECT_EQ(c.popTable[0],
            (spinn::PopTableEntry{0x000, 0xFFFFFFF0u, 0, 11, 2, 0, 0}));
  // Control words: delay 2 << (1 + 2) | type 0 | index: 16, 17, 18; the
  // first two share a word (low half, high half).
  const uint32_t ctl0 = 2u << 3 | 0, ctl1 = 2u << 3 | 1, ctl2 = 2u << 3 | 2;
  EXPECT_EQ(ctl0, 16u);
  const std::vector<uint32_t> rows = {
      // pre 0
      5,                        // N
      0x80000000u,              // T_last = kNeverSpiked (INT32_MIN)
      0,                        // x = 0
      16384,                    // round(0.5 * 32768)
      uint32_t(int32_t(-8192)), // round(-0.25 * 32768)
      9830,                     // round(0.3 * 32768 = 9830.4)
      1,                        // F
      3,                        // P
      word(100, 1, 0, 1),       // st: 0 -> 1
      ctl0 | ctl1 << 16,        // controls 0 (low) and 1 (high)
      ctl2,                     // control 2 (low), high half empty
      // pre 1
      0, 1, 0, word(200, 3, 1, 2), // static row: N 0, F 1, P 0, 1 -> 2
      0, 0, 0, 0, 0, 0, 0};        // padding to 11
  EXPECT_EQ(c.sdram, rows);
  EXPECT_EQ(uint32_t(spinn::kNeverSpiked), 0x80000000u);
  EXPECT_EQ(word(100, 1, 0, 1), 100u * 65536 + 9);

  ASSERT_EQ(out.plastic.size(), 1u);
  const spinn::PlasticProjection &q = out.plastic[0];
  EXPECT_EQ(q.name, "pl");
  EXPECT_EQ(q.pre, 0);
  EXPECT_EQ(q.post, 1);
  EXPECT_EQ(q.delay, 2);
  EXPECT_EQ(q.synapses, 3);
  EXPECT_EQ(q.rule.pairing, model::StdpPairing::NearestPair);
  EXPECT_EQ(q.rule.dependence, model::WeightDependence::Multiplicative);
  EXPECT_EQ(q.rule.tauPlus, 20);
  EXPECT_EQ(q.rule.tauMinus, 10);
  EXPECT_EQ(q.rule.aPlus, 0.125);
  EXPECT_EQ(q.rule.wMax, 2);
  // 2 fixed words + 3 plastic synapses.
  EXPECT_EQ(out.facts.synapses, 5);
  EXPECT_EQ(out.facts.plasticSynapses, 3);
}

TEST(SpinnPlastic, NetworkNodeCarriesTheRuleAndTheDelay) {
  image::Image net;
  int64_t omitted = -1;
  ASSERT_EQ(
      L::buildSpinnNetwork(plasticLayout(), plasticQuantized(), net, omitted),
      "");
  // in, st, pl, n, out.
  ASSERT_EQ(net.nodes.size(), 5u);
  const image::Node &pl = net.nodes[2];
  ASSERT_EQ(pl.name, "pl");
  EXPECT_EQ(pl.kind, "sparse_affine");
  ASSERT_EQ(pl.inputs.size(), 1u);
  EXPECT_TRUE(pl.inputs[0].delayed);
  EXPECT_EQ(pl.i.at("indptr").values(), (std::vector<int64_t>{0, 3, 3}));
  EXPECT_EQ(pl.i.at("indices").values(), (std::vector<int64_t>{0, 1, 2}));
  // D - 1 after the delayed edge's tick.
  EXPECT_EQ(pl.i.at("delay_steps").values(), (std::vector<int64_t>{1, 1, 1}));
  // The exact s16.15 values.
  EXPECT_EQ(pl.f.at("weight").values(),
            (std::vector<double>{0.5, -0.25, 9830.0 / 32768}));
  EXPECT_EQ(pl.s.at("stdp_pairing"), "nearest_pair");
  EXPECT_EQ(pl.s.at("stdp_dependence"), "multiplicative");
  EXPECT_EQ(pl.f.at("stdp_tau_plus").values(), (std::vector<double>{20}));
  EXPECT_EQ(pl.f.at("stdp_tau_minus").values(), (std::vector<double>{10}));
  EXPECT_EQ(pl.f.at("stdp_a_plus").values(), (std::vector<double>{0.125}));
  EXPECT_EQ(pl.f.at("stdp_a_minus").values(), (std::vector<double>{0.0625}));
  EXPECT_EQ(pl.f.at("stdp_w_min").values(), (std::vector<double>{-1}));
  EXPECT_EQ(pl.f.at("stdp_w_max").values(), (std::vector<double>{2}));
  EXPECT_EQ(net.nodes[3].name, "n");
  EXPECT_EQ(pl.i.at("stdp_post").values(), (std::vector<int64_t>{3}));
  EXPECT_EQ(pl.i.at("stdp_delay").values(), (std::vector<int64_t>{2}));
  // The static projection has no stdp key.
  EXPECT_EQ(net.nodes[1].name, "st");
  EXPECT_FALSE(net.nodes[1].i.count("stdp_post"));
  // The fixed-point engine accepts it (its STDP checks: keys, post, delay).
  EXPECT_NO_THROW(engine::Engine{net});
}

TEST(SpinnPlastic, TwoPlasticProjectionsOfOnePairAreRefused) {
  L::Layout l = plasticLayout();
  L::Projection again = l.projections[1];
  again.name = "pl2";
  l.projections.push_back(again);
  spinn::SpinnPayload out;
  const std::string e = L::buildSpinnCores(l, out);
  EXPECT_NE(e.find("plastic projections 'pl' and 'pl2' both connect 'in' to "
                   "'n'"),
            std::string::npos)
      << e;
}

TEST(SpinnPlastic, PlasticDelayAboveTheRingIsRefused) {
  L::Layout l = plasticLayout();
  l.projections[1].delays = {8}; // delay_bits 3: at most 7 on-core
  spinn::SpinnPayload out;
  const std::string e = L::buildSpinnCores(l, out);
  EXPECT_NE(e.find("projection 'pl': plastic synapse 0 -> 0"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("hardware delay 8, outside the core's on-core 1..7"),
            std::string::npos)
      << e;
}

spinn::SpinnPayload samplePayload() {
  spinn::SpinnPayload out;
  EXPECT_EQ(L::buildSpinnPayload(plasticLayout(), plasticQuantized(), out), "");
  return out;
}

TEST(SpinnPlastic, ImageRoundTripIsEqual) {
  const spinn::SpinnPayload p = samplePayload();
  const std::string path = tempImagePath("roundtrip");
  std::string error;
  ASSERT_TRUE(spinn::writeSpinnImage(path, p, error)) << error;
  image::LoadedImage loaded = image::openImage(path);
  const auto *r = loaded.as<spinn::SpinnPayload>();
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->cores.size(), p.cores.size());
  for (size_t k = 0; k < p.cores.size(); ++k) {
    EXPECT_EQ(r->cores[k].popTable, p.cores[k].popTable);
    EXPECT_EQ(r->cores[k].sdram, p.cores[k].sdram);
  }
  ASSERT_EQ(r->plastic.size(), 1u);
  const spinn::PlasticProjection &a = p.plastic[0], &b = r->plastic[0];
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.pre, b.pre);
  EXPECT_EQ(a.post, b.post);
  EXPECT_EQ(a.delay, b.delay);
  EXPECT_EQ(a.synapses, b.synapses);
  EXPECT_EQ(a.rule.pairing, b.rule.pairing);
  EXPECT_EQ(a.rule.dependence, b.rule.dependence);
  EXPECT_EQ(a.rule.tauPlus, b.rule.tauPlus);
  EXPECT_EQ(a.rule.tauMinus, b.rule.tauMinus);
  EXPECT_EQ(a.rule.aPlus, b.rule.aPlus);
  EXPECT_EQ(a.rule.aMinus, b.rule.aMinus);
  EXPECT_EQ(a.rule.wMin, b.rule.wMin);
  EXPECT_EQ(a.rule.wMax, b.rule.wMax);
  EXPECT_EQ(r->facts.synapses, 5);
  EXPECT_EQ(r->facts.plasticSynapses, 3);
  const image::Node &pl = r->network.nodes[2];
  EXPECT_EQ(pl.i.at("stdp_delay").values(), (std::vector<int64_t>{2}));
  EXPECT_EQ(pl.i.at("stdp_post").values(), (std::vector<int64_t>{3}));
  std::filesystem::remove(path);
}

void expectRefused(const std::string &name,
                   const std::function<void(spinn::SpinnPayload &)> &corrupt,
                   std::vector<std::string> parts) {
  expectImageRefused(samplePayload(), name, corrupt, parts);
}

TEST(SpinnPlastic, CorruptPlasticFieldsAreRefusedNamingThePath) {
  expectRefused(
      "index",
      [](spinn::SpinnPayload &p) { p.cores[1].popTable[0].plastic = 1; },
      {"/spinn/pop_table/plastic[0]", "value 1 outside [-1, 0]"});
  expectRefused(
      "stage",
      [](spinn::SpinnPayload &p) { p.cores[1].popTable[0].delayStage = 1; },
      {"/spinn/pop_table/plastic[0]", "delay-stage 1 entry"});
  expectRefused("region",
                [](spinn::SpinnPayload &p) { p.cores[1].sdram[0] = 4; },
                {"/spinn/sdram/words[0]", "plastic region of 4 words for"});
  expectRefused("stride",
                [](spinn::SpinnPayload &p) {
                  p.cores[1].sdram[6] = 3; // F = 3: 3 + 5 + 3 + 2 > 11
                },
                {"/spinn/sdram/words[6]", "fixed count 3", "row stride 11"});
  expectRefused("control_index",
                [](spinn::SpinnPayload &p) {
                  p.cores[1].sdram[10] = 2u << 3 | 3; // index 3 of 3 neurons
                },
                {"/spinn/sdram/words[10]", "plastic control 2: index 3"});
  expectRefused("control_delay",
                [](spinn::SpinnPayload &p) {
                  p.cores[1].sdram[9] &= 0xFFFF; // control 1: delay 0
                },
                {"/spinn/sdram/words[9]", "plastic control 1: delay 0"});
  expectRefused("delay", [](spinn::SpinnPayload &p) { p.plastic[0].delay = 8; },
                {"/spinn/plastic/delay[0]", "delay 8 exceeds core 1"});
}

} // namespace
