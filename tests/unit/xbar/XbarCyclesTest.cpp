//===- XbarCyclesTest.cpp - Cycles and energy against hand counts ---------===//
#include "XbarNets.h"

#include "nmc/Target/Xbar/TileModel.h"

#include <gtest/gtest.h>

using namespace nmc;
using namespace nmc::test;

namespace {

/// The 2-tile example: 6 inputs -> 3 outputs on 8x8 differential tiles
/// (4 logical rows), so rows 0-3 on tile 0 and rows 4-5 on tile 1. Two
/// ADCs per tile (8 columns / 4 per ADC); the 3 used columns take 2 rounds.
/// 5-bit ADC: conversion = bits + 1 = 6 cycles. Other costs: defaults
/// (row drive 2, column read 10, shift-add 1, digital add 1, neuron update
/// 1 with 32 units, hop 2).
std::shared_ptr<XbarPayload> twoTileExample() {
  Hardware hw;
  hw.tile.rows = 8;
  hw.tile.cols = 8;
  hw.adc.bits = 5;
  hw.adc.columnsPerAdc = 4;
  auto p = newPayload(hw);
  p->network.nodes = {
      inputNode("in", {6}),
      denseLayer(*p, "fc", 6, 3, pseudoLevels(18, 15), 0.0625, {}, from({0})),
      lifNode("lif", 3, from({1})), outputNode("out", {3}, from({2}))};
  // The LIF's 3 neurons next to tile 0; spikes from the host reach tile 0
  // over 1 hop and tile 1 over 2.
  p->periphery = {{"lif", 0, 3, 0}};
  p->routes = {{"in", 0, 4, xbar::kHostPort, 0, 1},
               {"in", 4, 6, xbar::kHostPort, 1, 2}};
  return p;
}

TEST(XbarCycles, TwoTileHandCount) {
  auto p = twoTileExample();
  ASSERT_EQ(p->tiles.size(), 2u);
  xbar::XbarSimulator sim(p, {});
  engine::RunConfig cfg;
  cfg.steps = 2;
  // Step 0: input 0 spikes (tile 0) and input 4 carries the count 3 (tile
  // 1, two bit planes). Step 1: no input.
  cfg.inputs["in"] = {{{0, 0, 1.0}, {0, 4, 3.0}}};
  sim.runEngine(cfg);
  const xbar::XbarStats &s = sim.lastStats();
  // Step 0:
  //   tile 0: 1 plane  x (2 + 10 + 2 rounds x 6) + 1 shift-add = 25
  //   tile 1: 2 planes x (2 + 10 + 2 x 6)        + 1           = 49
  //   layer  = max(25, 49) + (2 row blocks - 1) x 1 digital add = 50
  //   transport: the two routes one after the other, each hops x 2 +
  //   packets + 1 (destination router): (1 x 2 + 1 + 1) + (2 x 2 + 1 + 1)
  //   = 4 + 6 = 10
  //   periphery = ceil(3 / 32) x 1 = 1
  //   one stage: interval = latency = 10 + 50 + 1 = 61.
  // Step 1: no read, no packet; periphery 1: interval = latency = 1.
  EXPECT_EQ(s.intervalMax, 61);
  EXPECT_EQ(s.latencyMax, 61);
  EXPECT_DOUBLE_EQ(s.intervalMean, 31.0);
  // Inference: 61 + 1 + drain (1 - 1) = 62.
  EXPECT_EQ(s.inferenceCyclesMax, 62);
  // Reads 2; conversions: tile 0 1 plane x 3 columns, tile 1 2 x 3 = 9.
  EXPECT_EQ(s.reads, 2);
  EXPECT_EQ(s.adcConversions, 9);
  // Row drive: one logical row = 2 physical rows per plane read: tile 0
  // 2, tile 1 2 + 2 (bits 0 and 1 of 3): 6 x 0.1 pJ.
  EXPECT_NEAR(s.energy.rowDrive, 0.6, 1e-12);
  EXPECT_NEAR(s.energy.adc, 9 * 2.03, 1e-12);
  // Neurons: 3 periphery elements x 2 steps x 1.274 pJ.
  EXPECT_NEAR(s.energy.neuron, 6 * 1.274, 1e-12);
  // Hops: 1 packet x 1 hop + 1 packet x 2 hops, 1 pJ each.
  EXPECT_NEAR(s.energy.hop, 3.0, 1e-12);
  EXPECT_EQ(s.tilesUsed, 2);
  // Weight devices: (4 + 2) rows x 3 columns x 2 devices of 2 x 64.
  EXPECT_NEAR(s.utilization, 36.0 / 128.0, 1e-12);

  sim::Report report;
  xbar::addXbarSection(report, s);
  const sim::Section *x = report.find("xbar");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(std::get<int64_t>(x->find("interval_max")->value), 61);
  EXPECT_NE(x->find("energy_adc_per_inference"), nullptr);
}

TEST(XbarCycles, TickingEqualsAnalyticRead) {
  auto p = twoTileExample();
  // Ideal ADC (exact sums below) that still takes 6 cycles per conversion.
  Hardware hw = p->hw;
  hw.adc.bits = 0;
  hw.cycles.adcConversion = 6;
  xbar::DeviceEffects fx(hw);
  xbar::TileModel a, b;
  a.load(hw, xbar::programTile(p->tiles[0], hw, false, fx));
  b.load(hw, a.devices());
  const std::vector<int64_t> x = {3, 0, -1, 2}; // 2 bit planes
  const int64_t cycles = a.read(x);
  EXPECT_EQ(cycles, 2 * (2 + 10 + 2 * 6) + 1);
  EXPECT_EQ(cycles, a.cyclesPerRead(2));
  ASSERT_TRUE(b.startRead(x));
  int64_t ticks = 0;
  do
    ++ticks;
  while (b.tick());
  EXPECT_EQ(ticks, cycles);
  EXPECT_FALSE(b.tick());
  ASSERT_EQ(a.columnResults().size(), b.columnResults().size());
  for (size_t c = 0; c < a.columnResults().size(); ++c) {
    // Ideal devices: the exact integer sum of x_r * level_rc.
    double want = 0;
    for (int64_t r = 0; r < 4; ++r)
      want += double(x[r] * p->tiles[0].levels[r * 3 + c]);
    EXPECT_EQ(a.columnResults()[c], want);
    EXPECT_EQ(b.columnResults()[c], want);
  }
  EXPECT_FALSE(a.startRead(std::vector<int64_t>{0, 0, 0, 0}));
}

/// The integer read of ideal devices against the formula of docs/targets/
/// xbar.md computed here: 2 slices of base 4 (digits of |level| <= 15),
/// counts up to 7 (3 planes) with signs, a 3-bit ADC (codeMax 3) at fixed
/// full scale 6, so LSB = 2 (3 * 1 < 6 <= 3 * 2): odd sums are ties that
/// round away from zero, sums beyond 6 clamp.
TEST(XbarCycles, IntegerReadEqualsAdcFormula) {
  using namespace xbar;
  Hardware hw;
  hw.tile.rows = 8; // 4 logical rows
  hw.tile.cols = 8; // 4 logical columns of 2 slices
  hw.device.levels = 4;
  hw.mapping.slices = 2;
  hw.adc.bits = 3;
  hw.adc.range = AdcRange::Fixed;
  hw.adc.fullScale = 6;
  hw.adc.columnsPerAdc = 4;
  Tile tile;
  tile.rows = 4;
  tile.cols = 3;
  tile.levels = {15, -7, 0, -15, 5, 9, 3, -15, 14, 15, 10, -6};
  DeviceEffects fx(hw);
  TileModel a, b;
  a.load(hw, programTile(tile, hw, false, fx));
  b.load(hw, a.devices());
  ASSERT_GE(a.exactPlanes(), 3);
  const std::vector<int64_t> x = {7, -5, 0, 6};

  std::vector<int64_t> want(3, 0);
  int64_t saturations = 0;
  for (int64_t p = 0; p < 3; ++p)
    for (int64_t c = 0; c < 3; ++c)
      for (int64_t s = 0; s < 2; ++s) {
        int64_t analog = 0; // sum of signed digits of the rows in plane p
        for (int64_t r = 0; r < 4; ++r) {
          const int64_t level = tile.levels[r * 3 + c];
          const int64_t digit = (std::abs(level) >> (2 * s)) & 3;
          const int64_t sign = (level < 0) != (x[r] < 0) ? -1 : 1;
          if ((std::abs(x[r]) >> p) & 1)
            analog += sign * digit;
        }
        int64_t code = (std::abs(analog) + 1) / 2 * (analog < 0 ? -1 : 1);
        if (std::abs(code) > 3) {
          ++saturations;
          code = code < 0 ? -3 : 3;
        }
        want[c] += code * 2 * (int64_t(1) << p) * (s == 0 ? 1 : 4);
      }
  ASSERT_GT(saturations, 0); // the case covers clamping

  EXPECT_EQ(a.read(x), a.cyclesPerRead(3));
  EXPECT_EQ(a.counters().saturations, saturations);
  EXPECT_EQ(a.counters().conversions, 3 * 6);
  ASSERT_TRUE(b.startRead(x));
  while (b.tick()) {
  }
  for (int64_t c = 0; c < 3; ++c) {
    EXPECT_EQ(a.exactColumnResults()[c], want[c]) << "column " << c;
    EXPECT_EQ(a.columnResults()[c], double(want[c])) << "column " << c;
    EXPECT_EQ(b.columnResults()[c], double(want[c])) << "column " << c;
  }
  EXPECT_EQ(b.counters().saturations, saturations);

  // The same inputs given sparsely (row 2 is 0), the rows numbered from
  // 10: the same values, saturations and cycles.
  TileModel c;
  c.load(hw, a.devices());
  const std::vector<int32_t> rows = {10, 11, 13};
  const std::vector<int64_t> values = {7, -5, 6};
  EXPECT_EQ(c.readSparse(rows, values, 10), a.cyclesPerRead(3));
  EXPECT_EQ(c.counters().saturations, saturations);
  EXPECT_EQ(c.counters().conversions, 3 * 6);
  for (int64_t col = 0; col < 3; ++col)
    EXPECT_EQ(c.exactColumnResults()[col], want[col]) << "column " << col;
  // No active row: no read.
  EXPECT_EQ(c.readSparse({}, {}), 0);
  // Rows must ascend inside the tile.
  EXPECT_THROW(
      c.readSparse(std::vector<int32_t>{1, 0}, std::vector<int64_t>{1, 1}),
      std::logic_error);
  EXPECT_THROW(c.readSparse(std::vector<int32_t>{4}, std::vector<int64_t>{1}),
               std::logic_error);
}

} // namespace
