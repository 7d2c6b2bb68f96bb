//===- SFQNetlistBuilderTest.cpp - sfq.circuit -> Netlist ----------------===//
//
// Hand-written circuits in the textual format, lowered by buildSFQNetlist;
// every expected name, port and wire is spelled out from the circuit text.
//===----------------------------------------------------------------------===//
#include "nmc/Backends/SFQNetlistBuilder.h"
#include "nmc/Pipelines/SFQPipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace mlir;
using nmc::sfq::CellKind;
using nmc::sfq::Netlist;
using nmc::sfq::WireId;

namespace {

class SFQNetlistTest : public ::testing::Test {
protected:
  SFQNetlistTest() {
    ctx.getOrLoadDialect<nmc::sfq::SFQDialect>();
    ctx.getDiagEngine().registerHandler([this](Diagnostic &diag) {
      errors += diag.str() + "\n";
      return success();
    });
  }

  /// Parses `text` (one circuit) and lowers it.
  FailureOr<Netlist> lower(const std::string &text) {
    module = parseSourceString<ModuleOp>(text, &ctx);
    if (!module)
      return failure();
    return nmc::buildSFQNetlist(*module->getOps<nmc::sfq::CircuitOp>().begin());
  }

  /// The wire called `name`, or -1.
  static WireId wire(const Netlist &n, const std::string &name) {
    for (size_t i = 0; i < n.wires.size(); ++i)
      if (n.wires[i].name == name)
        return WireId(i);
    return -1;
  }

  MLIRContext ctx;
  OwningOpRef<ModuleOp> module;
  std::string errors;
};

TEST_F(SFQNetlistTest, JtlSplitterMerger) {
  auto n = lower(R"(
    sfq.circuit @c {
      %a = sfq.input "a"
      %j = sfq.jtl "j0" %a
      %l, %r = sfq.splitter %j
      %m = sfq.merger "m0" %l, %r
      sfq.output "q" %m
    })");
  ASSERT_TRUE(succeeded(n)) << errors;
  // Wires in op order: a, j0.q, splitter0.l, splitter0.r, m0.q.
  ASSERT_EQ(n->wires.size(), 5u);
  EXPECT_EQ(n->wires[0].name, "a");
  EXPECT_EQ(n->wires[1].name, "j0.q");
  EXPECT_EQ(n->wires[2].name, "splitter0.l");
  EXPECT_EQ(n->wires[3].name, "splitter0.r");
  EXPECT_EQ(n->wires[4].name, "m0.q");
  ASSERT_EQ(n->cells.size(), 3u);
  EXPECT_EQ(n->cells[0].kind, CellKind::Jtl);
  EXPECT_EQ(n->cells[0].name, "j0");
  EXPECT_EQ(n->cells[0].in, (std::vector<WireId>{0}));
  EXPECT_EQ(n->cells[0].out, (std::vector<WireId>{1}));
  EXPECT_EQ(n->cells[1].kind, CellKind::Splitter);
  EXPECT_EQ(n->cells[1].name, "splitter0");
  EXPECT_EQ(n->cells[1].in, (std::vector<WireId>{1}));
  EXPECT_EQ(n->cells[1].out, (std::vector<WireId>{2, 3}));
  EXPECT_EQ(n->cells[2].kind, CellKind::Merger);
  EXPECT_EQ(n->cells[2].in, (std::vector<WireId>{2, 3}));
  EXPECT_EQ(n->cells[2].out, (std::vector<WireId>{4}));
  EXPECT_TRUE(std::isnan(n->cells[2].biasMA));
  ASSERT_EQ(n->inputs.size(), 1u);
  EXPECT_EQ(n->inputs[0].name, "a");
  EXPECT_EQ(n->inputs[0].wire, 0);
  ASSERT_EQ(n->outputs.size(), 1u);
  EXPECT_EQ(n->outputs[0].name, "q");
  EXPECT_EQ(n->outputs[0].wire, 4);
  EXPECT_FALSE(n->clock.has_value());
}

TEST_F(SFQNetlistTest, ClockNeuronSynapseZero) {
  // A wire used before its definition (graph region) and unnamed cells of
  // one kind numbered in op order.
  auto n = lower(R"(
    sfq.circuit @c {
      %clk = sfq.clock "clk" period 20.0 ps phase 5.0 ps
      %a = sfq.input "a"
      %c0, %c1 = sfq.splitter %clk
      %d0 = sfq.dff %s clk %c0
      %d1 = sfq.dff "late" %d0 clk %c1
      %s = sfq.synapse "syn" %a bias 0.125 mA
      %z = sfq.zero
      %q = sfq.neuron exc(%d1) inh(%z) bias 0.25 mA
      sfq.output "spikes" %q
    })");
  ASSERT_TRUE(succeeded(n)) << errors;
  ASSERT_TRUE(n->clock.has_value());
  EXPECT_EQ(*n->clock, wire(*n, "clk"));
  EXPECT_EQ(n->clockPeriodPs, 20.0);
  EXPECT_EQ(n->clockPhasePs, 5.0);
  // Inputs in op order: the clock, a, the zero (an input nobody drives).
  ASSERT_EQ(n->inputs.size(), 3u);
  EXPECT_EQ(n->inputs[0].name, "clk");
  EXPECT_EQ(n->inputs[1].name, "a");
  EXPECT_EQ(n->inputs[2].name, "zero0");
  EXPECT_EQ(n->inputs[2].wire, wire(*n, "zero0"));

  ASSERT_EQ(n->cells.size(), 5u);
  const auto &d0 = n->cells[1];
  EXPECT_EQ(d0.kind, CellKind::Dff);
  EXPECT_EQ(d0.name, "dff0");
  // Ports a, clk: the synapse's output, the splitter's left leg.
  EXPECT_EQ(d0.in,
            (std::vector<WireId>{wire(*n, "syn.q"), wire(*n, "splitter0.l")}));
  const auto &d1 = n->cells[2];
  EXPECT_EQ(d1.name, "late");
  EXPECT_EQ(d1.in,
            (std::vector<WireId>{wire(*n, "dff0.q"), wire(*n, "splitter0.r")}));
  const auto &syn = n->cells[3];
  EXPECT_EQ(syn.kind, CellKind::Synapse);
  EXPECT_EQ(syn.biasMA, 0.125);
  EXPECT_EQ(syn.in, (std::vector<WireId>{wire(*n, "a")}));
  const auto &neuron = n->cells[4];
  EXPECT_EQ(neuron.kind, CellKind::Neuron);
  EXPECT_EQ(neuron.name, "neuron0");
  EXPECT_EQ(neuron.biasMA, 0.25);
  // Ports exc, inh.
  EXPECT_EQ(neuron.in,
            (std::vector<WireId>{wire(*n, "late.q"), wire(*n, "zero0")}));
  ASSERT_EQ(n->outputs.size(), 1u);
  EXPECT_EQ(n->outputs[0].wire, wire(*n, "neuron0.q"));
  // Every cell has the port counts of its kind.
  for (const auto &cell : n->cells) {
    EXPECT_EQ(int(cell.in.size()), nmc::sfq::ports(cell.kind).numIn);
    EXPECT_EQ(int(cell.out.size()), nmc::sfq::ports(cell.kind).numOut);
  }
}

TEST_F(SFQNetlistTest, EveryCellKindHasItsPorts) {
  auto n = lower(R"(
    sfq.circuit @all {
      %clk = sfq.clock "clk" period 50.0 ps
      %c0, %c1 = sfq.splitter %clk
      %c2, %c3 = sfq.splitter %c0
      %c4, %c5 = sfq.splitter %c1
      %c6, %c7 = sfq.splitter %c5
      %i = sfq.input "i"
      %i0, %i1 = sfq.splitter %i
      %i2, %i3 = sfq.splitter %i0
      %i4, %i5 = sfq.splitter %i1
      %i6, %i7 = sfq.splitter %i5
      %j = sfq.jtl %i2
      %m = sfq.merger %i3, %i4
      %d = sfq.dff %j clk %c2
      %g = sfq.and %d, %m clk %c3
      %o = sfq.or %g, %i6 clk %c4
      %x = sfq.xor %o, %i7 clk %c6
      %n = sfq.not %x clk %c7
      %t = sfq.tff %n
      %s = sfq.synapse %t bias 0.1 mA
      %z = sfq.zero
      %q = sfq.neuron exc(%s) inh(%z) bias 0.1 mA
      sfq.output "q" %q
    })");
  ASSERT_TRUE(succeeded(n)) << errors;
  bool seen[nmc::sfq::kCellKinds] = {};
  for (const auto &cell : n->cells) {
    seen[int(cell.kind)] = true;
    const auto &ports = nmc::sfq::ports(cell.kind);
    EXPECT_EQ(int(cell.in.size()), ports.numIn) << cell.name;
    EXPECT_EQ(int(cell.out.size()), ports.numOut) << cell.name;
    // The generated name starts with the kind's name (the op mnemonic).
    EXPECT_EQ(cell.name.rfind(std::string(ports.name), 0), 0u) << cell.name;
    // A clocked cell's last port is fed by the clock tree.
    if (ports.clocked) {
      EXPECT_EQ(n->wires[cell.in.back()].name.rfind("splitter", 0), 0u)
          << cell.name;
    }
  }
  for (int k = 0; k < nmc::sfq::kCellKinds; ++k)
    EXPECT_TRUE(seen[k]) << nmc::sfq::kCellPorts[k].name;
}

TEST_F(SFQNetlistTest, LegalizedFullAdderLowers) {
  // The draft adder of examples/sfq/full_adder.mlir after sfq-legalize:
  // 5 gates + 4 DFFs + 12 splitters (counted in the example's lit test).
  module = parseSourceString<ModuleOp>(R"(
    sfq.circuit @full_adder draft {
      %clk = sfq.clock "clk" period 50.0 ps
      %a = sfq.input "a"
      %b = sfq.input "b"
      %cin = sfq.input "cin"
      %x = sfq.xor "half_sum" %a, %b clk %clk
      %sum = sfq.xor "sum_gate" %x, %cin clk %clk
      %g = sfq.and "generate" %a, %b clk %clk
      %p = sfq.and "propagate" %x, %cin clk %clk
      %cout = sfq.or "carry_gate" %g, %p clk %clk
      sfq.output "sum" %sum
      sfq.output "cout" %cout
    })",
                                       &ctx);
  ASSERT_TRUE(module) << errors;
  PassManager pm(&ctx);
  nmc::populateSFQLegalizePipeline(pm, {});
  ASSERT_TRUE(succeeded(pm.run(*module))) << errors;
  auto n = nmc::buildSFQNetlist(*module->getOps<nmc::sfq::CircuitOp>().begin());
  ASSERT_TRUE(succeeded(n)) << errors;
  int count[nmc::sfq::kCellKinds] = {};
  for (const auto &cell : n->cells)
    ++count[int(cell.kind)];
  EXPECT_EQ(count[int(CellKind::Xor)], 2);
  EXPECT_EQ(count[int(CellKind::And)], 2);
  EXPECT_EQ(count[int(CellKind::Or)], 1);
  EXPECT_EQ(count[int(CellKind::Dff)], 4);
  EXPECT_EQ(count[int(CellKind::Splitter)], 12);
  // Every wire: exactly one driver (an input or a cell output) and one load
  // (a cell input or an output).
  std::vector<int> drivers(n->wires.size()), loads(n->wires.size());
  for (const auto &port : n->inputs)
    ++drivers[port.wire];
  for (const auto &port : n->outputs)
    ++loads[port.wire];
  for (const auto &cell : n->cells) {
    for (WireId w : cell.in)
      ++loads[w];
    for (WireId w : cell.out)
      ++drivers[w];
  }
  for (size_t w = 0; w < n->wires.size(); ++w) {
    EXPECT_EQ(drivers[w], 1) << n->wires[w].name;
    EXPECT_EQ(loads[w], 1) << n->wires[w].name;
  }
}

TEST_F(SFQNetlistTest, RejectsDraft) {
  auto n = lower(R"(
    sfq.circuit @d draft {
      %a = sfq.input "a"
      %j0 = sfq.jtl %a
      %j1 = sfq.jtl %a
      sfq.output "q0" %j0
      sfq.output "q1" %j1
    })");
  EXPECT_TRUE(failed(n));
  EXPECT_NE(errors.find("circuit @d is a draft; run sfq-legalize first"),
            std::string::npos)
      << errors;
}

TEST_F(SFQNetlistTest, RejectsGeneratedNameClash) {
  // The second jtl is unnamed, index 1 of its kind: "jtl1", which the
  // first one is called explicitly.
  auto n = lower(R"(
    sfq.circuit @c {
      %a = sfq.input "a"
      %j0 = sfq.jtl "jtl1" %a
      %j1 = sfq.jtl %j0
      sfq.output "q" %j1
    })");
  EXPECT_TRUE(failed(n));
  EXPECT_NE(errors.find("two cells are called 'jtl1'"), std::string::npos)
      << errors;
}

} // namespace
