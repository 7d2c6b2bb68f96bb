//===- ReferenceImage.h - snn graph -> reference image ----------*- C++ -*-===//
#ifndef NMC_BACKENDS_REFERENCEIMAGE_H
#define NMC_BACKENDS_REFERENCEIMAGE_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Emulator/Image.h"

#include "mlir/IR/BuiltinOps.h"

#include <memory>

namespace nmc {

/// Translates a discretized, inlined graph into the engine's image: nodes in
/// execution order (reverse post-order of a walk from the inputs), edges that
/// close a cycle marked `delayed` (they read the previous step). Arrays keep
/// the attributes' element types. With a `contextOwner` that keeps the
/// graph's MLIRContext alive, they view the attributes' storage instead of
/// copying it (how big networks avoid a second copy of their synapses).
mlir::LogicalResult
buildReferenceImage(snn::GraphOp graph, image::Image &image,
                    std::shared_ptr<const void> contextOwner = nullptr);

} // namespace nmc

#endif // NMC_BACKENDS_REFERENCEIMAGE_H
