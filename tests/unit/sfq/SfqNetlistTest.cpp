//===- SfqNetlistTest.cpp - checkNetlist's rules, with the wire named -----===//
#include "SfqNets.h"

using namespace nmc::sfq;
using namespace nmc::sfq::test;

namespace {

void expectError(const Netlist &n, const std::string &message) {
  auto err = checkNetlist(n);
  ASSERT_TRUE(err.has_value());
  EXPECT_EQ(*err, message);
}

TEST(SfqNetlist, CellKindsByName) {
  EXPECT_EQ(cellKindNamed("jtl"), CellKind::Jtl);
  EXPECT_EQ(cellKindNamed("neuron"), CellKind::Neuron);
  EXPECT_EQ(cellKindNamed("xor"), CellKind::Xor);
  EXPECT_FALSE(cellKindNamed("JTL").has_value());
  EXPECT_FALSE(cellKindNamed("nand").has_value());
}

TEST(SfqNetlist, AValidNetlistPasses) {
  NetBuilder b;
  b.output(b.jtls(b.input("in"), 2, "j"));
  EXPECT_FALSE(checkNetlist(b.n).has_value());
}

TEST(SfqNetlist, DoubleDrivenWire) {
  NetBuilder b;
  WireId in = b.input("in");
  WireId w = b.cell(CellKind::Jtl, "j0", {in})[0];
  b.output(w);
  b.n.cells.push_back({CellKind::Jtl, "j1", {b.input("in2")}, {w}});
  expectError(b.n, "wire 'j0.q' is driven twice (by cell 'j0' port q and by "
                   "cell 'j1' port q)");
}

/// Input "in" loaded by two JTLs.
Netlist fanOutTwo() {
  NetBuilder b;
  WireId in = b.input("in");
  b.output(b.cell(CellKind::Jtl, "j0", {in})[0]);
  b.output(b.cell(CellKind::Jtl, "j1", {in})[0]);
  return b.n;
}

TEST(SfqNetlist, FanOutTwoAsksForASplitter) {
  expectError(fanOutTwo(),
              "wire 'in' has fan-out 2 (cell 'j0' port a and cell 'j1' "
              "port a): insert a splitter");
}

TEST(SfqNetlist, UndrivenWire) {
  NetBuilder b;
  WireId floating = b.wire("floating");
  b.output(b.cell(CellKind::Jtl, "j0", {floating})[0]);
  expectError(b.n, "wire 'floating' is undriven (no cell output or primary "
                   "input)");
}

TEST(SfqNetlist, WireWithoutLoad) {
  NetBuilder b;
  b.cell(CellKind::Jtl, "j0", {b.input("in")});
  expectError(b.n, "wire 'j0.q' has no load (no cell input or primary "
                   "output)");
}

TEST(SfqNetlist, WrongPortCount) {
  NetBuilder b;
  WireId a = b.input("a"), c = b.input("c");
  WireId q = b.wire("g.q");
  b.n.cells.push_back({CellKind::And, "g", {a, c}, {q}});
  b.output(q);
  expectError(b.n, "cell 'g' (and) has 2 inputs and 1 outputs, expected 3 "
                   "and 1");
}

TEST(SfqNetlist, WireIdOutOfRange) {
  NetBuilder b;
  b.n.cells.push_back({CellKind::Jtl, "j", {7}, {b.wire("j.q")}});
  b.output(0);
  expectError(b.n, "cell 'j' port a names wire id 7, out of range (1 wires)");
}

TEST(SfqNetlist, DuplicateNamesAndClockRules) {
  NetBuilder b;
  b.output(b.jtls(b.input("in"), 1, "j"));
  b.n.cells.push_back(b.n.cells[0]);
  expectError(b.n, "cell name 'j0' is used twice");

  NetBuilder c;
  WireId w = c.jtls(c.input("in"), 1, "j");
  c.output(w);
  c.n.clock = w;
  c.n.clockPeriodPs = 10;
  expectError(c.n, "the clock must be a primary input wire");
  c.n.clock = 0;
  c.n.clockPeriodPs = 0;
  expectError(c.n, "the clock wire 'in' needs a period in (0, 1e9] ps and a "
                   "phase in [-1e9, 1e9] ps");
}

TEST(SfqNetlist, TheEmulatorRejectsABadNetlistAndBadBiases) {
  expectThrowMessage(
      [] { PulseEmulator(fanOutTwo(), defaultCellLibrary()); },
      "sfq netlist: wire 'in' has fan-out 2 (cell 'j0' port a and cell 'j1' "
      "port a): insert a splitter");

  NetBuilder n;
  n.output(
      n.cell(CellKind::Neuron, "nrn", {n.input("e"), n.input("i")}, -1)[0]);
  expectThrowMessage([&] { PulseEmulator(n.n, defaultCellLibrary()); },
                     "cell 'nrn': a neuron's bias current must be > 0 mA");
}

TEST(SfqNetlist, InputPulsesOnlyOnPrimaryInputs) {
  NetBuilder b;
  WireId clk = b.clock(20, 0);
  WireId q = b.cell(CellKind::Dff, "d", {b.input("a"), clk})[0];
  b.output(q);
  PulseEmulator emu(b.n, defaultCellLibrary());
  expectThrowMessage(
      [&] {
        emu.run({{q, {1}}}, {});
      },
      "input pulses for wire 'd.q', which is not a primary "
      "input");
  expectThrowMessage(
      [&] {
        emu.run({{clk, {1}}}, {});
      },
      "wire 'clk' is the clock: the emulator drives it");
}

} // namespace
