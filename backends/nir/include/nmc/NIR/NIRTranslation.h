//===- NIRTranslation.h - NIR graph <-> snn dialect ------------*- C++ -*-===//
#ifndef NMC_NIR_NIRTRANSLATION_H
#define NMC_NIR_NIRTRANSLATION_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/NIR/Graph.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace nmc {

/// Builds an snn module holding one `snn.graph @<symbol>` from `model`.
/// Reports problems (edges naming missing nodes, unsupported shapes) as MLIR
/// diagnostics at `fileName` and returns null. Applies NIR's defaults:
/// missing v_reset = 0, missing w_in = 1. Takes `model` by value and frees
/// its arrays as they become attributes (pass an rvalue to avoid a copy).
mlir::OwningOpRef<mlir::ModuleOp> importNIR(nir::Model model,
                                            llvm::StringRef fileName,
                                            llvm::StringRef symbol,
                                            mlir::MLIRContext *context);

/// Reads a .nir file and imports it (see importNIR). The graph symbol is the
/// file's stem.
mlir::OwningOpRef<mlir::ModuleOp> importNIRFile(llvm::StringRef path,
                                                mlir::MLIRContext *context);

/// Converts a (continuous-time) snn graph back to a NIR model. Fails with a
/// diagnostic on ops NIR cannot express (discretized nodes, a sparse_affine
/// too large to store densely is written as the nmc.SparseAffine extension).
mlir::LogicalResult exportNIR(snn::GraphOp graph, nir::Model &model);

/// Exports the single snn.graph of `module` to a .nir file at `path`.
mlir::LogicalResult exportNIRFile(mlir::ModuleOp module, llvm::StringRef path);

/// Registers --import-nir and --export-nir with mlir-translate's registry.
void registerNIRTranslations();

} // namespace nmc

#endif // NMC_NIR_NIRTRANSLATION_H
