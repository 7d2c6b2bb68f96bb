//===- SfqBoundsTest.cpp - Runs that must end, times that must not wrap ---===//
//
// Hostile circuits and libraries (a review found each one hanging or
// overflowing): a loop of cells driven once, a loop of zero-delay cells,
// delays and clock periods beyond the femtosecond range. PyLSE default
// timings (../shared/reference/sfq.md §2.2): merger 8.2, JTL 5.7,
// splitter 4.3 ps.
//===----------------------------------------------------------------------===//
#include "SfqNets.h"

#include "nmc/Target/SFQ/Timing.h"

#include <cmath>

using namespace nmc::sfq;
using namespace nmc::sfq::test;

namespace {

/// a -> merger m.a; m -> jtl j -> splitter s; s.l -> m.b, s.r -> out.
Netlist loop() {
  NetBuilder b;
  const WireId a = b.input("a");
  const WireId m = b.cell(CellKind::Merger, "m", {a, a})[0]; // b: below
  const WireId j = b.cell(CellKind::Jtl, "j", {m})[0];
  auto s = b.cell(CellKind::Splitter, "s", {j});
  b.n.cells[0].in[1] = s[0]; // s.l feeds the merger back
  b.output(s[1]);
  return b.n;
}

TEST(SfqBounds, UnclockedLoopStopsAMicrosecondAfterItsLastInput) {
  const Netlist n = loop();
  ASSERT_FALSE(checkNetlist(n)) << *checkNetlist(n);
  const RunResult r = runNet(n, {{10}});
  // First output 10 + 8.2 + 5.7 + 4.3 = 28.2 ps, then every 8.2 + 5.7 + 4.3
  // = 18.2 ps, up to 10 + 1e6 ps: k <= (1000010 - 28.2) / 18.2 = 54944.06,
  // so 54945 pulses, the last at 28.2 + 18.2 * 54944 = 1000009 ps.
  ASSERT_EQ(out(r).size(), 54945u);
  EXPECT_NEAR(out(r).front(), 28.2, 1e-9);
  EXPECT_NEAR(out(r).back(), 1000009.0, 1e-6);
}

TEST(SfqBounds, ZeroDelayLoopIsAnErrorNotAHang) {
  CellLibrary lib = defaultCellLibrary();
  for (const char *s : {"jtl.delay_ps=0", "merger.delay_ps=0",
                        "merger.busy_ps=0", "splitter.delay_ps=0",
                        "splitter.busy_ps=0"})
    applyCellSetting(lib, s);
  validate(lib);
  RunOptions o;
  o.endPs = 100;
  try {
    runNet(loop(), {{10}}, o, lib);
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find(
                  "time stopped at 10.000000 ps: cell '"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("pulse again and again without "
                                         "delay"),
              std::string::npos)
        << e.what();
  }
}

TEST(SfqBounds, CellTimesBeyondAMicrosecondAreRefused) {
  // 5e15 ps = 5e18 fs: two such delays wrapped int64 (a pulse at
  // -8.4e15 ps).
  for (const char *s : {"jtl.delay_ps=5e15", "jtl.delay_ps=1e300",
                        "merger.busy_ps=2e6"}) {
    CellLibrary lib = defaultCellLibrary();
    applyCellSetting(lib, s);
    try {
      validate(lib);
      ADD_FAILURE() << s << ": expected an error";
    } catch (const std::runtime_error &e) {
      EXPECT_NE(std::string(e.what()).find("1e6 ps"), std::string::npos)
          << e.what();
    }
  }
  CellLibrary ok = defaultCellLibrary();
  applyCellSetting(ok, "jtl.delay_ps=1e6"); // the bound itself is allowed
  validate(ok);
}

TEST(SfqBounds, ClockPeriodAndPhaseAreBounded) {
  NetBuilder b;
  const WireId clk = b.clock(1e16, 0); // 1e16 ps wrapped to 1017 pulses
  b.output(b.cell(CellKind::Dff, "d", {b.input("a"), clk})[0]);
  ASSERT_TRUE(checkNetlist(b.n));
  EXPECT_EQ(*checkNetlist(b.n),
            "the clock wire 'clk' needs a period in (0, 1e9] ps and a phase "
            "in [-1e9, 1e9] ps");
  b.n.clockPeriodPs = 50;
  b.n.clockPhasePs = 1e300;
  EXPECT_TRUE(checkNetlist(b.n));
  b.n.clockPhasePs = 5;
  EXPECT_FALSE(checkNetlist(b.n));
}

TEST(SfqBounds, StateAndIntegerKeysAreRangeChecked) {
  // A cell keeps its state in 8 bits: a 300-state TFF divider wrapped
  // silently (it fired 0 times for 600 pulses).
  CellLibrary lib = defaultCellLibrary();
  CellType &tff = lib.cell(CellKind::Tff);
  for (int k = 0; k < 300; ++k)
    tff.states.push_back("extra" + std::to_string(k));
  expectThrowMessage([&] { validate(lib); },
                     "cell library pylse: tff.states: 302 states; at most 256");
  // get<int>() of 1e10 wrapped to 1410065408 JJs.
  CellLibrary jj = defaultCellLibrary();
  try {
    applyCellSetting(jj, "jtl.jjs=10000000000");
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find("expected a whole number in [0, 1e6]"),
              std::string::npos)
        << e.what();
  }
}

TEST(SfqBounds, OneStageHasNoMaximumClock) {
  // clk -> d (one DFF, no busy window anywhere): the analysis said
  // min_period 0 and max_clock inf.
  NetBuilder b;
  b.output(b.cell(CellKind::Dff, "d", {b.input("a"), b.clock(50, 0)})[0]);
  const ClockTiming t = analyzeClock(b.n, defaultCellLibrary());
  EXPECT_TRUE(std::isnan(t.minPeriodPs));
  EXPECT_EQ(t.unavailable,
            "no stage-to-stage path and no busy window bounds it");
}

} // namespace
