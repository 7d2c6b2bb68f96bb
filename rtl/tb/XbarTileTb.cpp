//===- XbarTileTb.cpp - nmc_xbar_tile against hand values and TileModel ---===//
//
// Two verilated tiles (rtl/tb/CMakeLists.txt), 6 logical rows x 8 physical
// data columns, 8-bit inputs: one slice (Vnmc_xbar_tile) and two slices of
// radix 16 (Vnmc_xbar_tile_s2). Hand-computed reads pin the column sums,
// the ADC and the cycle count; random tiles, inputs and hardware settings
// run the RTL and nmc::xbar::TileModel (effects off) in lockstep, clock by
// clock, and compare busy, results, saturations, planes and cycles.
//===----------------------------------------------------------------------===//
#include "TbClock.h"
#include "Vnmc_xbar_tile.h"
#include "Vnmc_xbar_tile_init.h"
#include "Vnmc_xbar_tile_s2.h"
#include "nmc/Target/Xbar/TileModel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using namespace nmc::xbar;
using nmc::rtl::reset;
using nmc::rtl::signExtend;
using nmc::rtl::step;
using nmc::rtl::toBits;

namespace {

constexpr int kRows = 6, kCols = 8, kDigitBits = 5, kInBits = 8, kAccBits = 40;

/// Sets a tile's configuration ports as the host derives them from the
/// hardware and the tile (`dataCols` in use, offset reference column).
template <class Dut>
void configureTile(Dut &dut, const Hardware &hw, int64_t dataCols, bool refCol,
                   double fullScale) {
  dut.cfg_row_drive = hw.cycles.rowDrive;
  dut.cfg_column_read = hw.cycles.columnRead;
  dut.cfg_adc_conversion = hw.cycles.adcConversion;
  dut.cfg_shift_add = hw.cycles.shiftAdd;
  dut.cfg_adc_bits = hw.adc.bits;
  dut.cfg_full_scale = uint32_t(std::ceil(fullScale));
  dut.cfg_adcs = std::max<int64_t>(1, hw.tile.cols / hw.adc.columnsPerAdc);
  dut.cfg_cols = dataCols;
  dut.cfg_ref_col = refCol;
}

/// Drives one verilated tile.
template <class Dut> struct TileRtl {
  VerilatedContext ctx;
  Dut dut{&ctx};
  TileRtl() {
    dut.mem_we = dut.in_we = dut.in_clear = dut.start = 0;
    configure(Hardware{}, kCols, false, 0);
    reset(dut);
  }
  void configure(const Hardware &hw, int64_t dataCols, bool refCol,
                 double fullScale) {
    configureTile(dut, hw, dataCols, refCol, fullScale);
  }
  /// Writes rows x dataCols digits (row-major), zeros elsewhere.
  void loadDigits(const std::vector<int32_t> &digits, int64_t dataCols) {
    dut.mem_we = 1;
    for (int r = 0; r < kRows; ++r)
      for (int c = 0; c < kCols; ++c) {
        const size_t i = size_t(r * dataCols + c);
        dut.mem_addr = r * kCols + c;
        dut.mem_wdata = toBits(
            c < dataCols && i < digits.size() ? digits[i] : 0, kDigitBits);
        step(dut);
      }
    dut.mem_we = 0;
  }
  void setInputs(const std::vector<int64_t> &x) {
    dut.in_clear = 1;
    step(dut);
    dut.in_clear = 0;
    dut.in_we = 1;
    for (size_t r = 0; r < x.size(); ++r) {
      dut.in_row = r;
      dut.in_value = toBits(x[r], kInBits);
      step(dut);
    }
    dut.in_we = 0;
  }
  /// The start edge (TileModel::startRead); true if a read began.
  bool start() {
    dut.start = 1;
    step(dut);
    dut.start = 0;
    dut.eval();
    return dut.busy;
  }
  /// Runs the read to its end; the clock cycles it took.
  int64_t finish() {
    int64_t n = 0;
    while (dut.busy && n < 100000) {
      step(dut);
      ++n;
    }
    return n;
  }
  int64_t result(int col) {
    dut.res_col = col;
    dut.eval();
    return signExtend(dut.res_value, kAccBits);
  }
};

// Digits [[1, 2], [3, -4]] (2 of the 6 rows, 2 of the 8 columns) read with
// inputs [1, -2]: plane 0 drives row 0 (+), plane 1 row 1 (-), weight 2.
struct XbarTileHand : ::testing::Test {
  TileRtl<Vnmc_xbar_tile> tile;
  Hardware hw; // defaults: row_drive 2, column_read 10, shift_add 1
  void read(int64_t bits, double fullScale) {
    hw.adc.bits = bits;
    hw.tile.cols = 8; // 8 columns per ADC: one ADC, one column per round
    tile.configure(hw, 2, false, fullScale);
    tile.loadDigits({1, 2, 3, -4}, 2);
    tile.setInputs({1, -2});
    ASSERT_TRUE(tile.start());
    cycles = tile.finish();
  }
  int64_t cycles = 0;
};

TEST_F(XbarTileHand, IdealAdc) {
  read(0, 0);
  // [1, 2] + 2 * -[3, -4]; 2 planes x (2 + 10 + 2 rounds x 1) + 1.
  EXPECT_EQ(tile.result(0), -5);
  EXPECT_EQ(tile.result(1), 10);
  EXPECT_EQ(cycles, 29);
  EXPECT_EQ(tile.dut.cycles, 29);
  EXPECT_EQ(tile.dut.planes, 2);
  EXPECT_EQ(tile.dut.saturations, 0);
  EXPECT_TRUE(tile.dut.done);
}

TEST_F(XbarTileHand, ThreeBitAdcRoundsAtItsLsb) {
  read(3, 7); // codeMax 3: 3 * 2 = 6 < 7 <= 3 * 4, so LSB 4
  // Plane 0: 1/4 -> 0, 2/4 -> 1 (tie away) -> [0, 4]; plane 1: -3/4 -> -1,
  // 4/4 -> 1 -> [-4, 4] x 2. Conversions take bits + 1 = 4 cycles.
  EXPECT_EQ(tile.result(0), -8);
  EXPECT_EQ(tile.result(1), 12);
  EXPECT_EQ(tile.dut.saturations, 0);
  EXPECT_EQ(cycles, 2 * (2 + 10 + 2 * 4) + 1);
}

TEST_F(XbarTileHand, TwoBitAdcSaturates) {
  read(2, 1); // codeMax 1, LSB 1
  // Plane 0: [1, 2 -> 1 (sat)]; plane 1: [-3 -> -1 (sat), 4 -> 1 (sat)].
  EXPECT_EQ(tile.result(0), 1 - 2);
  EXPECT_EQ(tile.result(1), 1 + 2);
  EXPECT_EQ(tile.dut.saturations, 3);
  EXPECT_EQ(cycles, 2 * (2 + 10 + 2 * 3) + 1);
}

TEST_F(XbarTileHand, NoActiveRowReadsNothing) {
  hw.adc.bits = 0;
  tile.configure(hw, 2, false, 0);
  tile.setInputs({0, 0, 0});
  EXPECT_FALSE(tile.start());
  EXPECT_TRUE(tile.dut.done);
  EXPECT_EQ(tile.dut.cycles, 0);
  EXPECT_EQ(tile.result(0), 0);
}

TEST_F(XbarTileHand, EmptyPhasesAreSkipped) {
  hw.cycles.rowDrive = 0;
  hw.cycles.columnRead = 0;
  hw.cycles.shiftAdd = 0;
  read(0, 0);
  EXPECT_EQ(cycles, 2 * 2 * 1); // only the conversions
  EXPECT_EQ(tile.result(1), 10);
}

/// Rows packed as in_vec (row r at bits [r * kInBits, (r + 1) * kInBits)).
uint64_t patchBits(const std::vector<int64_t> &x) {
  uint64_t v = 0;
  for (size_t r = 0; r < x.size(); ++r)
    v |= uint64_t(toBits(x[r], kInBits)) << (r * kInBits);
  return v;
}

/// Logical column `col` of res_next (kAccBits each, in 32-bit words).
template <class Wide> int64_t nextResult(const Wide &w, int col) {
  uint64_t v = 0;
  for (int b = 0; b < kAccBits; ++b) {
    const int bit = col * kAccBits + b;
    v |= uint64_t((w[bit / 32] >> (bit % 32)) & 1) << b;
  }
  return signExtend(v, kAccBits);
}

// The mesh's conv reads: a patch loaded with the start (in_load/in_vec),
// the next patch started in the last busy cycle, so reads follow without
// a gap; res_next holds each read's results in its last cycle. Patch
// [1, -2]: [-5, 10] as above; patch [3, 0]: planes 0 and 1 drive row 0,
// [3, 6]. 2 planes each: 29 cycles each, 58 in all.
TEST_F(XbarTileHand, PatchesReadBackToBack) {
  hw.adc.bits = 0;
  hw.tile.cols = 8;
  tile.configure(hw, 2, false, 0);
  tile.loadDigits({1, 2, 3, -4}, 2);
  auto &dut = tile.dut;
  dut.in_load = 1;
  dut.in_vec = patchBits({1, -2});
  ASSERT_TRUE(tile.start());
  int64_t first = 1; // the busy cycles of the first read, up to its last
  while (!dut.last_cycle && first < 1000) {
    step(dut);
    ++first;
  }
  EXPECT_EQ(first, 29);
  EXPECT_EQ(nextResult(dut.res_next, 0), -5);
  EXPECT_EQ(nextResult(dut.res_next, 1), 10);
  dut.in_vec = patchBits({3, 0});
  ASSERT_TRUE(tile.start()); // at the last cycle's edge: busy on
  int64_t second = 1;
  while (!dut.last_cycle && second < 1000) {
    step(dut);
    ++second;
  }
  EXPECT_EQ(second, 29);
  EXPECT_EQ(nextResult(dut.res_next, 0), 3);
  EXPECT_EQ(nextResult(dut.res_next, 1), 6);
  step(dut);
  EXPECT_FALSE(dut.busy);
  EXPECT_EQ(tile.result(0), 3);
  EXPECT_EQ(tile.result(1), 6);
  EXPECT_EQ(dut.cycles, 29);
  EXPECT_EQ(dut.planes, 2);
}

// A 2 x 2 tile whose digits come from $readmemh(INIT_FILE): tile_init.hex
// holds [[1, 2], [3, -4]] (-4 as 5-bit 0x1c).
TEST(XbarTileInit, DigitsFromReadmemh) {
  VerilatedContext ctx;
  Vnmc_xbar_tile_init dut(&ctx);
  dut.mem_we = dut.in_we = dut.in_clear = dut.start = 0;
  Hardware hw; // row_drive 2, column_read 10, shift_add 1
  hw.adc.bits = 0;
  hw.tile.cols = 2;
  hw.adc.columnsPerAdc = 1; // two ADCs
  configureTile(dut, hw, 2, false, 0);
  reset(dut);
  const int64_t expected[] = {1, 2, 3, -4};
  for (int a = 0; a < 4; ++a) {
    dut.mem_raddr = a;
    dut.eval();
    EXPECT_EQ(signExtend(dut.mem_rdata, kDigitBits), expected[a]);
  }
  dut.in_we = 1;
  dut.in_row = 0;
  dut.in_value = 1;
  step(dut);
  dut.in_row = 1;
  dut.in_value = toBits(-2, 4);
  step(dut);
  dut.in_we = 0;
  dut.start = 1;
  step(dut);
  dut.start = 0;
  while (dut.busy)
    step(dut);
  // Two ADCs: one round per plane, 2 x (2 + 10 + 1) + 1 cycles.
  EXPECT_EQ(dut.cycles, 27);
  for (auto [col, value] : {std::pair{0, -5}, std::pair{1, 10}}) {
    dut.res_col = col;
    dut.eval();
    EXPECT_EQ(signExtend(dut.res_value, 16), value);
  }
}

/// A random hardware description for a tile of kRows x kCols data columns.
Hardware randomHardware(std::mt19937_64 &rng, int slices) {
  Hardware hw;
  const bool offset = slices == 1 && rng() % 3 == 0;
  hw.mapping.sign = offset ? SignScheme::Offset : SignScheme::Differential;
  hw.mapping.slices = slices;
  hw.tile.rows = offset ? kRows : 2 * kRows;
  hw.tile.cols = offset ? kCols + 1 : kCols;
  const int64_t bits[] = {0, 2, 3, 4, 5, 8};
  hw.adc.bits = bits[rng() % 6];
  if (rng() % 3 == 0) {
    hw.adc.range = AdcRange::Fixed;
    hw.adc.fullScale = double(rng() % 80) / 4; // often below the sums
  }
  const int64_t perAdc[] = {1, 2, 3, 8, 16};
  hw.adc.columnsPerAdc = perAdc[rng() % 5];
  auto cycles = [&](int64_t max) { return int64_t(rng() % (max + 1)); };
  hw.cycles.rowDrive = cycles(3);
  hw.cycles.columnRead = cycles(4);
  hw.cycles.adcConversion = rng() % 2 ? 0 : 1 + cycles(3);
  hw.cycles.shiftAdd = cycles(2);
  return hw;
}

/// Random tiles and reads, RTL and TileModel clock by clock.
template <class Dut> void lockstep(int slices, uint64_t seed) {
  std::mt19937_64 rng(seed);
  TileRtl<Dut> rtl;
  int64_t saturations = 0, reads = 0;
  for (int t = 0; t < 40; ++t) {
    const Hardware hw = randomHardware(rng, slices);
    Tile tile;
    tile.rows = 1 + int64_t(rng() % kRows);
    tile.cols = 1 + int64_t(rng() % hw.logicalCols());
    const int64_t maxLevel = hw.maxLevel();
    for (int64_t i = 0; i < tile.rows * tile.cols; ++i)
      tile.levels.push_back(
          rng() % 4 == 0
              ? 0
              : int32_t(int64_t(rng() % (2 * maxLevel + 1)) - maxLevel));
    DeviceEffects effects(hw);
    TileModel model;
    model.load(hw, programTile(tile, hw, false, effects));
    const TileDevices &dev = model.devices();
    rtl.configure(hw, dev.dataCols, !dev.differential, dev.adcFullScale);
    rtl.loadDigits(dev.digits, dev.dataCols);

    for (int k = 0; k < 8; ++k) {
      std::vector<int64_t> x(size_t(tile.rows), 0);
      const int64_t bound = (int64_t(1) << (rng() % kInBits)) - 1;
      for (int64_t &v : x)
        v = rng() % 3 == 0 ? 0 : int64_t(rng() % (2 * bound + 1)) - bound;
      if (k == 7)
        x[0] = -(int64_t(1) << (kInBits - 1)); // the widest input: 8 planes
      rtl.setInputs(x);
      const std::string where = "tile " + std::to_string(t) + " read " +
                                std::to_string(k) + " adc.bits " +
                                std::to_string(hw.adc.bits);
      const bool started = model.startRead(x);
      ASSERT_EQ(rtl.start(), started) << where;
      int64_t ticks = 0;
      while (started) {
        const bool more = model.tick();
        step(rtl.dut);
        ++ticks;
        ASSERT_EQ(bool(rtl.dut.busy), more) << where << " cycle " << ticks;
        if (!more)
          break;
      }
      const ReadCounters &c = model.counters();
      ASSERT_LE(c.planes, model.exactPlanes()) << where;
      ASSERT_EQ(ticks, c.cycles) << where;
      ASSERT_EQ(int64_t(rtl.dut.cycles), c.cycles) << where;
      ASSERT_EQ(int64_t(rtl.dut.planes), c.planes) << where;
      ASSERT_EQ(int64_t(rtl.dut.saturations), c.saturations) << where;
      ASSERT_TRUE(rtl.dut.done) << where;
      for (int64_t col = 0; col < dev.cols; ++col)
        ASSERT_EQ(rtl.result(int(col)), model.exactColumnResults()[col])
            << where << " column " << col;
      saturations += c.saturations;
      reads += started;
    }
  }
  // The random settings did exercise reads and ADC clamping.
  EXPECT_GT(reads, 200);
  EXPECT_GT(saturations, 0);
}

TEST(XbarTile, LockstepWithTileModel) { lockstep<Vnmc_xbar_tile>(1, 7); }

TEST(XbarTile, LockstepWithTileModelTwoSlices) {
  lockstep<Vnmc_xbar_tile_s2>(2, 8);
}

} // namespace
