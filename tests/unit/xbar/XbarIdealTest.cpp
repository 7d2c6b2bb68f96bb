//===- XbarIdealTest.cpp - Ideal crossbar equals the fixed reference ------===//
//
// With every effect off and an ideal ADC (0 bits, or enough bits that the
// LSB is 1 and nothing saturates) the xbar engine must produce exactly what
// the fixed-point reference computes on payload.network: every spike and
// every trace value, on hand-built networks covering row blocks, column
// blocks, a recurrent (delayed) edge, a padded conv and a sparse layer.
//===----------------------------------------------------------------------===//
#include "XbarNets.h"

#include "../../../emulator/xbar/CrossbarHook.h"

#include <gtest/gtest.h>

using namespace nmc;
using namespace nmc::test;

namespace {

/// Pseudo-random input events: mostly spikes (1), some counts 2 and 3 so
/// that bit planes are exercised.
std::vector<engine::Event> someInputs(int64_t size, int64_t steps,
                                      uint64_t seed) {
  Xoshiro256 rng(seed);
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t i = 0; i < size; ++i) {
      const uint64_t u = rng.next() % 10;
      if (u < 3)
        ev.push_back({t, i, u == 0 ? 3.0 : u == 1 ? 2.0 : 1.0});
      else if (u < 5)
        ev.push_back({t, i, 1.0});
    }
  return ev;
}

engine::RunConfig configFor(const Image &img, int64_t inSize,
                            uint64_t seed = 7) {
  engine::RunConfig cfg;
  cfg.steps = 20;
  cfg.batch = 2;
  cfg.inputs["in"] = {someInputs(inSize, cfg.steps, seed),
                      someInputs(inSize, cfg.steps, seed + 1)};
  for (const Node &n : img.nodes)
    cfg.traceNodes.push_back(n.name);
  return cfg;
}

void expectSameRun(const engine::RunResult &want,
                   const engine::RunResult &got) {
  ASSERT_EQ(want.nodes.size(), got.nodes.size());
  for (size_t k = 0; k < want.nodes.size(); ++k) {
    const engine::NodeResult &a = want.nodes[k], &b = got.nodes[k];
    SCOPED_TRACE(a.name);
    EXPECT_EQ(a.spikeCount, b.spikeCount);
    ASSERT_EQ(a.spikes.size(), b.spikes.size());
    for (size_t s = 0; s < a.spikes.size(); ++s) {
      ASSERT_EQ(a.spikes[s].size(), b.spikes[s].size());
      for (size_t e = 0; e < a.spikes[s].size(); ++e) {
        EXPECT_EQ(a.spikes[s][e].step, b.spikes[s][e].step);
        EXPECT_EQ(a.spikes[s][e].neuron, b.spikes[s][e].neuron);
        EXPECT_EQ(a.spikes[s][e].value, b.spikes[s][e].value);
      }
    }
    EXPECT_EQ(a.traces, b.traces);
  }
  EXPECT_EQ(want.synapticEvents, got.synapticEvents);
  EXPECT_EQ(want.saturations, got.saturations);
}

/// Runs the payload ideal with adc.bits 0 and with `bits`, both against the
/// reference-fixed engine; the network's neuron `lif` must spike.
void checkIdeal(std::shared_ptr<XbarPayload> p, int64_t inSize,
                int64_t bits = 10) {
  engine::Engine reference(p->network);
  engine::RunConfig cfg = configFor(p->network, inSize);
  cfg.engine = engine::EngineKind::Plain;
  const engine::RunResult want = reference.run(cfg);
  ASSERT_TRUE(want.fixedPoint);
  ASSERT_GT(want.find("lif")->spikeCount, 0) << "a test that never spikes";
  for (int64_t b : {int64_t(0), bits}) {
    SCOPED_TRACE("adc.bits = " + std::to_string(b));
    p->hw.adc.bits = b;
    xbar::XbarSimulator sim(p, {});
    expectSameRun(want, sim.runEngine(cfg));
    EXPECT_EQ(sim.lastStats().adcSaturations, 0);
    EXPECT_GT(sim.lastStats().reads, 0);
  }
}

TEST(XbarIdeal, DenseTwoTilesLif) {
  auto p = newPayload(smallHardware());
  // 6 inputs over 4-row tiles: two row blocks of one column block.
  p->network.nodes = {inputNode("in", {6}),
                      denseLayer(*p, "fc", 6, 5, pseudoLevels(30, 15), 0.0625,
                                 {0.125, 0, -0.25, 0, 0}, from({0})),
                      lifNode("lif", 5, from({1})),
                      outputNode("out", {5}, from({2}))};
  EXPECT_EQ(p->tiles.size(), 2u);
  checkIdeal(p, 6);
}

TEST(XbarIdeal, RowAndColumnBlocks) {
  auto p = newPayload(smallHardware());
  // 10 x 14: 3 row blocks (4, 4, 2) x 3 column blocks (6, 6, 2).
  p->network.nodes = {inputNode("in", {10}),
                      denseLayer(*p, "fc", 10, 14, pseudoLevels(140, 15, 3),
                                 0.03125, {}, from({0})),
                      lifNode("lif", 14, from({1})),
                      outputNode("out", {14}, from({2}))};
  EXPECT_EQ(p->tiles.size(), 9u);
  checkIdeal(p, 10);
}

TEST(XbarIdeal, RecurrentDelayedEdge) {
  auto p = newPayload(smallHardware());
  // in -> fc -> lif, lif -(previous step)-> rec -> lif.
  Node rec = denseLayer(*p, "rec", 5, 5, pseudoLevels(25, 15, 11), 0.0625, {},
                        {{3, true}});
  p->network.nodes = {inputNode("in", {4}),
                      denseLayer(*p, "fc", 4, 5, pseudoLevels(20, 15, 5),
                                 0.0625, {}, from({0})),
                      rec, lifNode("lif", 5, from({1, 2})),
                      outputNode("out", {5}, from({3}))};
  checkIdeal(p, 4);
}

TEST(XbarIdeal, ConvWithPaddingAndGroups) {
  for (int64_t groups : {1, 2}) {
    SCOPED_TRACE("groups " + std::to_string(groups));
    auto p = newPayload(smallHardware());
    // 2x4x4 -> 4x4x4, 3x3 kernel, padding 1: rows (2/groups)*9.
    const int64_t rows = 2 / groups * 9, cols = 4 / groups;
    p->network.nodes = {inputNode("in", {2, 4, 4}),
                        convLayer(*p, "conv", 2, 4, 4, 4, 3, 1, groups,
                                  pseudoLevels(groups * rows * cols, 15, 2),
                                  0.0625, {0, 0.125, 0, -0.0625}, from({0})),
                        makeNode("flat", "flatten", {4, 4, 4}, {64}, from({1})),
                        lifNode("lif", 64, from({2})),
                        outputNode("out", {64}, from({3}))};
    checkIdeal(p, 32);
  }
}

// Stride 2 and dilation 2: the output positions an input feeds (the hit
// table) are sparse and skip; every read must still equal the fixed-point
// reference.
TEST(XbarIdeal, StridedDilatedConv) {
  auto p = newPayload(smallHardware());
  // 1x7x7 -> 2x3x3, 3x3 kernel, padding 1, stride 2, dilation 2.
  const int64_t rows = 9, cols = 2;
  p->network.nodes = {inputNode("in", {1, 7, 7}),
                      convLayer(*p, "conv", 1, 7, 7, 2, 3, 1, 1,
                                pseudoLevels(rows * cols, 15, 3), 0.0625,
                                {0.125, 0}, from({0}), 2, 2),
                      makeNode("flat", "flatten", {2, 3, 3}, {18}, from({1})),
                      lifNode("lif", 18, from({2})),
                      outputNode("out", {18}, from({3}))};
  checkIdeal(p, 32);
}

// A conv layer keeps its lookup tables (hit table, patch index) only
// within a limit of int32 entries, else computes them per read, with the
// same results. The bound counts every (position, patch row) pair, channels
// included (a bound of positions x kernel cells, 56 x 56 x 9, kept 170 MB
// of tables for a 512-channel 56x56 3x3 layer). Here 4x4x4 -> 2x4x4, 3x3,
// padding 1: 16 positions x 36 rows (4 channels x 9) = 576 pairs; the hit
// table's bound is 64 inputs + 1 + 2 x 576 = 1217 entries.
TEST(XbarIdeal, ConvTablesKeptUpToTheLimit) {
  auto p = newPayload(smallHardware());
  p->network.nodes = {
      inputNode("in", {4, 4, 4}),
      convLayer(*p, "conv", 4, 4, 4, 2, 3, 1, 1, pseudoLevels(36 * 2, 15, 6),
                0.0625, {0.125, 0}, from({0})),
      makeNode("flat", "flatten", {2, 4, 4}, {32}, from({1})),
      lifNode("lif", 32, from({2})), outputNode("out", {32}, from({3}))};
  engine::Engine reference(p->network);
  engine::RunConfig cfg = configFor(p->network, 64);
  cfg.engine = engine::EngineKind::Plain;
  const engine::RunResult want = reference.run(cfg);
  ASSERT_GT(want.find("lif")->spikeCount, 0) << "a test that never spikes";
  // At the limit: the hit table only (every patch's inputs ascend with its
  // rows, so the patch index is not needed): hitStart 64 inputs + 1, and
  // per input one entry in hitPositions and hitRows for every position
  // that reads it (padding rows read none): 2 or 3 per axis (edges 2,
  // inside 3: 2+3+3+2 = 10), 10 x 10 per channel, 400 in all:
  // 65 + 2 x 400 = 865. One below: none.
  for (auto [limit, entries] : {std::pair<int64_t, int64_t>{1217, 865},
                                std::pair<int64_t, int64_t>{1216, 0}}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    xbar::CrossbarHook hook(*p, p->hw, limit);
    engine::RunConfig run = cfg;
    run.weightHook = &hook;
    expectSameRun(want, engine::Engine(p->network).run(run));
    EXPECT_EQ(hook.convTableEntries(), entries);
  }
}

TEST(XbarIdeal, SparseAffine) {
  auto p = newPayload(smallHardware());
  // 12 x 8 with whole zero blocks: rows 4..7 are empty, so the sparse
  // mapping skips those tiles.
  std::vector<int32_t> levels = pseudoLevels(96, 15, 9);
  for (int64_t i = 4; i < 8; ++i)
    for (int64_t o = 0; o < 8; ++o)
      levels[i * 8 + o] = 0;
  p->network.nodes = {inputNode("in", {12}),
                      sparseLayer(*p, "sp", 12, 8, levels, 0.125, from({0})),
                      lifNode("lif", 8, from({1})),
                      outputNode("out", {8}, from({2}))};
  EXPECT_EQ(p->tiles.size(), 4u); // 3 row blocks x 2 column blocks - 2
  checkIdeal(p, 12);
}

TEST(XbarIdeal, SlicedAndOffsetMappings) {
  // Two digits per weight (levels 4: magnitudes up to 15 over 2 columns),
  // and the offset scheme (one device per weight, reference column).
  Hardware sliced = smallHardware();
  sliced.device.levels = 4;
  sliced.mapping.slices = 2;
  Hardware offset = smallHardware();
  offset.mapping.sign = xbar::SignScheme::Offset;
  for (const Hardware &hw : {sliced, offset}) {
    auto p = newPayload(hw);
    p->network.nodes = {
        inputNode("in", {7}),
        denseLayer(*p, "fc", 7, 5, pseudoLevels(35, hw.maxLevel(), 4), 0.0625,
                   {}, from({0})),
        lifNode("lif", 5, from({1})), outputNode("out", {5}, from({2}))};
    checkIdeal(p, 7, 12);
  }
}

TEST(XbarIdeal, CoarseAdcDiffers) {
  // Guards the tests above: a 3-bit ADC (LSB > 1) changes the sums.
  auto p = newPayload(smallHardware());
  p->network.nodes = {
      inputNode("in", {6}),
      denseLayer(*p, "fc", 6, 5, pseudoLevels(30, 15), 0.0625, {}, from({0})),
      lifNode("lif", 5, from({1})), outputNode("out", {5}, from({2}))};
  engine::RunConfig cfg = configFor(p->network, 6);
  const engine::RunResult want = engine::Engine(p->network).run(cfg);
  p->hw.adc.bits = 3;
  xbar::XbarSimulator sim(p, {});
  EXPECT_NE(want.find("fc")->traces, sim.runEngine(cfg).find("fc")->traces);
  // A calibrated range covers every column sum: nothing saturates.
  EXPECT_EQ(sim.lastStats().adcSaturations, 0);
  // A fixed range of 3 level units (3 bits: LSB 1) clips larger sums.
  xbar::EmulatorOptions fixed;
  fixed.hardware = p->hw;
  fixed.hardware->adc.range = xbar::AdcRange::Fixed;
  fixed.hardware->adc.fullScale = 3;
  xbar::XbarSimulator clipped(p, fixed);
  clipped.runEngine(cfg);
  EXPECT_GT(clipped.lastStats().adcSaturations, 0);
}

TEST(XbarErrors, MappingKeysAreFixed) {
  auto p = newPayload(smallHardware());
  p->network.nodes = {
      inputNode("in", {3}),
      denseLayer(*p, "fc", 3, 2, pseudoLevels(6, 15), 0.0625, {}, from({0}))};
  xbar::EmulatorOptions options;
  options.hardware = p->hw;
  options.hardware->device.levels = 8;
  try {
    xbar::XbarSimulator sim(p, options);
    FAIL() << "no error";
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find("device.levels"), std::string::npos)
        << e.what();
  }
}

TEST(XbarErrors, NonIntegerInput) {
  auto p = newPayload(smallHardware());
  p->network.nodes = {
      inputNode("in", {3}),
      denseLayer(*p, "fc", 3, 2, pseudoLevels(6, 15), 0.0625, {}, from({0})),
      outputNode("out", {2}, from({1}))};
  xbar::XbarSimulator sim(p, {});
  engine::RunConfig cfg;
  cfg.steps = 3;
  cfg.inputs["in"] = {{{0, 0, 1.0}, {2, 1, 0.5}}};
  try {
    sim.runEngine(cfg);
    FAIL() << "no error";
  } catch (const std::runtime_error &e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("'fc'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("sample 0"), std::string::npos) << msg;
    EXPECT_NE(msg.find("step 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("0.5"), std::string::npos) << msg;
  }
}

TEST(XbarErrors, HookNeedsFixedPoint) {
  auto p = newPayload(smallHardware());
  p->network.nodes = {
      inputNode("in", {3}),
      denseLayer(*p, "fc", 3, 2, pseudoLevels(6, 15), 0.0625, {}, from({0}))};
  p->network.numberFormat.clear();
  EXPECT_THROW(xbar::XbarSimulator(p, {}), std::runtime_error);
}

TEST(XbarErrors, MissingLayer) {
  auto p = newPayload(smallHardware());
  p->network.nodes = {
      inputNode("in", {3}),
      denseLayer(*p, "fc", 3, 2, pseudoLevels(6, 15), 0.0625, {}, from({0}))};
  p->layers[0].node = "other";
  xbar::XbarSimulator sim(p, {});
  engine::RunConfig cfg;
  cfg.steps = 1;
  EXPECT_THROW(sim.runEngine(cfg), std::runtime_error);
}

} // namespace
