//===- SfqCellsTest.cpp - Pulse times of every deterministic cell ---------===//
//
// Hand-computed pulse times with the default library's PyLSE timings
// (../shared/reference/sfq.md §2.2): JTL 5.7, splitter 4.3, merger 8.2, DFF
// 5.1, AND 9.2, OR 8.0, XOR 6.5, NOT 9.6 ps; TFF 6.0 ps [assumed].
//===----------------------------------------------------------------------===//
#include "SfqNets.h"

using namespace nmc::sfq;
using namespace nmc::sfq::test;

namespace {

TEST(SfqCells, JtlChainDelaysEachPulseByNTimesTheDelay) {
  NetBuilder b;
  b.output(b.jtls(b.input("in"), 4, "j"));
  const RunResult r = runNet(b.n, {{10, 50}});
  // 10 + 4 x 5.7 = 32.8; 50 + 22.8 = 72.8
  expectTimes(out(r), {32.8, 72.8});
  EXPECT_EQ(r.counters.events[int(CellKind::Jtl)], 8u); // 2 pulses x 4 JTLs
  EXPECT_EQ(r.counters.totalViolations, 0u);
  EXPECT_DOUBLE_EQ(r.counters.latencyPs, 22.8); // 32.8 - 10
}

TEST(SfqCells, SplitterTreeOfFanOutFourReachesEveryOutputAtTwoDelays) {
  NetBuilder b;
  auto top = b.cell(CellKind::Splitter, "s0", {b.input("in")});
  auto l = b.cell(CellKind::Splitter, "s1", {top[0]});
  auto r = b.cell(CellKind::Splitter, "s2", {top[1]});
  for (WireId w : {l[0], l[1], r[0], r[1]})
    b.output(w);
  const RunResult res = runNet(b.n, {{0}});
  // fan-out 4 = 3 splitters, two levels: 0 + 2 x 4.3 = 8.6 on every output
  ASSERT_EQ(res.pulses.size(), 4u);
  for (size_t i = 0; i < 4; ++i)
    expectTimes(out(res, i), {8.6});
  EXPECT_EQ(res.counters.events[int(CellKind::Splitter)], 3u);
}

NetBuilder mergerNet() {
  NetBuilder b;
  WireId a = b.input("a"), c = b.input("b");
  b.output(b.cell(CellKind::Merger, "m", {a, c})[0]);
  return b;
}

TEST(SfqCells, MergerPassesSeparatedPulses) {
  const RunResult r = runNet(mergerNet().n, {{0}, {20}});
  // 0 + 8.2 and 20 + 8.2 (20 - 0 >= the 8.2 ps busy window)
  expectTimes(out(r), {8.2, 28.2});
  EXPECT_EQ(r.counters.mergerLost, 0u);
}

TEST(SfqCells, MergerLosesACoincidentPulseAndCountsIt) {
  const RunResult r = runNet(mergerNet().n, {{0}, {0}});
  // a (listed first) at 0 fires at 8.2; b at 0 is inside [0, 8.2): lost
  expectTimes(out(r), {8.2});
  EXPECT_EQ(r.counters.mergerLost, 1u);
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].kind, ViolationKind::MergerCollision);
  EXPECT_EQ(r.violations[0].port, 1);      // b
  EXPECT_EQ(r.violations[0].otherPort, 0); // a opened the window
  EXPECT_DOUBLE_EQ(r.violations[0].timePs, 0);
}

TEST(SfqCells, DffStoresAndIsReadByTheClock) {
  NetBuilder b;
  WireId clk = b.clock(20, 10); // clk at 10, 30, 50
  WireId a = b.input("a");
  b.output(b.cell(CellKind::Dff, "d", {a, clk})[0]);
  RunOptions o;
  o.endPs = 60;
  const RunResult r = runNet(b.n, {{15}}, o);
  // empty at 10: no output; a stored at 15; read at 30: 30 + 5.1 = 35.1;
  // empty again at 50: no output
  expectTimes(out(r), {35.1});
  EXPECT_EQ(r.counters.clockPulses, 3u);
  EXPECT_EQ(r.counters.totalViolations, 0u);
}

struct GateCase {
  CellKind kind;
  std::vector<double> expected;
};

/// Names the case in test listings (not the struct's bytes).
void PrintTo(const GateCase &c, std::ostream *os) {
  *os << ports(c.kind).name;
}

class SfqClockedGate : public ::testing::TestWithParam<GateCase> {};

// Four cycles, clk at 30, 60, 90, 120 (period 30, phase 30). Inputs per
// cycle (a, b): (0,0) nothing; (1,0) a at 40; (0,1) b at 70; (1,1) a at
// 100, b at 105. An output appears at the clk ending the cycle + delay.
TEST_P(SfqClockedGate, TruthTableOverClockCycles) {
  NetBuilder b;
  WireId clk = b.clock(30, 30);
  WireId a = b.input("a"), c = b.input("b");
  b.output(b.cell(GetParam().kind, "g", {a, c, clk})[0]);
  RunOptions o;
  o.endPs = 150;
  const RunResult r = runNet(b.n, {{40, 100}, {70, 105}}, o);
  expectTimes(out(r), GetParam().expected);
  EXPECT_EQ(r.counters.totalViolations, 0u);
}

INSTANTIATE_TEST_SUITE_P(Gates, SfqClockedGate,
                         ::testing::Values(
                             // AND: only (1,1): 120 + 9.2
                             GateCase{CellKind::And, {129.2}},
                             // OR: (1,0), (0,1), (1,1): 60 + 8, 90 + 8, 120 + 8
                             GateCase{CellKind::Or, {68, 98, 128}},
                             // XOR: (1,0), (0,1): 60 + 6.5, 90 + 6.5
                             GateCase{CellKind::Xor, {66.5, 96.5}}),
                         [](const auto &info) {
                           return std::string(ports(info.param.kind).name);
                         });

TEST(SfqCells, NotFiresOnClockOnlyWhenNothingArrived) {
  NetBuilder b;
  WireId clk = b.clock(30, 30); // 30, 60, 90
  b.output(b.cell(CellKind::Not, "n", {b.input("a"), clk})[0]);
  RunOptions o;
  o.endPs = 100;
  const RunResult r = runNet(b.n, {{40}}, o);
  // cycle ending 30: empty -> 39.6; a at 40: nothing at 60; empty -> 99.6
  expectTimes(out(r), {39.6, 99.6});
}

TEST(SfqCells, TffFiresOnEverySecondPulse) {
  NetBuilder b;
  b.output(b.cell(CellKind::Tff, "t", {b.input("a")})[0]);
  const RunResult r = runNet(b.n, {{0, 10, 20, 30}});
  // 2nd and 4th pulses: 10 + 6.0, 30 + 6.0
  expectTimes(out(r), {16, 36});
}

TEST(SfqCells, SettingsChangeTheTiming) {
  NetBuilder b;
  b.output(b.jtls(b.input("in"), 3, "j"));
  CellLibrary lib = defaultCellLibrary();
  applyCellSetting(lib, "jtl.delay_ps=3.5"); // ColdFlux's JTL, §2.6
  const RunResult r = runNet(b.n, {{1}}, {}, lib);
  expectTimes(out(r), {11.5}); // 1 + 3 x 3.5
}

TEST(SfqCells, DelaysBelowOneBucketAndZeroDelayKeepOrder) {
  // The queue's buckets are 0.256 ps wide: 0.1 ps delays land in the
  // bucket being drained, 0 ps ones at the current time.
  for (double d : {0.1, 0.0}) {
    NetBuilder b;
    b.output(b.jtls(b.input("in"), 4, "j"));
    CellLibrary lib = defaultCellLibrary();
    applyCellSetting(lib, "jtl.delay_ps=" + std::to_string(d));
    const RunResult r = runNet(b.n, {{2, 3}}, {}, lib);
    expectTimes(out(r), {2 + 4 * d, 3 + 4 * d}); // 4 JTLs of d
  }
}

TEST(SfqCells, FarFuturePulsesBeyondTheQueueHorizon) {
  NetBuilder b;
  b.output(b.jtls(b.input("in"), 1, "j"));
  const RunResult r = runNet(b.n, {{0, 1e6, 1e6 + 20}});
  // horizon ~4.2 ns; 1 us = 1e6 ps is far beyond: 5.7, 1e6 + 5.7, + 20
  expectTimes(out(r), {5.7, 1000005.7, 1000025.7});
}

TEST(SfqCells, EnergyPowerAndJjCounters) {
  NetBuilder b;
  b.output(b.jtls(b.input("in"), 4, "j"));
  const RunResult r = runNet(b.n, {{0}});
  // 4 JTLs x 2 JJs (§2.6); 4 x 0.35 mA bias = 1.4 mA; x 2.5 mV = 3.5 uW
  EXPECT_EQ(r.counters.jjs, 8);
  EXPECT_DOUBLE_EQ(r.counters.biasMA, 1.4);
  EXPECT_DOUBLE_EQ(r.counters.staticPowerW, 3.5e-6);
  // 4 firings x sum Ic 0.5 mA = 2 mA; x Phi0 2.067833848e-15 Wb
  EXPECT_DOUBLE_EQ(r.counters.switchingEnergyJ, 2e-3 * 2.067833848e-15);

  NetBuilder d;
  WireId clk = d.clock(20, 10);
  d.output(d.cell(CellKind::Dff, "d", {d.input("a"), clk})[0]);
  RunOptions o;
  o.endPs = 35; // clk at 10 (empty: stores nothing), 30 (fires)
  const RunResult rd = runNet(d.n, {{15}}, o);
  // clk at 10 on idle: no output, half of 1.61; a stored: half of 1.61;
  // clk at 30 fires: 1.61. Sum = 0.805 + 0.805 + 1.61 = 3.22 mA x Phi0
  EXPECT_DOUBLE_EQ(rd.counters.switchingEnergyJ, 3.22e-3 * 2.067833848e-15);
}

} // namespace
