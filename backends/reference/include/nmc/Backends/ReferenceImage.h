//===- ReferenceImage.h - snn graph -> reference image ----------*- C++ -*-===//
#ifndef NMC_BACKENDS_REFERENCEIMAGE_H
#define NMC_BACKENDS_REFERENCEIMAGE_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Emulator/Image.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>
#include <optional>

namespace nmc {

/// Fills the record of an op that is not an snn op (a target's own node op,
/// e.g. xbar.layer): nullopt if it does not know the op, else success or
/// failure (after an error naming the node). Shapes and inputs are set.
using NodeFiller = llvm::function_ref<std::optional<mlir::LogicalResult>(
    mlir::Operation *, image::Node &)>;

/// Makes `node` a "conv" record with this geometry (padding resolved);
/// weight and bias are the caller's.
void setConvGeometry(image::Node &node, llvm::ArrayRef<int64_t> kernel,
                     llvm::ArrayRef<int64_t> stride,
                     llvm::ArrayRef<int64_t> dilation,
                     llvm::ArrayRef<int64_t> padLo,
                     llvm::ArrayRef<int64_t> padHi, int64_t groups);

/// Translates a discretized, inlined graph into the engine's image: nodes in
/// execution order (reverse post-order of a walk from the inputs), edges that
/// close a cycle marked `delayed` (they read the previous step). Arrays keep
/// the attributes' element types. With a `contextOwner` that keeps the
/// graph's MLIRContext alive, they view the attributes' storage instead of
/// copying it (how big networks avoid a second copy of their synapses).
/// Ops other than snn ops go to `fillOther`.
mlir::LogicalResult
buildReferenceImage(snn::GraphOp graph, image::Image &image,
                    std::shared_ptr<const void> contextOwner = nullptr,
                    NodeFiller fillOther = {});

} // namespace nmc

#endif // NMC_BACKENDS_REFERENCEIMAGE_H
