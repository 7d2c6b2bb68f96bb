//===- SFQPipeline.cpp - sfq-legalize ------------------------------------===//
//
// Order matters: splitters first (the later passes then see one load per
// data wire), mergers, then DFFs for path balancing, and the clock tree
// last, once every clocked cell (the new DFFs too) is known.
//===----------------------------------------------------------------------===//
#include "nmc/Pipelines/SFQPipeline.h"
#include "nmc/SFQ/Passes.h"

#include "mlir/Pass/PassOptions.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

namespace nmc {

namespace {

struct SFQLegalizePipelineOptions
    : PassPipelineOptions<SFQLegalizePipelineOptions> {
  Option<double> periodPs{
      *this, "period-ps",
      llvm::cl::desc("period (ps) of a clock sfq-clock-tree creates"),
      llvm::cl::init(SFQLegalizeOptions().clockPeriodPs)};
  Option<bool> balanceOutputs{
      *this, "balance-outputs",
      llvm::cl::desc("align every primary output on the deepest one"),
      llvm::cl::init(SFQLegalizeOptions().balanceOutputs)};
};

} // namespace

void populateSFQLegalizePipeline(OpPassManager &pm,
                                 const SFQLegalizeOptions &options) {
  OpPassManager &circuitPm = pm.nest<sfq::CircuitOp>();
  circuitPm.addPass(createSFQInsertSplitters());
  circuitPm.addPass(createSFQInsertMergers());
  SFQBalancePathsOptions balance;
  balance.balanceOutputs = options.balanceOutputs;
  circuitPm.addPass(createSFQBalancePaths(balance));
  SFQClockTreeOptions clock;
  clock.periodPs = options.clockPeriodPs;
  circuitPm.addPass(createSFQClockTree(clock));
}

void registerSFQPipelines() {
  PassPipelineRegistration<SFQLegalizePipelineOptions>(
      "sfq-legalize",
      "Legalize sfq circuits: splitters, mergers, path balancing, clock tree",
      [](OpPassManager &pm, const SFQLegalizePipelineOptions &cl) {
        SFQLegalizeOptions options;
        options.clockPeriodPs = cl.periodPs;
        options.balanceOutputs = cl.balanceOutputs;
        populateSFQLegalizePipeline(pm, options);
      });
}

} // namespace nmc
