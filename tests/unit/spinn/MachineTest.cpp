//===- MachineTest.cpp - Chips, links and presets of the SpiNNaker model -===//
//
// Expected values are hand-derived or quoted from ../shared/reference/
// spinnaker.md §A and SpiNNMachine's version_*.py, never from the code.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SpiNNaker/MachineJson.h"

#include <gtest/gtest.h>

#include <set>

using namespace nmc::spinn;

namespace {

Machine get(const std::string &name) {
  MachineOrError m = preset(name);
  EXPECT_TRUE(m) << m.error;
  return m ? *m.machine : Machine{};
}

std::vector<std::pair<Link, ChipXY>>
expectAll(std::initializer_list<std::pair<Link, ChipXY>> l) {
  return l;
}

} // namespace

TEST(SpinnMachine, LinksAndOpposites) {
  EXPECT_EQ(opposite(Link::E), Link::W);
  EXPECT_EQ(opposite(Link::NE), Link::SW);
  EXPECT_EQ(opposite(Link::N), Link::S);
  EXPECT_EQ(opposite(Link::W), Link::E);
  EXPECT_EQ(opposite(Link::SW), Link::NE);
  EXPECT_EQ(opposite(Link::S), Link::N);
  EXPECT_STREQ(linkName(Link::SW), "SW");
  // MC_LINK_ROUTE(x) = 1 << x, MC_CORE_ROUTE(c) = 1 << (c + 6) (§A.6).
  EXPECT_EQ(linkRoute(Link::S), 0x20u);
  EXPECT_EQ(coreRoute(0), 0x40u);
  EXPECT_EQ(coreRoute(17), 0x800000u);
}

// The 48-chip board: rows y = 0..7 hold x in [0,4] [0,5] [0,6] [0,7] [1,7]
// [2,7] [3,7] [4,7] (SpiNNMachine version_5.py CHIPS_PER_BOARD).
TEST(SpinnMachine, Spin5BoardHas48Chips) {
  const Machine m = get("spin5");
  const int lo[8] = {0, 0, 0, 0, 1, 2, 3, 4}, hi[8] = {4, 5, 6, 7, 7, 7, 7, 7};
  int count = 0;
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x) {
      const bool expected = x >= lo[y] && x <= hi[y];
      EXPECT_EQ(m.isPresent({x, y}), expected) << x << "," << y;
      count += expected;
    }
  EXPECT_EQ(count, 48);
  EXPECT_EQ(m.numChips(), 48);
  EXPECT_EQ(m.chips().size(), 48u);
  EXPECT_FALSE(m.geometry.wrapX);
  EXPECT_FALSE(m.geometry.wrapY);
  EXPECT_FALSE(m.isPresent({-1, 0}));
  EXPECT_FALSE(m.isPresent({8, 8}));
}

// A chip has all six neighbours iff 1 <= x, y <= 6, x - y <= 3 and
// y - x <= 2; rows y = 1..6 then hold 4, 5, 6, 5, 4, 3 such chips = 27.
TEST(SpinnMachine, Spin5Neighbours) {
  const Machine m = get("spin5");
  int full = 0;
  for (ChipXY c : m.chips())
    full += m.neighbours(c).size() == 6;
  EXPECT_EQ(full, 27);
  EXPECT_EQ(m.neighbours({3, 3}).size(), 6u);
  // Corners of the hexagonal board have three links each.
  EXPECT_EQ(
      m.neighbours({0, 0}),
      expectAll({{Link::E, {1, 0}}, {Link::NE, {1, 1}}, {Link::N, {0, 1}}}));
  EXPECT_EQ(
      m.neighbours({4, 0}),
      expectAll({{Link::NE, {5, 1}}, {Link::N, {4, 1}}, {Link::W, {3, 0}}}));
  EXPECT_EQ(
      m.neighbours({7, 7}),
      expectAll({{Link::W, {6, 7}}, {Link::SW, {6, 6}}, {Link::S, {7, 6}}}));
  EXPECT_EQ(
      m.neighbours({0, 3}),
      expectAll({{Link::E, {1, 3}}, {Link::NE, {1, 4}}, {Link::S, {0, 2}}}));
  EXPECT_FALSE(m.neighbour({4, 0}, Link::E)); // (5,0) is absent
  EXPECT_FALSE(m.neighbour({5, 0}, Link::N)); // from an absent chip
}

// spin3: 2x2, wrapped both ways (version_3.py FullWrapMachine): opposite
// links reach the same chip.
TEST(SpinnMachine, Torus2x2) {
  const Machine m = get("spin3");
  EXPECT_EQ(m.numChips(), 4);
  EXPECT_TRUE(m.geometry.wrapX && m.geometry.wrapY);
  EXPECT_EQ(m.neighbours({0, 0}), expectAll({{Link::E, {1, 0}},
                                             {Link::NE, {1, 1}},
                                             {Link::N, {0, 1}},
                                             {Link::W, {1, 0}},
                                             {Link::SW, {1, 1}},
                                             {Link::S, {0, 1}}}));
  EXPECT_EQ(m.neighbours({1, 1}), expectAll({{Link::E, {0, 1}},
                                             {Link::NE, {0, 0}},
                                             {Link::N, {1, 0}},
                                             {Link::W, {0, 1}},
                                             {Link::SW, {0, 0}},
                                             {Link::S, {1, 0}}}));
}

TEST(SpinnMachine, Torus3x3) {
  Machine m = get("spin3");
  m.geometry = {3, 3, true, true, {}};
  EXPECT_EQ(m.numChips(), 9);
  EXPECT_EQ(m.neighbours({0, 0}), expectAll({{Link::E, {1, 0}},
                                             {Link::NE, {1, 1}},
                                             {Link::N, {0, 1}},
                                             {Link::W, {2, 0}},
                                             {Link::SW, {2, 2}},
                                             {Link::S, {0, 2}}}));
  EXPECT_EQ(m.neighbours({2, 2}), expectAll({{Link::E, {0, 2}},
                                             {Link::NE, {0, 0}},
                                             {Link::N, {2, 0}},
                                             {Link::W, {1, 2}},
                                             {Link::SW, {1, 1}},
                                             {Link::S, {2, 1}}}));
  // Wrapping one way only: no link off the unwrapped edge.
  m.geometry.wrapY = false;
  EXPECT_EQ(m.neighbours({0, 0}), expectAll({{Link::E, {1, 0}},
                                             {Link::NE, {1, 1}},
                                             {Link::N, {0, 1}},
                                             {Link::W, {2, 0}}}));
}

// Three boards with Ethernet chips at (0,0), (4,8), (8,4) tile the 12x12
// torus exactly once (SpiNNMachine spinnaker_triad_geometry.py), so
// spin5:WxH has every one of its 144 W H chips.
TEST(SpinnMachine, TriadsTileTheTorus) {
  const int lo[8] = {0, 0, 0, 0, 1, 2, 3, 4}, hi[8] = {4, 5, 6, 7, 7, 7, 7, 7};
  std::multiset<std::pair<int, int>> covered;
  for (auto [ex, ey] : {std::pair{0, 0}, {4, 8}, {8, 4}})
    for (int y = 0; y < 8; ++y)
      for (int x = lo[y]; x <= hi[y]; ++x)
        covered.insert({(x + ex) % 12, (y + ey) % 12});
  EXPECT_EQ(covered.size(), 144u);
  for (int x = 0; x < 12; ++x)
    for (int y = 0; y < 12; ++y)
      EXPECT_EQ(covered.count({x, y}), 1u) << x << "," << y;

  const Machine m = get("spin5:2x3");
  EXPECT_EQ(m.geometry.width, 24);
  EXPECT_EQ(m.geometry.height, 36);
  EXPECT_TRUE(m.geometry.wrapX && m.geometry.wrapY);
  EXPECT_EQ(m.numChips(), 24 * 36);
  EXPECT_EQ(m.boards, 18);
  EXPECT_EQ(m.numChips(), 48 * m.boards);
  for (ChipXY c : m.chips())
    ASSERT_EQ(m.neighbours(c).size(), 6u);
}

// §A.1, §A.2, §A.6, §E numbers.
TEST(SpinnMachine, Spin1PresetNumbers) {
  for (const char *name : {"spin3", "spin5", "spin5:1x1"}) {
    const Machine m = get(name);
    SCOPED_TRACE(name);
    EXPECT_EQ(m.generation, Generation::Spin1);
    EXPECT_EQ(m.chip.cores, 18);
    EXPECT_EQ(m.chip.appCores(), 16);
    EXPECT_EQ(m.chip.itcmBytes, 32768);
    EXPECT_EQ(m.chip.dtcmBytes, 65536);
    EXPECT_EQ(m.chip.sdramBytes, 134217728);
    EXPECT_EQ(m.chip.sdramUsableBytes, 123469792);
    EXPECT_EQ(m.chip.routerEntries, 1024);
    EXPECT_EQ(m.chip.routerEntriesUsable, 1023);
    EXPECT_EQ(m.chip.clockHz, 200000000);
    EXPECT_EQ(m.timestepUs, 1000);
    EXPECT_EQ(m.cyclesPerTick(), 200000);
    EXPECT_DOUBLE_EQ(m.energy.idleChipW, 0.35);
    EXPECT_DOUBLE_EQ(m.energy.activeCoreW, 0.034);
    EXPECT_NEAR(m.energy.mcPacketJ(), 1e-9, 1e-15); // 25 pJ/bit x 40 bit
    EXPECT_EQ(m.energy.payloadPacketBits, 72);
    EXPECT_EQ(m.cost.synapticWordCycles, 24);
    EXPECT_EQ(m.cost.neuronUpdateCycles, 170);
  }
  EXPECT_DOUBLE_EQ(get("spin3").energy.boardIdleW, 3.56);
  EXPECT_DOUBLE_EQ(get("spin5").energy.boardIdleW, 26.84);
  Machine fast = get("spin5");
  fast.timestepUs = 100;
  EXPECT_EQ(fast.cyclesPerTick(), 20000); // §E: 20,000 cycles at 0.1 ms
}

// §A.7 and SpiNNMachine version_spin2.py / version_248.py.
TEST(SpinnMachine, Spin2PresetNumbers) {
  const Machine m = get("spin2");
  EXPECT_EQ(m.generation, Generation::Spin2);
  EXPECT_EQ(m.numChips(), 48);
  EXPECT_EQ(m.chip.cores, 152);
  EXPECT_EQ(m.chip.monitorCores, 2);
  EXPECT_EQ(m.chip.dtcmBytes, 128 * 1024);
  EXPECT_EQ(m.chip.sdramBytes, 1073741824);
  EXPECT_EQ(m.chip.routerEntriesUsable, 16384);
  EXPECT_EQ(m.chip.clockHz, 300000000);
  EXPECT_EQ(m.energy.idleChipW, 0); // unknown
}

TEST(SpinnMachine, UnknownPresets) {
  for (const char *name : {"spin4", "spin5:0x1", "spin5:3", "spin5:22x1",
                           "spin5:1x1x1", "spin5:ax2", ""}) {
    MachineOrError m = preset(name);
    EXPECT_FALSE(m) << name;
    EXPECT_NE(m.error.find("preset"), std::string::npos) << m.error;
  }
  EXPECT_NE(preset("spin4").error.find("spin5:WxH"), std::string::npos);
}
