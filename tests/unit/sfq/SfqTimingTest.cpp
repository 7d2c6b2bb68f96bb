//===- SfqTimingTest.cpp - Static clock analysis on hand examples ---------===//
//
// Hand-computed with the default library's PyLSE timings
// (../shared/reference/sfq.md §2.2): splitter 4.3 (busy 4.3), JTL 5.7,
// merger 8.2 (busy 8.2), DFF clk->q 5.1, AND clk->q 9.2, setup 2.8, hold 3.0.
//===----------------------------------------------------------------------===//
#include "SfqNets.h"

#include "nmc/Target/SFQ/Timing.h"

using namespace nmc::sfq;
using namespace nmc::sfq::test;

namespace {

/// a -> dff d1 -> jtl x2 -> and g.a;  b -> dff d2 -> and g.b;  g -> out.
/// Clock: clk -> s0; s0.l -> s1 -> (d1.clk, d2.clk); s0.r -> `gClockJtls`
/// JTLs -> g.clk.
NetBuilder twoStages(int gClockJtls) {
  NetBuilder b;
  const WireId clk = b.clock(50, 0);
  const WireId a = b.input("a"), in = b.input("b");
  auto s0 = b.cell(CellKind::Splitter, "s0", {clk});
  auto s1 = b.cell(CellKind::Splitter, "s1", {s0[0]});
  const WireId d1 = b.cell(CellKind::Dff, "d1", {a, s1[0]})[0];
  const WireId d2 = b.cell(CellKind::Dff, "d2", {in, s1[1]})[0];
  const WireId x = b.jtls(d1, 2, "j");
  const WireId gClk = b.jtls(s0[1], gClockJtls, "cj");
  b.output(b.cell(CellKind::And, "g", {x, d2, gClk})[0]);
  return b;
}

std::vector<std::string> names(const Netlist &n, const ClockTiming &t) {
  std::vector<std::string> out;
  for (int32_t c : t.criticalPath)
    out.push_back(n.cells[c].name);
  return out;
}

TEST(SfqTiming, CriticalPathIsTheLongerBranchPlusSetupMinusSkew) {
  const NetBuilder b = twoStages(0);
  const ClockTiming t = analyzeClock(b.n, defaultCellLibrary());
  ASSERT_TRUE(t.clocked);
  // Clock arrival: d1, d2 after two splitters = 8.6; g after one = 4.3.
  // d1 -> g.a: 8.6 + 5.1 (clk->q) + 2 x 5.7 + 2.8 (AND setup) - 4.3 = 23.6
  // d2 -> g.b: 8.6 + 5.1 + 2.8 - 4.3 = 12.2
  EXPECT_NEAR(t.pathPs, 23.6, 1e-9);
  // Largest busy/hold window: splitter 4.3 (AND hold 3.0, JTL 0, DFF 0).
  EXPECT_NEAR(t.busyPs, 4.3, 1e-9);
  EXPECT_NEAR(t.minPeriodPs, 23.6, 1e-9);
  EXPECT_NEAR(t.maxClockGHz, 1000.0 / 23.6, 1e-9); // 42.37 GHz
  EXPECT_EQ(names(b.n, t), (std::vector<std::string>{"d1", "j0", "j1", "g"}));
  // Hold slack a_g' + d + Dmin - a_g - hold: d2 -> g: 8.6 + 5.1 - 4.3 - 3.0
  // = 6.4 (d1 -> g: 6.4 + 11.4 = 17.8).
  EXPECT_NEAR(t.minHoldSlackPs, 6.4, 1e-9);
  EXPECT_EQ(t.holdViolations, 0);
  EXPECT_NEAR(t.clockInsertionPs, 8.6, 1e-9);
}

TEST(SfqTiming, LateCaptureClockShortensThePeriodAndBreaksHold) {
  // Three JTLs on g's clock branch: a_g = 4.3 + 3 x 5.7 = 21.4.
  const NetBuilder b = twoStages(3);
  const ClockTiming t = analyzeClock(b.n, defaultCellLibrary());
  // d1 -> g.a: 8.6 + 5.1 + 11.4 + 2.8 - 21.4 = 6.5 (d2: 16.5 - 21.4 < 0)
  EXPECT_NEAR(t.pathPs, 6.5, 1e-9);
  EXPECT_NEAR(t.minPeriodPs, 6.5, 1e-9);
  // d2 -> g.b: 8.6 + 5.1 - 21.4 - 3.0 = -10.7: data of cycle k arrives
  // inside g's hold window of cycle k.
  EXPECT_NEAR(t.minHoldSlackPs, -10.7, 1e-9);
  EXPECT_EQ(t.holdViolations, 1);
}

TEST(SfqTiming, BusyWindowBoundsAShortPipeline) {
  // clk -> s -> (d1.clk, d2.clk); a -> d1 -> d2 -> out.
  NetBuilder b;
  auto s = b.cell(CellKind::Splitter, "s", {b.clock(50, 0)});
  const WireId d1 = b.cell(CellKind::Dff, "d1", {b.input("a"), s[0]})[0];
  b.output(b.cell(CellKind::Dff, "d2", {d1, s[1]})[0]);
  const ClockTiming t = analyzeClock(b.n, defaultCellLibrary());
  // path 4.3 + 5.1 + 2.3 (DFF setup) - 4.3 = 7.4 > busy 4.3
  EXPECT_NEAR(t.pathPs, 7.4, 1e-9);
  EXPECT_NEAR(t.minPeriodPs, 7.4, 1e-9);
  // A library with a 9 ps splitter busy window: the period is 9.
  CellLibrary lib = defaultCellLibrary();
  applyCellSetting(lib, "splitter.busy_ps=9");
  validate(lib);
  EXPECT_NEAR(analyzeClock(b.n, lib).minPeriodPs, 9.0, 1e-9);
}

TEST(SfqTiming, UnclockedNetlistHasOnlyABusyBound) {
  NetBuilder b;
  b.output(b.cell(CellKind::Merger, "m", {b.input("a"), b.input("b")})[0]);
  const ClockTiming t = analyzeClock(b.n, defaultCellLibrary());
  EXPECT_FALSE(t.clocked);
  EXPECT_TRUE(std::isnan(t.maxClockGHz));
  EXPECT_NEAR(t.busyPs, 8.2, 1e-9); // the merger's window
}

TEST(SfqTiming, LongChainBetweenStagesNeedsNoDeepStack) {
  // clk -> s -> (d1.clk, d2.clk); a -> d1 -> 10^5 JTLs -> d2 -> out. The
  // recursive walk overflowed the stack here (nmc run exited 139).
  NetBuilder b;
  auto s = b.cell(CellKind::Splitter, "s", {b.clock(50, 0)});
  const WireId d1 = b.cell(CellKind::Dff, "d1", {b.input("a"), s[0]})[0];
  const WireId x = b.jtls(d1, 100000, "j");
  b.output(b.cell(CellKind::Dff, "d2", {x, s[1]})[0]);
  const ClockTiming t = analyzeClock(b.n, defaultCellLibrary());
  // 4.3 + 5.1 + 100000 x 5.7 + 2.3 - 4.3 = 570007.4
  EXPECT_NEAR(t.pathPs, 570007.4, 1e-6);
  EXPECT_EQ(t.criticalPath.size(), 100002u);
  EXPECT_TRUE(t.unavailable.empty());
}

TEST(SfqTiming, FeedbackBetweenStagesLeavesThePeriodUnavailable) {
  // a -> d1 -> merger m.a; m -> jtl j -> splitter f; f.l -> m.b (feedback),
  // f.r -> d2 -> out: a pulse circulates, no critical path is finite. The
  // analysis says so instead of failing the run.
  NetBuilder b;
  auto s = b.cell(CellKind::Splitter, "s", {b.clock(50, 0)});
  const WireId d1 = b.cell(CellKind::Dff, "d1", {b.input("a"), s[0]})[0];
  const WireId back = b.wire("back");
  const WireId m = b.cell(CellKind::Merger, "m", {d1, back})[0];
  const WireId j = b.cell(CellKind::Jtl, "j", {m})[0];
  auto f = b.cell(CellKind::Splitter, "f", {j});
  b.n.cells.back().out[0] = back; // f.l feeds the merger back
  b.output(b.cell(CellKind::Dff, "d2", {f[1], s[1]})[0]);
  const ClockTiming t = analyzeClock(b.n, defaultCellLibrary());
  EXPECT_TRUE(t.clocked);
  EXPECT_NE(t.unavailable.find("is on a cycle of unclocked cells"),
            std::string::npos)
      << t.unavailable;
  EXPECT_TRUE(std::isnan(t.minPeriodPs));
}

TEST(SfqTiming, ClockNetFedBackIntoItselfTerminates) {
  // clk -> merger m.a; m -> splitter s1; s1.l -> d.clk, s1.r -> m.b: the
  // clock walk visited m forever (stack overflow). Arrival at d: 8.2 + 4.3.
  NetBuilder b;
  const WireId back = b.wire("back");
  const WireId m = b.cell(CellKind::Merger, "m", {b.clock(50, 0), back})[0];
  auto s1 = b.cell(CellKind::Splitter, "s1", {m});
  b.n.cells.back().out[1] = back; // s1.r feeds the merger back
  b.output(b.cell(CellKind::Dff, "d", {b.input("a"), s1[0]})[0]);
  const ClockTiming t = analyzeClock(b.n, defaultCellLibrary());
  EXPECT_NEAR(t.clockInsertionPs, 12.5, 1e-9);
}

} // namespace
