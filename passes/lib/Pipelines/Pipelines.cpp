//===- Pipelines.cpp - Target-independent snn pipelines ------------------===//
#include "nmc/Pipelines/Pipelines.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/Pass/PassOptions.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace nmc {

namespace {

/// Command-line form of SNNLoweringOptions (same names and defaults as the
/// options of snn-discretize).
struct SNNLowerPipelineOptions : PassPipelineOptions<SNNLowerPipelineOptions> {
  Option<double> dt{*this, "dt",
                    llvm::cl::desc("time step (same unit as tau/delay)"),
                    llvm::cl::init(SNNLoweringOptions().dt)};
  Option<snn::DiscretizeMethod> method{
      *this, "method", llvm::cl::desc("integration method: euler | exact"),
      llvm::cl::init(SNNLoweringOptions().method), methodOptionValues()};
  Option<snn::ResetMode> reset{
      *this, "reset",
      llvm::cl::desc(
          "reset mode: value (to v_reset) | subtract (v -= v_threshold)"),
      llvm::cl::init(SNNLoweringOptions().reset), resetOptionValues()};
};

} // namespace

void populateSNNLoweringPipeline(OpPassManager &pm,
                                 const SNNLoweringOptions &options) {
  OpPassManager &graphPm = pm.nest<snn::GraphOp>();
  graphPm.addPass(createSNNInlineSubgraphs());
  graphPm.addPass(createSNNInferShapes());
  // Removes identity nodes (Scale by 1, Delay of 0, shape-keeping Flatten);
  // snn ops have no side-effect interface, so no node is ever erased as dead.
  graphPm.addPass(createCanonicalizerPass());
  SNNDiscretizeOptions discretize;
  discretize.dt = options.dt;
  discretize.method = options.method;
  discretize.reset = options.reset;
  graphPm.addPass(createSNNDiscretize(discretize));
}

void registerSNNPipelines() {
  PassPipelineRegistration<SNNLowerPipelineOptions>(
      "snn-lower",
      "Target-independent lowering: inline subgraphs, infer shapes, "
      "canonicalize, discretize",
      [](OpPassManager &pm, const SNNLowerPipelineOptions &cl) {
        SNNLoweringOptions options;
        options.dt = cl.dt;
        options.method = cl.method;
        options.reset = cl.reset;
        populateSNNLoweringPipeline(pm, options);
      });
}

} // namespace nmc
