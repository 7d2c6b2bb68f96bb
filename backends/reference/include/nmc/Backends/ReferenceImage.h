//===- ReferenceImage.h - Compile snn graphs for the reference engine -*-C++-*-//
#ifndef NMC_BACKENDS_REFERENCEIMAGE_H
#define NMC_BACKENDS_REFERENCEIMAGE_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Emulator/Image.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace nmc {

/// Options of the compile pipeline that NIR files do not store.
struct DiscretizeOptions {
  double dt = 1e-4;
  std::string method = "euler";
  std::string reset = "value";
};

/// Runs snn-inline-subgraphs, snn-infer-shapes and snn-discretize on every
/// graph of `module`. Diagnostics go to the context's handler.
mlir::LogicalResult lowerToDiscrete(mlir::ModuleOp module,
                                    const DiscretizeOptions &options);

/// Translates a discretized, inlined graph into the engine's image: nodes in
/// execution order (reverse post-order of a walk from the inputs), edges that
/// close a cycle marked `delayed` (they read the previous step).
mlir::LogicalResult buildReferenceImage(snn::GraphOp graph,
                                        image::Image &image);

} // namespace nmc

#endif // NMC_BACKENDS_REFERENCEIMAGE_H
