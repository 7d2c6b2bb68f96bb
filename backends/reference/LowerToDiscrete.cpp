//===- LowerToDiscrete.cpp - The snn pipeline before any target
//------------===//
#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"

using namespace mlir;

namespace nmc {

LogicalResult lowerToDiscrete(ModuleOp module,
                              const DiscretizeOptions &options) {
  PassManager pm(module.getContext());
  OpPassManager &graphPm = pm.nest<snn::GraphOp>();
  graphPm.addPass(createSNNInlineSubgraphs());
  graphPm.addPass(createSNNInferShapes());
  SNNDiscretizeOptions discretize;
  discretize.dt = options.dt;
  discretize.method = options.method;
  discretize.reset = options.reset;
  graphPm.addPass(createSNNDiscretize(discretize));
  return pm.run(module);
}

} // namespace nmc
