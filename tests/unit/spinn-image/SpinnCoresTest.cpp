//===- SpinnCoresTest.cpp - Synaptic rows, pop tables, delay extensions ---===//
//
// The MLIR-free half of the image builder (SpinnLayout.h) on small layouts:
// rows and population tables written out word by word by hand; a connector
// projection decoded core by core and compared with the connector expanded
// whole (an independent path: no slicing); delay-extension stages and
// residuals by hand (spinn-common convention 4); the limits' errors; the
// hardware-equivalent network's projection records.
//===----------------------------------------------------------------------===//
#include "SpinnTestLayout.h"

#include "nmc/Target/SpiNNaker/WeightCoding.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

using namespace nmc;
using namespace nmc::test;

namespace {

/// weight:16 | delay:d | type:1 | index:n, written out by hand.
uint32_t word(uint32_t code, uint32_t delay, uint32_t type, uint32_t index,
              uint32_t n, uint32_t d) {
  (void)d;
  return code << 16 | delay << (n + 1) | type << n | index;
}

/// in (4 sources, slices [0,2) [2,4)) -> n (3 neurons, [0,2) [2,3),
/// delay_bits 3), projection "p" of five synapses.
L::Layout handLayout() {
  L::Layout l;
  l.machine = spin3();
  l.dt = 1e-3;
  int32_t core = 2;
  l.populations.push_back(population("in", true, 4, 2, 0, core));
  l.populations.push_back(population("n", false, 3, 2, 1, core));
  l.populations[1].shiftExc = 0;
  l.populations[1].shiftInh = 1;
  L::Projection p;
  p.name = "p";
  p.pre = 0;
  p.post = 1;
  p.nPre = 4;
  p.nPost = 3;
  p.indptr = {0, 2, 2, 3, 5};
  p.indices = {0, 2, 1, 0, 1};
  p.types = {0, 1, 0, 0, 1};
  p.codes = {100, 200, 300, 400, 500};
  p.delays = {1, 3, 2, 7, 1};
  p.zeroed = 2;
  p.saturated = 1;
  l.projections.push_back(p);
  return l;
}

TEST(SpinnCores, ExplicitRowsAndPopTablesByHand) {
  spinn::SpinnPayload out;
  ASSERT_EQ(L::buildSpinnCores(handLayout(), out), "");
  ASSERT_EQ(out.cores.size(), 4u);
  ASSERT_EQ(out.populations.size(), 2u);
  EXPECT_EQ(out.populations[0].cores, (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(out.populations[1].cores, (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(out.cores[0].kind, spinn::CoreKind::Source);
  EXPECT_TRUE(out.cores[0].popTable.empty());

  // Core n[0, 2): 2 neurons -> 1 index bit, 1 type bit, 3 delay bits.
  // From slice in[0,2) (key 0x000): row of 0 = {0->0 code 100 D 1}, row of 1
  // empty: stride 3 + 1 = 4. From in[2,4) (key 0x010): row of 2 = {2->1
  // code 300 D 2}, row of 3 = {3->0 code 400 D 7, 3->1 code 500 inh D 1}:
  // stride 3 + 2 = 5, at word 2 * 4 = 8.
  const spinn::Core &a = out.cores[2];
  EXPECT_EQ(a.row, (spinn::RowFormat{1, 1, 3}));
  ASSERT_EQ(a.popTable.size(), 2u);
  EXPECT_EQ(a.popTable[0],
            (spinn::PopTableEntry{0x000, 0xFFFFFFF0u, 0, 4, 2, 0}));
  EXPECT_EQ(a.popTable[1],
            (spinn::PopTableEntry{0x010, 0xFFFFFFF0u, 8, 5, 2, 0}));
  const std::vector<uint32_t> rowsA = {0,
                                       1,
                                       0,
                                       word(100, 1, 0, 0, 1, 3), //
                                       0,
                                       0,
                                       0,
                                       0, //
                                       0,
                                       1,
                                       0,
                                       word(300, 2, 0, 1, 1, 3),
                                       0, //
                                       0,
                                       2,
                                       0,
                                       word(400, 7, 0, 0, 1, 3),
                                       word(500, 1, 1, 1, 1, 3)}; //
  EXPECT_EQ(a.sdram, rowsA);
  EXPECT_EQ(word(100, 1, 0, 0, 1, 3), 100u * 65536 + 4);

  // Core n[2, 3): only 0 -> 2 (inh, code 200, D 3) from in[0,2).
  const spinn::Core &b = out.cores[3];
  ASSERT_EQ(b.popTable.size(), 1u);
  EXPECT_EQ(b.popTable[0],
            (spinn::PopTableEntry{0x000, 0xFFFFFFF0u, 0, 4, 2, 0}));
  EXPECT_EQ(b.sdram, (std::vector<uint32_t>{0, 1, 0, word(200, 3, 1, 0, 1, 3),
                                            0, 0, 0, 0}));
  EXPECT_EQ(b.shiftInh, 1);
  EXPECT_EQ(out.facts.synapses, 5);
  EXPECT_EQ(out.facts.zeroedWeights, 2);
  EXPECT_EQ(out.facts.saturatedWeights, 1);
}

model::ConnectorSpec probabilitySpec(int64_t nPre, int64_t nPost) {
  model::ConnectorSpec s;
  s.rule = model::ConnectorRule::FixedProbability;
  s.nPre = nPre;
  s.nPost = nPost;
  s.p = 0.3;
  s.weight.kind = model::Distribution::Kind::Uniform;
  s.weight.a = -2.5; // inhibitory codes above 65535 saturate at shift 0
  s.weight.b = 1.5;
  s.delay.kind = model::Distribution::Kind::Uniform;
  s.delay.a = 0.5e-3; // 1..5 steps at dt 1 ms
  s.delay.b = 5.4e-3;
  s.seed = 2024;
  return s;
}

TEST(SpinnCores, ConnectorRowsEqualTheWholeExpansion) {
  const int64_t nPre = 37, nPost = 29, per = 16;
  L::Layout l;
  l.machine = spin3();
  l.dt = 1e-3;
  int32_t core = 2;
  l.populations.push_back(population("src", true, nPre, per, 0, core));
  l.populations.push_back(population("dst", false, nPost, per, 1, core));
  l.populations[1].shiftExc = 1;
  l.populations[1].shiftInh = 0;
  L::Projection p;
  p.name = "conn";
  p.pre = 0;
  p.post = 1;
  p.nPre = nPre;
  p.nPost = nPost;
  p.connector = probabilitySpec(nPre, nPost);
  p.delayOffset = 1;
  l.projections.push_back(p);
  spinn::SpinnPayload out;
  ASSERT_EQ(L::buildSpinnCores(l, out), "");

  // Independent expectation: the whole connector at once, coded here.
  model::ExpandedConnector whole;
  ASSERT_EQ(model::expandConnector(*p.connector, 0, nPost, l.dt, whole), "");
  std::vector<Decoded> expected;
  int64_t zeroed = 0, saturated = 0;
  // (target core, source slice) pairs with synapses, and longest rows.
  std::set<std::pair<int64_t, int64_t>> reach;
  std::map<std::pair<int64_t, int64_t>, int64_t> rowLength; // (src, dstSlice)
  for (int64_t j = 0; j < nPre; ++j)
    for (int64_t k = whole.indptr[j]; k < whole.indptr[j + 1]; ++k) {
      const double w = whole.weights[k];
      const uint32_t type = w < 0 ? 1 : 0;
      const double code = std::round(std::fabs(w) * (type ? 32768 : 16384));
      if (code == 0) {
        zeroed += w != 0;
        continue;
      }
      saturated += code > 65535;
      const int64_t i = whole.indices[k];
      expected.push_back({"src", j, i, uint32_t(std::min(code, 65535.0)), type,
                          int64_t(whole.delaySteps[k]) + 1});
      reach.insert({i / per, j / per});
      ++rowLength[{j, i / per}];
    }
  std::sort(expected.begin(), expected.end());
  ASSERT_GT(saturated, 0) << "the test should exercise saturation";
  EXPECT_EQ(decodeAll(out), expected);
  EXPECT_EQ(out.facts.synapses, int64_t(expected.size()));
  EXPECT_EQ(out.facts.zeroedWeights, zeroed);
  EXPECT_EQ(out.facts.saturatedWeights, saturated);

  // Pop table of each neuron core: exactly the source slices with synapses
  // onto it, sorted by key, strides from the longest row.
  for (size_t ds = 0; ds < l.populations[1].slices.size(); ++ds) {
    const spinn::Core &c = out.cores[out.populations[1].cores[ds]];
    std::vector<uint32_t> keys, wantKeys;
    for (const spinn::PopTableEntry &e : c.popTable) {
      keys.push_back(e.key);
      int64_t longest = 0;
      const int64_t ss = (e.key >> 4) & 0xF;
      for (int64_t j = ss * per; j < std::min(nPre, (ss + 1) * per); ++j)
        if (auto it = rowLength.find({j, int64_t(ds)}); it != rowLength.end())
          longest = std::max(longest, it->second);
      EXPECT_EQ(e.rowStride, 3 + longest);
    }
    for (auto [d, s] : reach)
      if (d == int64_t(ds))
        wantKeys.push_back(uint32_t(s) << 4);
    EXPECT_EQ(keys, wantKeys) << "core " << ds;
  }
}

TEST(SpinnCores, DelayExtensionStagesAndResidualsByHand) {
  // n has delay_bits 2: on-core delays 1..3 (M = 3). The extension of in's
  // slice re-sends after S = 3 ticks per stage, 3 stages. A synapse of
  // delay D > M goes to stage s = ceil((D - M) / S) with residual D - s S:
  //   D 2: on core, residual 2;    D 5: s = ceil(2/3) = 1, residual 2;
  //   D 7: s = ceil(4/3) = 2, 1;   D 12: s = ceil(9/3) = 3, residual 3.
  L::Layout l;
  l.machine = spin3();
  int32_t core = 2;
  l.populations.push_back(population("in", true, 2, 2, 0, core));
  l.populations.push_back(population("n", false, 1, 1, 1, core, 2));
  L::Slice::Extension ext;
  ext.chip = {1, 0};
  ext.p = 5;
  ext.stageTicks = 3;
  ext.keys = {0x800, 0x810, 0x820};
  l.populations[0].slices[0].extension = ext;
  L::Projection p;
  p.name = "long";
  p.pre = 0;
  p.post = 1;
  p.nPre = 2;
  p.nPost = 1;
  p.indptr = {0, 2, 4};
  p.indices = {0, 0, 0, 0};
  p.types = {0, 0, 0, 0};
  p.codes = {10, 20, 30, 40};
  p.delays = {2, 5, 7, 12};
  l.projections.push_back(p);
  spinn::SpinnPayload out;
  ASSERT_EQ(L::buildSpinnCores(l, out), "");
  ASSERT_EQ(out.cores.size(), 3u);
  const spinn::Core &x = out.cores[2];
  EXPECT_EQ(x.kind, spinn::CoreKind::DelayExtension);
  EXPECT_EQ(x.chip, (spinn::ChipXY{1, 0}));
  EXPECT_EQ(x.p, 5);
  EXPECT_EQ(x.population, 0);
  EXPECT_EQ(x.lo, 0);
  EXPECT_EQ(x.hi, 2);
  EXPECT_EQ(x.key, 0u);
  EXPECT_EQ(x.stages, 3);
  EXPECT_EQ(x.stageTicks, 3);
  EXPECT_EQ(x.stageKeys, (std::vector<uint32_t>{0x800, 0x810, 0x820}));

  // n: 1 neuron -> 1 index bit, 1 type bit, 2 delay bits.
  const spinn::Core &c = out.cores[1];
  ASSERT_EQ(c.popTable.size(), 4u);
  const uint32_t m = 0xFFFFFFF0u;
  EXPECT_EQ(c.popTable[0], (spinn::PopTableEntry{0x000, m, 0, 4, 2, 0}));
  EXPECT_EQ(c.popTable[1], (spinn::PopTableEntry{0x800, m, 8, 4, 2, 1}));
  EXPECT_EQ(c.popTable[2], (spinn::PopTableEntry{0x810, m, 16, 4, 2, 2}));
  EXPECT_EQ(c.popTable[3], (spinn::PopTableEntry{0x820, m, 24, 4, 2, 3}));
  const std::vector<uint32_t> rows = {
      0, 1, 0, word(10, 2, 0, 0, 1, 2),
      0, 0, 0, 0, // stage 0: 0 -> 0 D 2
      0, 1, 0, word(20, 2, 0, 0, 1, 2),
      0, 0, 0, 0, // stage 1: 0 -> 0 D 5
      0, 0, 0, 0,
      0, 1, 0, word(30, 1, 0, 0, 1, 2), // stage 2: 1 -> 0 D 7
      0, 0, 0, 0,
      0, 1, 0, word(40, 3, 0, 0, 1, 2)}; // stage 3: 1 -> 0 D 12
  EXPECT_EQ(c.sdram, rows);
  // The decoder gives back the hardware delays.
  std::vector<int64_t> delays;
  for (const Decoded &d : decodeAll(out))
    delays.push_back(d.delay);
  std::sort(delays.begin(), delays.end());
  EXPECT_EQ(delays, (std::vector<int64_t>{2, 5, 7, 12}));

  // D 13 needs stage ceil(10/3) = 4 of 3.
  l.projections[0].delays = {2, 5, 7, 13};
  std::string e = L::buildSpinnCores(l, out);
  EXPECT_NE(e.find("projection 'long'"), std::string::npos) << e;
  EXPECT_NE(e.find("hardware delay 13"), std::string::npos) << e;
  EXPECT_NE(e.find("3 stages of 3 ticks"), std::string::npos) << e;
}

TEST(SpinnCores, LimitsAreErrorsNamingWhatIsAtFault) {
  auto expectError = [](const L::Layout &l, std::vector<std::string> parts) {
    spinn::SpinnPayload out;
    const std::string e = L::buildSpinnCores(l, out);
    for (const std::string &part : parts)
      EXPECT_NE(e.find(part), std::string::npos)
          << "'" << part << "' in: " << e;
  };
  // A row of 257 synapses (multapses onto 16 neurons).
  {
    L::Layout l = handLayout();
    L::Projection &p = l.projections[0];
    p.indptr = {0, 257, 257, 257, 257};
    p.indices.assign(257, 0);
    for (int k = 0; k < 257; ++k)
      p.indices[k] = k % 2;
    p.types.assign(257, 0);
    p.codes.assign(257, 1);
    p.delays = {1};
    expectError(l,
                {"projection 'p'", "neuron 0 of 'in'", "257 synapses", "(256"});
  }
  // Hardware delay 0 (the timing convention needs D >= 1).
  {
    L::Layout l = handLayout();
    l.projections[0].delays = {1, 0, 2, 7, 1};
    expectError(l, {"projection 'p'", "synapse 0 -> 2", "hardware delay 0"});
  }
  // D 8 above the 7 slots and no extension.
  {
    L::Layout l = handLayout();
    l.projections[0].delays = {1, 3, 2, 8, 1};
    expectError(l, {"projection 'p'", "hardware delay 8", "above the core's 7",
                    "no delay extension"});
  }
  // 1 index + 1 type + 15 delay bits > 16.
  {
    L::Layout l = handLayout();
    l.populations[1].slices[0].delayBits = 15;
    expectError(l, {"core (0, 0, 4) of 'n' [0, 2)", "delay_bits 15", "<= 16"});
  }
}

/// src (120 sources) -> a (100) -> b (64) -> a, plus src -> b: connector
/// projections of two rules and one explicit matrix, slices of 15-16.
L::Layout threeLayerLayout() {
  L::Layout l;
  l.machine = spin3();
  l.dt = 1e-3;
  int32_t core = 1;
  l.populations.push_back(population("src", true, 120, 15, 0, core));
  l.populations.push_back(population("a", false, 100, 16, 1, core));
  l.populations.push_back(population("b", false, 64, 16, 2, core));
  int32_t p = 1;
  for (L::Slice &s : l.populations[2].slices) { // b on the other chip
    s.chip = {1, 0};
    s.p = p++;
  }
  l.populations[1].shiftExc = l.populations[2].shiftExc = 2;
  l.populations[1].shiftInh = l.populations[2].shiftInh = 3;
  auto connector = [&](std::string name, int32_t pre, int32_t post,
                       model::ConnectorSpec spec) {
    L::Projection p;
    p.name = std::move(name);
    p.pre = pre;
    p.post = post;
    p.nPre = spec.nPre = l.populations[pre].size;
    p.nPost = spec.nPost = l.populations[post].size;
    p.connector = spec;
    p.delayOffset = 1;
    l.projections.push_back(p);
  };
  model::ConnectorSpec total = probabilitySpec(0, 0);
  total.rule = model::ConnectorRule::FixedTotalNumber;
  total.n = 3000;
  total.withReplacement = true;
  connector("src_a", 0, 1, total);
  connector("a_b", 1, 2, probabilitySpec(0, 0));
  connector("src_b", 0, 2, probabilitySpec(0, 0));
  L::Projection back; // b -> a: b_i -> a_(i + k) for k = 0, 7, 30
  back.name = "b_a";
  back.pre = 2;
  back.post = 1;
  back.nPre = 64;
  back.nPost = 100;
  back.indptr = {0};
  for (int64_t i = 0; i < 64; ++i) {
    for (int64_t k : {0, 7, 30}) {
      back.indices.push_back(i + k);
      back.types.push_back(uint32_t(k == 7));
      back.codes.push_back(uint32_t(100 + i + k));
    }
    back.indptr.push_back(int64_t(back.indices.size()));
  }
  back.delays = {4};
  l.projections.push_back(back);
  return l;
}

/// Every field of two payloads' cores and facts is equal.
void expectSamePayload(const spinn::SpinnPayload &x,
                       const spinn::SpinnPayload &y) {
  ASSERT_EQ(x.cores.size(), y.cores.size());
  for (size_t k = 0; k < x.cores.size(); ++k) {
    const spinn::Core &a = x.cores[k], &b = y.cores[k];
    SCOPED_TRACE("core " + std::to_string(k));
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.chip, b.chip);
    EXPECT_EQ(std::tie(a.p, a.population, a.lo, a.hi, a.key, a.mask),
              std::tie(b.p, b.population, b.lo, b.hi, b.key, b.mask));
    EXPECT_EQ(std::tie(a.shiftExc, a.shiftInh), std::tie(b.shiftExc, b.shiftInh));
    EXPECT_EQ(a.row, b.row);
    EXPECT_EQ(a.popTable, b.popTable);
    EXPECT_EQ(a.sdram, b.sdram);
  }
  EXPECT_EQ(std::tie(x.facts.synapses, x.facts.zeroedWeights,
                     x.facts.saturatedWeights),
            std::tie(y.facts.synapses, y.facts.zeroedWeights,
                     y.facts.saturatedWeights));
}

// The rows are built on worker threads: 1, 2, 3 and "all" threads must give
// the same payload, which holds exactly the synapses of each projection
// (the connectors expanded whole and coded here, an independent path).
TEST(SpinnCores, AnyThreadCountGivesTheSamePayload) {
  const L::Layout l = threeLayerLayout();
  spinn::SpinnPayload one;
  ASSERT_EQ(L::buildSpinnCores(l, one, 1), "");
  for (int threads : {2, 3, 0}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    spinn::SpinnPayload many;
    ASSERT_EQ(L::buildSpinnCores(l, many, threads), "");
    expectSamePayload(one, many);
  }
  // Independent count: every synapse of the connectors (whole) and the
  // explicit matrix with a non-zero code.
  int64_t want = int64_t(l.projections[3].indices.size());
  for (int pi = 0; pi < 3; ++pi) {
    const L::Projection &p = l.projections[pi];
    model::ExpandedConnector whole;
    ASSERT_EQ(model::expandConnector(*p.connector, 0, p.nPost, l.dt, whole),
              "");
    for (float w : whole.weights) {
      const int shift = w < 0 ? 3 : 2;
      want += std::round(std::fabs(w) * std::ldexp(1.0, 15 - shift)) > 0;
    }
  }
  EXPECT_EQ(one.facts.synapses, want);
  EXPECT_EQ(int64_t(decodeAll(one).size()), want);
  EXPECT_GT(want, 3000);
}

// With errors on several cores, every thread count reports the first core's
// (cores in mapping order: a's before b's).
TEST(SpinnCores, AnyThreadCountReportsTheFirstCoresError) {
  L::Layout l = threeLayerLayout();
  // b -> a synapses of hardware delay 0 (b_i -> a_(i+7), onto every core
  // of a; the first in a's first core is b_0 -> a_7), and a row format
  // error on b's last core.
  l.projections[3].delays.assign(l.projections[3].indices.size(), 4);
  for (size_t k = 1; k < l.projections[3].delays.size(); k += 3)
    l.projections[3].delays[k] = 0;
  l.populations[2].slices.back().delayBits = 14;
  std::string first;
  for (int threads : {1, 2, 3}) {
    spinn::SpinnPayload out;
    const std::string e = L::buildSpinnCores(l, out, threads);
    if (threads == 1) {
      first = e;
      EXPECT_NE(e.find("projection 'b_a': synapse 0 -> 7 onto core (0, 0, "
                       "9) of 'a' [0, 16) has hardware delay 0"),
                std::string::npos)
          << e;
    }
    EXPECT_EQ(e, first) << "threads " << threads;
  }
}

TEST(SpinnNetwork, ProjectionsAsDelayedSparseAffinesWithAppliedWeights) {
  const image::Image q = handQuantized();
  image::Image net;
  int64_t omitted = -1;
  ASSERT_EQ(L::buildSpinnNetwork(handLayout(), q, net, omitted), "");
  EXPECT_EQ(omitted, 0);
  ASSERT_EQ(net.nodes.size(), 4u);
  EXPECT_EQ(net.numberFormat, "s16.15");
  EXPECT_EQ(net.nodes[0].name, "in");
  const image::Node &p = net.nodes[1];
  EXPECT_EQ(p.name, "p");
  EXPECT_EQ(p.kind, "sparse_affine");
  ASSERT_EQ(p.inputs.size(), 1u);
  EXPECT_EQ(p.inputs[0].source, 0u);
  EXPECT_TRUE(p.inputs[0].delayed);
  EXPECT_EQ(p.i.at("indptr").values(), (std::vector<int64_t>{0, 2, 2, 3, 5}));
  EXPECT_EQ(p.i.at("indices").values(), (std::vector<int64_t>{0, 2, 1, 0, 1}));
  EXPECT_EQ(p.i.at("delay_steps").values(),
            (std::vector<int64_t>{0, 2, 1, 6, 0}));
  // code * 2^(shift - 15): exc shift 0, inh shift 1.
  const double u = std::ldexp(1.0, -15);
  EXPECT_EQ(p.f.at("weight").values(),
            (std::vector<double>{100 * u, -200 * 2 * u, 300 * u, 400 * u,
                                 -500 * 2 * u}));
  EXPECT_EQ(net.nodes[2].name, "n");
  EXPECT_EQ(net.nodes[2].s.at("neuron_type"), "LIF");
  ASSERT_EQ(net.nodes[2].inputs.size(), 1u);
  EXPECT_EQ(net.nodes[2].inputs[0].source, 1u);
  EXPECT_FALSE(net.nodes[2].inputs[0].delayed);
  EXPECT_EQ(net.nodes[3].name, "out");
  EXPECT_EQ(net.nodes[3].inputs[0].source, 2u);
}

} // namespace
