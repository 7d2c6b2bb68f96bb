//===- SfqViolationTest.cpp - Setup, hold, busy violations; strict mode ---===//
//
// PyLSE's errors (../shared/reference/sfq.md §2.3) as counted violations:
// setup = an input seen less than the setup time before clk (DFF 2.3 ps);
// hold = an input inside the window after clk (AND 3.0 ps); busy = an input
// inside a non-clock transition's window (splitter 4.3 ps).
//===----------------------------------------------------------------------===//
#include "SfqNets.h"

using namespace nmc::sfq;
using namespace nmc::sfq::test;

namespace {

NetBuilder dffNet() {
  NetBuilder b;
  WireId clk = b.clock(20, 10); // 10, 30, 50
  b.output(b.cell(CellKind::Dff, "d", {b.input("a"), clk})[0]);
  return b;
}

TEST(SfqViolations, SetupViolationNamesCellKindTimeAndPulses) {
  NetBuilder b = dffNet();
  RunOptions o;
  o.endPs = 40;
  const RunResult r = runNet(b.n, {{28}}, o);
  // a at 28, clk at 30: 30 - 28 = 2 < 2.3 setup. The read still happens
  // (the outcome after a violation is the optimistic one): 30 + 5.1.
  expectTimes(out(r), {35.1});
  ASSERT_EQ(r.violations.size(), 1u);
  const Violation &v = r.violations[0];
  EXPECT_EQ(v.kind, ViolationKind::Setup);
  EXPECT_EQ(b.n.cells[v.cell].name, "d");
  EXPECT_DOUBLE_EQ(v.timePs, 30);  // the clk pulse
  EXPECT_EQ(v.port, 1);            // clk
  EXPECT_DOUBLE_EQ(v.otherPs, 28); // the data pulse
  EXPECT_EQ(v.otherPort, 0);       // a
  EXPECT_DOUBLE_EQ(v.limitPs, 2.3);
  EXPECT_EQ(r.counters.violations[int(ViolationKind::Setup)], 1u);
  EXPECT_EQ(describe(b.n, v), "setup violation at cell 'd' (dff) at 30 ps: "
                              "a at 28 ps, clk at 30 ps (setup time 2.3 ps)");
}

TEST(SfqViolations, DataAndClockTogetherIsASetupViolation) {
  RunOptions o;
  o.endPs = 40;
  const RunResult r = runNet(dffNet().n, {{30}}, o);
  // a is listed before clk: taken first, so clk sees it 0 < 2.3 ps ago
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].kind, ViolationKind::Setup);
  expectTimes(out(r), {35.1});
}

TEST(SfqViolations, SetupMetIsNoViolation) {
  RunOptions o;
  o.endPs = 40;
  const RunResult r = runNet(dffNet().n, {{27.7}}, o);
  // 30 - 27.7 = 2.3: exactly the setup time is allowed
  EXPECT_EQ(r.counters.totalViolations, 0u);
  expectTimes(out(r), {35.1});
}

TEST(SfqViolations, HoldViolationDropsThePulse) {
  NetBuilder b;
  WireId clk = b.clock(30, 30); // 30, 60
  WireId a = b.input("a"), c = b.input("b");
  b.output(b.cell(CellKind::And, "g", {a, c, clk})[0]);
  RunOptions o;
  o.endPs = 70;
  // b at 20 is read (and cleared) by clk at 30 without a: no output; a at
  // 31 is inside clk's hold window [30, 33): dropped, so the cycle ending
  // at 60 holds nothing either and AND never fires.
  const RunResult r = runNet(b.n, {{31}, {20}}, o);
  EXPECT_TRUE(out(r).empty());
  ASSERT_EQ(r.violations.size(), 1u);
  const Violation &v = r.violations[0];
  EXPECT_EQ(v.kind, ViolationKind::Hold);
  EXPECT_EQ(b.n.cells[v.cell].name, "g");
  EXPECT_DOUBLE_EQ(v.timePs, 31);
  EXPECT_EQ(v.port, 0);      // a
  EXPECT_EQ(v.otherPort, 2); // clk
  EXPECT_DOUBLE_EQ(v.otherPs, 30);
  EXPECT_DOUBLE_EQ(v.limitPs, 3);
}

TEST(SfqViolations, BusyViolationInASplitter) {
  NetBuilder b;
  auto s = b.cell(CellKind::Splitter, "s", {b.input("in")});
  b.output(s[0]);
  b.output(s[1]);
  const RunResult r = runNet(b.n, {{0, 2, 10}});
  // 2 is inside [0, 4.3): dropped; 10 is not: outputs 4.3 and 14.3
  expectTimes(out(r, 0), {4.3, 14.3});
  expectTimes(out(r, 1), {4.3, 14.3});
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].kind, ViolationKind::Busy);
  EXPECT_DOUBLE_EQ(r.violations[0].timePs, 2);
  EXPECT_EQ(describe(b.n, r.violations[0]),
            "busy violation at cell 's' (splitter) at 2 ps: a at 2 ps inside "
            "the 4.3 ps window opened by a at 0 ps (pulse dropped)");
}

TEST(SfqViolations, StrictModeStopsAtTheFirst) {
  NetBuilder b;
  WireId a = b.input("a"), c = b.input("b");
  b.output(b.cell(CellKind::Merger, "m", {a, c})[0]);
  // Collisions at 0, 100 and 200 (b 1 ps after a, inside 8.2 ps).
  const std::vector<std::vector<double>> in = {{0, 100, 200}, {1, 101, 201}};
  const RunResult all = runNet(b.n, in);
  EXPECT_EQ(all.counters.totalViolations, 3u);
  EXPECT_EQ(all.counters.mergerLost, 3u);
  expectTimes(out(all), {8.2, 108.2, 208.2});
  EXPECT_FALSE(all.stoppedAtViolation);

  RunOptions strict;
  strict.strict = true;
  const RunResult first = runNet(b.n, in, strict);
  EXPECT_TRUE(first.stoppedAtViolation);
  ASSERT_EQ(first.violations.size(), 1u);
  EXPECT_EQ(first.counters.totalViolations, 1u);
  EXPECT_DOUBLE_EQ(first.violations[0].timePs, 1);
  EXPECT_DOUBLE_EQ(first.counters.endPs, 1); // nothing after the violation
  EXPECT_TRUE(out(first).empty());           // 8.2 was never reached
}

TEST(SfqViolations, ReportsNameTheNetlistCellWhateverTheInternalOrder) {
  // The merger is cell 0 of the netlist but last in breadth-first order
  // (the emulator's internal numbering): the report must still say 0.
  NetBuilder b;
  WireId x = b.wire("x"), y = b.wire("y");
  b.output(b.cell(CellKind::Merger, "m", {x, y})[0]);
  b.n.cells.push_back({CellKind::Jtl, "ja", {b.input("a")}, {x}});
  b.n.cells.push_back({CellKind::Jtl, "jb", {b.input("b")}, {y}});
  const RunResult r = runNet(b.n, {{0}, {1}});
  // a reaches m at 5.7, b at 6.7: inside [5.7, 13.9): lost
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].cell, 0);
  EXPECT_DOUBLE_EQ(r.violations[0].timePs, 6.7);
  expectTimes(out(r), {13.9}); // 5.7 + 8.2
}

TEST(SfqViolations, RecordsAreCappedButAllAreCounted) {
  NetBuilder b;
  WireId a = b.input("a"), c = b.input("b");
  b.output(b.cell(CellKind::Merger, "m", {a, c})[0]);
  std::vector<double> ta, tb;
  for (int i = 0; i < 10; ++i) {
    ta.push_back(100.0 * i);
    tb.push_back(100.0 * i);
  }
  RunOptions o;
  o.maxViolationRecords = 4;
  const RunResult r = runNet(b.n, {ta, tb}, o);
  EXPECT_EQ(r.counters.totalViolations, 10u);
  EXPECT_EQ(r.violations.size(), 4u);
}

} // namespace
