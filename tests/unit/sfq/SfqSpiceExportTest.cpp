//===- SfqSpiceExportTest.cpp - The JoSIM deck, line by line --------------===//
//
// A 3-cell circuit (jtl -> splitter -> synapse) against a deck written by
// hand from docs/targets/sfq.md ("Export") and the library's defaults
// (docs/targets/sfq.md cell table: jtl 2 JJs 0.35 mA, splitter 3 JJs
// 0.525 mA, synapse 4 JJs 0.30 mA nominal).
//===----------------------------------------------------------------------===//
#include "nmc/Target/SFQ/SpiceExport.h"

#include "SfqNets.h"

#include <sstream>

namespace nmc::sfq::test {
namespace {

std::vector<std::string> lines(const std::string &text) {
  std::vector<std::string> v;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    v.push_back(line);
  return v;
}

struct ThreeCells {
  NetBuilder b;
  WireId in;
  ThreeCells() {
    in = b.input("in.0");
    const WireId j = b.cell(CellKind::Jtl, "j0", {in})[0];
    const auto s = b.cell(CellKind::Splitter, "s0", {j});
    const WireId q = b.cell(CellKind::Synapse, "syn", {s[1]}, 0.25)[0];
    b.n.outputs.push_back({"left", s[0]});
    b.output(q);
  }
};

TEST(SfqSpiceExport, ThreeCellDeck) {
  ThreeCells c;
  SpiceOptions o;
  o.title = "three cells";
  o.endPs = 40;
  std::ostringstream s;
  writeSpice(s, c.b.n, defaultCellLibrary(), {{c.in, {15, 10, 30}}}, o);
  // Pulse peak: area Phi0 over a 5 ps triangle, 2 * 2.067833848e-15 Wb /
  // 5e-12 s = 827.1335 uV. Pulses at 10 and 15 ps touch: the 15p 0 point
  // is written once. .tran stop = end 40 ps + tail 20 ps.
  const std::vector<std::string> want = {
      "* three cells",
      "* JoSIM deck by nmc-sfq-export, cell library 'pylse' "
      "(docs/targets/sfq.md, \"Export\").",
      "* Cells are stubs: paste the JJ-level cell into each .subckt.",
      "* Subcircuit ports: inputs, outputs, bias. Every instance X<cell> has "
      "a current",
      "* source IB<cell> from ground into its bias port, ramped to the cell's "
      "bias over 5 ps.",
      "* Inputs and clock: V sources, one SFQ pulse = a 827.1335 uV triangle "
      "over 5 ps (area Phi0)",
      "* starting at the pulse time.",
      ".subckt JTL a q bias",
      "* Stub (jtl, 2 JJs, bias 0.35 mA): paste the ColdFlux RSFQlib v3.0 "
      "JTL (sfq.md §2.6),",
      "* fed through port bias instead of its own bias sources.",
      ".ends JTL",
      ".subckt SPLIT a l r bias",
      "* Stub (splitter, 3 JJs, bias 0.525 mA): paste the ColdFlux RSFQlib "
      "v3.0 SPLIT (sfq.md §2.6),",
      "* fed through port bias instead of its own bias sources.",
      ".ends SPLIT",
      ".subckt SYNAPSE a q bias",
      "* Stub (synapse, 4 JJs, bias 0.3 mA): paste the seed paper's "
      "stochastic synapse (its circuit is not public here, sfq.md §1.3),",
      "* fed through port bias instead of its own bias sources.",
      ".ends SYNAPSE",
      "* Nodes: netlist wire -> node",
      "*   in.0 -> in_0",
      "*   j0.q -> j0_q",
      "*   s0.l -> s0_l",
      "*   s0.r -> s0_r",
      "*   syn.q -> syn_q",
      "Xj0 JTL in_0 j0_q bias_j0",
      "IBj0 0 bias_j0 pwl(0 0 5p 350u)",
      "Xs0 SPLIT j0_q s0_l s0_r bias_s0",
      "IBs0 0 bias_s0 pwl(0 0 5p 525u)",
      "Xsyn SYNAPSE s0_r syn_q bias_syn",
      "IBsyn 0 bias_syn pwl(0 0 5p 250u)",
      "* syn: synapse bias sets its pass probability",
      "Vin_0 in_0 0 pwl(0 0 10p 0 12.5p 827.1335u 15p 0 17.5p 827.1335u 20p "
      "0 30p 0 32.5p 827.1335u 35p 0)",
      ".tran 0.25p 60p 0 0.25p",
      ".print NODEP s0_l",
      ".print NODEP syn_q",
      ".end",
  };
  const auto got = lines(s.str());
  ASSERT_EQ(got.size(), want.size()) << s.str();
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(got[i], want[i]) << "line " << i + 1;
}

TEST(SfqSpiceExport, ClockAndReservedNames) {
  NetBuilder b;
  const WireId g = b.input("gnd");
  const WireId clk = b.clock(20, -5);
  b.output(b.cell(CellKind::Dff, "d", {g, clk})[0]);
  std::ostringstream s;
  // Clocked, no end given: last input 12 ps + 2 periods of 20 ps = 52 ps;
  // clock pulses at -5 + 20 k >= 0: 15, 35 ps (55 > 52).
  SpiceOptions o;
  o.drainCycles = 2;
  writeSpice(s, b.n, defaultCellLibrary(), {{g, {12}}}, o);
  const std::string deck = s.str();
  EXPECT_NE(deck.find("\nVn_gnd n_gnd 0 pwl(0 0 12p 0 14.5p 827.1335u 17p "
                      "0)\n"),
            std::string::npos)
      << deck;
  EXPECT_NE(deck.find("\nVclk clk 0 pwl(0 0 15p 0 17.5p 827.1335u 20p 0 35p "
                      "0 37.5p 827.1335u 40p 0)\n"),
            std::string::npos)
      << deck;
  EXPECT_NE(deck.find("\n.tran 0.25p 72p 0 0.25p\n"), std::string::npos);
}

TEST(SfqSpiceExport, Errors) {
  ThreeCells c;
  std::ostringstream s;
  expectThrowMessage(
      [&] { writeSpice(s, c.b.n, defaultCellLibrary(), {}, {}); },
      "unclocked netlist: the SPICE deck needs an end time "
      "(SpiceOptions::endPs)");
  SpiceOptions o;
  o.endPs = 100;
  expectThrowMessage(
      [&] {
        writeSpice(s, c.b.n, defaultCellLibrary(), {{c.in, {10, 14.9}}}, o);
      },
      "wire 'in.0': pulses at 10 ps and 14.9 ps are closer than the 5 ps of "
      "an SFQ source pulse");
}

} // namespace
} // namespace nmc::sfq::test
