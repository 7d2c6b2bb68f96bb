//===- SfqFullAdderExportTest.cpp - examples/sfq/full_adder.mlir in Verilog
//===//
//
// The hand-written full adder, legalized (nmc-opt --sfq-legalize), lowered,
// exported and simulated with Icarus Verilog: every output pulse equals the
// pulse emulator's, and the pulse counts are the full adder's truth table.
//===----------------------------------------------------------------------===//
#include "IverilogRun.h"

#include "nmc/Backends/SFQNetlistBuilder.h"
#include "nmc/Pipelines/SFQPipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

namespace nmc::sfq::test {
namespace {

TEST(SfqFullAdderExport, VerilogAgreesWithTheEmulator) {
  if (!haveIverilog())
    GTEST_SKIP() << "iverilog/vvp not installed (tools/install-deps.sh)";
  mlir::MLIRContext ctx;
  ctx.getOrLoadDialect<SFQDialect>();
  auto module = mlir::parseSourceFile<mlir::ModuleOp>(
      NMC_SOURCE_DIR "/examples/sfq/full_adder.mlir", &ctx);
  ASSERT_TRUE(module);
  mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
  populateSFQLegalizePipeline(pm, {});
  ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
  auto netlist = buildSFQNetlist(*module->getOps<CircuitOp>().begin());
  ASSERT_TRUE(mlir::succeeded(netlist));
  const Netlist &n = *netlist;

  // Cycle k = 0..7 (clock period 50 ps) presents a = bit 0, b = bit 1,
  // cin = bit 2 of k, mid-cycle at 50 k + 25 ps.
  std::vector<WirePulses> in = {{*findWire(n, "a"), {}},
                                {*findWire(n, "b"), {}},
                                {*findWire(n, "cin"), {}}};
  for (int k = 0; k < 8; ++k)
    for (int bit = 0; bit < 3; ++bit)
      if (k >> bit & 1)
        in[bit].timesPs.push_back(50.0 * k + 25);
  const RunResult emu = PulseEmulator(n, defaultCellLibrary()).run(in, {});
  EXPECT_EQ(emu.counters.totalViolations, 0u);
  const IverilogResult v =
      runIverilog(n, defaultCellLibrary(), in, "full_adder");
  expectSamePulses(n, emu, v);
  EXPECT_EQ(v.violations, 0) << v.log;
  // sum = 1 for k with an odd number of ones (1, 2, 4, 7), cout for k with
  // two or more (3, 5, 6, 7): 4 pulses each.
  const WireId sum = n.outputs[0].wire, cout = n.outputs[1].wire;
  ASSERT_EQ(n.outputs[0].name, "sum");
  ASSERT_TRUE(v.ok);
  EXPECT_EQ(v.pulses.at(n.wires[sum].name).size(), 4u);
  EXPECT_EQ(v.pulses.at(n.wires[cout].name).size(), 4u);
}

} // namespace
} // namespace nmc::sfq::test
