//===- SfqIoTest.cpp - Pulse CSV/VCD files and rate coding ----------------===//
#include "SfqNets.h"

#include "nmc/Target/SFQ/PulseIO.h"

#include <sstream>

using namespace nmc::sfq;
using namespace nmc::sfq::test;

namespace {

std::vector<NamedPulse> parse(const std::string &text) {
  std::istringstream in(text);
  return readPulseCsv(in, "p.csv");
}

void expectCsvError(const std::string &text, const std::string &message) {
  expectThrowMessage([&] { parse(text); }, message);
}

TEST(SfqPulseCsv, ReadsPulsesSkippingCommentsAndBlankLines) {
  const auto p = parse("# stimulus\nwire,time_ps\n\nin0, 12.5\nin1,3\n");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].wire, "in0");
  EXPECT_DOUBLE_EQ(p[0].timePs, 12.5);
  EXPECT_EQ(p[0].line, 4);
  EXPECT_EQ(p[1].wire, "in1");
  EXPECT_DOUBLE_EQ(p[1].timePs, 3);
}

TEST(SfqPulseCsv, ErrorsNameFileAndLine) {
  expectCsvError("in0,1\n", "p.csv:1: expected the header wire,time_ps");
  expectCsvError("", "p.csv: empty (expected the header wire,time_ps)");
  expectCsvError("wire,time_ps\nin0,1\nin0\n",
                 "p.csv:3: expected two fields: wire,time_ps");
  expectCsvError("wire,time_ps\nin0,1,2\n",
                 "p.csv:2: expected two fields: wire,time_ps");
  expectCsvError("wire,time_ps\nin0,abc\n",
                 "p.csv:2: time 'abc' is not a number of ps >= 0");
  expectCsvError("wire,time_ps\nin0,5ps\n",
                 "p.csv:2: time '5ps' is not a number of ps >= 0");
  expectCsvError("wire,time_ps\n\nin0,-1\n",
                 "p.csv:3: time '-1' is not a number of ps >= 0");
  expectCsvError("wire,time_ps\n,1\n", "p.csv:2: empty wire name");
}

TEST(SfqPulseCsv, BindingChecksThePrimaryInputs) {
  NetBuilder b;
  WireId clk = b.clock(20, 0);
  WireId a = b.input("a");
  b.output(b.cell(CellKind::Dff, "d", {a, clk})[0]);
  const auto bound =
      bindInputPulses(b.n, parse("wire,time_ps\na,7\na,3\n"), "p.csv");
  ASSERT_EQ(bound.size(), 1u);
  EXPECT_EQ(bound[0].wire, a);
  EXPECT_EQ(bound[0].timesPs, (std::vector<double>{3, 7})); // sorted
  auto expectBindError = [&](const std::string &text, const std::string &msg) {
    expectThrowMessage([&] { bindInputPulses(b.n, parse(text), "p.csv"); },
                       msg);
  };
  expectBindError("wire,time_ps\na,1\nzz,2\n",
                  "p.csv:3: wire 'zz' is not in the netlist");
  expectBindError("wire,time_ps\nd.q,2\n",
                  "p.csv:2: wire 'd.q' is not a primary input");
  expectBindError("wire,time_ps\nclk,2\n",
                  "p.csv:2: wire 'clk' is the clock: the emulator drives it");
}

TEST(SfqPulseCsv, WriterSortsByTimeAndPrintsExactPs) {
  NetBuilder b;
  WireId x = b.input("x"), y = b.input("y");
  b.output(x);
  b.output(y);
  std::ostringstream s;
  writePulseCsv(s, b.n, {{x, {32.8, 5}}, {y, {5, 0.001}}});
  EXPECT_EQ(s.str(), "wire,time_ps\ny,0.001\nx,5\ny,5\nx,32.8\n");
  EXPECT_EQ(formatPs(17100), "17.1");
  EXPECT_EQ(formatPs(5), "0.005");
  EXPECT_EQ(formatPs(-1500), "-1.5");
}

TEST(SfqPulseCsv, ReadWriteRoundTripThroughTheEmulator) {
  NetBuilder b;
  b.output(b.jtls(b.input("in"), 2, "j"));
  auto in =
      bindInputPulses(b.n, parse("wire,time_ps\nin,1\nin,20.05\n"), "p.csv");
  RunOptions o;
  o.recordAll = true;
  const RunResult r = PulseEmulator(b.n, defaultCellLibrary()).run(in, o);
  std::ostringstream s;
  writePulseCsv(s, b.n, r.pulses);
  // in at 1 and 20.05; j0.q at +5.7; j1.q at +11.4
  EXPECT_EQ(s.str(), "wire,time_ps\nin,1\nj0.q,6.7\nj1.q,12.4\nin,20.05\n"
                     "j0.q,25.75\nj1.q,31.45\n");
}

TEST(SfqPulseVcd, APulseTogglesItsWire) {
  NetBuilder b;
  WireId x = b.input("x"), y = b.input("y");
  b.output(x);
  b.output(y);
  std::ostringstream s;
  writePulseVcd(s, b.n, {{x, {1, 2.5}}, {y, {1}}});
  EXPECT_EQ(s.str(),
            "$comment nmc sfq pulse emulator: a pulse toggles its wire $end\n"
            "$timescale 1 fs $end\n$scope module sfq $end\n"
            "$var wire 1 ! x $end\n$var wire 1 \" y $end\n"
            "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n0!\n0\"\n"
            "$end\n#1000\n1!\n1\"\n#2500\n0!\n");
}

TEST(SfqRateCoding, CountsToPulsesAndBack) {
  const std::vector<int64_t> counts = {1, 0, 3};
  const auto t = countsToPulses(counts, 30, 2);
  // window 0: 2; window 2 (starts 62): 62, 62 + 10, 62 + 20
  EXPECT_EQ(t, (std::vector<double>{2, 62, 72, 82}));
  EXPECT_EQ(pulsesPerWindow(t, 30, 2, 3), counts);
  // 1.9 is before window 0, 92 is window 3 (outside 0..2)
  EXPECT_EQ(pulsesPerWindow(std::vector<double>{1.9, 31.9, 32, 92}, 30, 2, 3),
            (std::vector<int64_t>{1, 1, 0}));
}

} // namespace
