//===- SfqLibraryTest.cpp - The cell library: defaults, JSON, settings ----===//
//
// Defaults are checked against the published tables they come from:
// PyLSE timings (../shared/reference/sfq.md §2.2), ColdFlux JJs, sum of Ic
// and bias (§2.6).
//===----------------------------------------------------------------------===//
#include "SfqNets.h"

#include <fstream>

using namespace nmc::sfq;
using namespace nmc::sfq::test;

namespace {

TEST(SfqLibrary, DefaultsArePyLSETimingsAndColdFluxPhysics) {
  const CellLibrary &lib = defaultCellLibrary();
  struct Row {
    CellKind kind;
    double delay, setup, hold, busy;
    int jjs;
    double sumIc, bias;
  };
  // §2.2 (delay, setup, hold/busy) and §2.6 (JJs, sum Ic mA, bias mA)
  const Row rows[] = {
      {CellKind::Jtl, 5.7, 0, 0, 0, 2, 0.50, 0.35},
      {CellKind::Splitter, 4.3, 0, 0, 4.3, 3, 0.75, 0.525},
      {CellKind::Merger, 8.2, 0, 0, 8.2, 7, 1.61, 0.775},
      {CellKind::Dff, 5.1, 2.3, 0, 0, 7, 1.61, 0.775},
      {CellKind::And, 9.2, 2.8, 3.0, 0, 15, 3.32, 1.225},
      {CellKind::Or, 8.0, 5.8, 0, 0, 12, 2.71, 1.20},
      {CellKind::Xor, 6.5, 3.7, 4.1, 0, 11, 2.41, 0.95},
      {CellKind::Not, 9.6, 1.2, 5.0, 0, 8, 1.26, 0.642},
  };
  for (const Row &r : rows) {
    const CellType &c = lib.cell(r.kind);
    SCOPED_TRACE(std::string(ports(r.kind).name));
    EXPECT_DOUBLE_EQ(c.delayPs, r.delay);
    EXPECT_DOUBLE_EQ(c.setupPs, r.setup);
    EXPECT_DOUBLE_EQ(c.holdPs, r.hold);
    EXPECT_DOUBLE_EQ(c.busyPs, r.busy);
    EXPECT_EQ(c.jjs, r.jjs);
    EXPECT_DOUBLE_EQ(c.sumIcMA, r.sumIc);
    EXPECT_DOUBLE_EQ(c.biasMA, r.bias);
  }
  EXPECT_EQ(lib.name, "pylse");
}

TEST(SfqLibrary, JsonRoundTrip) {
  const std::string text = toJson(defaultCellLibrary());
  CellLibrary fresh;
  applyCellLibraryJson(fresh, text, "round trip");
  validate(fresh);
  EXPECT_EQ(toJson(fresh), text);
}

TEST(SfqLibrary, SettingsOverrideNamedParametersEverywhere) {
  CellLibrary lib = defaultCellLibrary();
  applyCellSetting(lib, "and.setup_ps=4");
  applyCellSetting(lib, "synapse.i50_ma=0.31");
  applyCellSetting(lib, "bias_voltage_mv=2.6");
  validate(lib);
  EXPECT_DOUBLE_EQ(lib.cell(CellKind::And).setupPs, 4);
  EXPECT_DOUBLE_EQ(lib.cell(CellKind::Synapse).i50MA, 0.31);
  EXPECT_DOUBLE_EQ(lib.biasVoltageMV, 2.6);

  // The AND's clk transitions refer to setup_ps: b 3.5 ps before clk is now
  // a violation (3.5 < 4), with the default (2.8) it is not.
  NetBuilder b;
  WireId clk = b.clock(30, 30);
  WireId a = b.input("a"), c = b.input("b");
  b.output(b.cell(CellKind::And, "g", {a, c, clk})[0]);
  RunOptions o;
  o.endPs = 40;
  EXPECT_EQ(runNet(b.n, {{10}, {26.5}}, o).counters.totalViolations, 0u);
  EXPECT_EQ(runNet(b.n, {{10}, {26.5}}, o, lib).counters.totalViolations, 1u);
}

TEST(SfqLibrary, ErrorsNameTheKey) {
  CellLibrary lib = defaultCellLibrary();
  expectThrowMessage(
      [&] { applyCellSetting(lib, "jtl.nope=1"); },
      "setting 'jtl.nope=1': jtl.nope: unknown cell key (the keys are "
      "listed in docs/targets/sfq.md)");
  expectThrowMessage(
      [&] { applyCellSetting(lib, "jtl.i50_ma=1"); },
      "setting 'jtl.i50_ma=1': jtl.i50_ma: unknown cell key (the keys "
      "are listed in docs/targets/sfq.md)");
  expectThrowMessage(
      [&] { applyCellSetting(lib, "jtl.delay_ps=fast"); },
      "setting 'jtl.delay_ps=fast': jtl.delay_ps: expected a finite "
      "number, got \"fast\"");
  expectThrowMessage(
      [&] { applyCellSetting(lib, "nand.delay_ps=1"); },
      "setting 'nand.delay_ps=1': nand.delay_ps: unknown cell kind "
      "'nand'");
  expectThrowMessage(
      [&] { applyCellSetting(lib, "delay"); },
      "setting 'delay': expected key=value, e.g. jtl.delay_ps=3.5");

  CellLibrary neg = defaultCellLibrary();
  applyCellSetting(neg, "and.setup_ps=-1");
  expectThrowMessage([&] { validate(neg); },
                     "cell library pylse: and.setup_ps: must be >= 0");

  CellLibrary hole = defaultCellLibrary();
  hole.cell(CellKind::Dff).transitions.pop_back();
  expectThrowMessage(
      [&] { validate(hole); },
      "cell library pylse: dff.transitions: no transition from state "
      "'stored' on input 'clk'");

  CellLibrary bad = defaultCellLibrary();
  applyCellSetting(bad,
                   R"(tff.transitions=[{"from":"s0","input":"a","to":"s9"}])");
  expectThrowMessage(
      [&] { validate(bad); },
      "cell library pylse: tff.transitions[0].to: unknown state 's9'");

  CellLibrary gate = defaultCellLibrary();
  gate.cell(CellKind::Jtl).transitions[0].gate = Gate::Stochastic;
  expectThrowMessage(
      [&] { validate(gate); },
      "cell library pylse: jtl.transitions[0].gate: stochastic is for "
      "the synapse, count_up/count_down for the neuron");

  CellLibrary json = defaultCellLibrary();
  expectThrowMessage(
      [&] {
        applyCellLibraryJson(json,
                             "{\"cells\": {\"jtl\": "
                             "{\"transitions\": [{\"from\": "
                             "\"idle\"}]}}}",
                             "x.json");
      },
      "x.json: jtl.transitions[0]: missing \"input\"");
  expectThrowMessage([&] { applyCellLibraryJson(json, "{", "x.json"); },
                     "x.json: not valid JSON");
}

TEST(SfqLibrary, LoadsAFileOnTopOfTheDefault) {
  const std::string path = ::testing::TempDir() + "sfq_lib_test.json";
  {
    std::ofstream f(path);
    f << "// a comment\n{\"cells\": {\"jtl\": {\"delay_ps\": 3.5}}}\n";
  }
  const CellLibrary lib = loadCellLibrary(path);
  EXPECT_DOUBLE_EQ(lib.cell(CellKind::Jtl).delayPs, 3.5);
  EXPECT_DOUBLE_EQ(lib.cell(CellKind::Merger).delayPs, 8.2); // default kept
  EXPECT_EQ(lib.name, path);
  expectThrowMessage([] { loadCellLibrary("/nonexistent/lib.json"); },
                     "/nonexistent/lib.json: cannot open the cell library");
}

} // namespace
