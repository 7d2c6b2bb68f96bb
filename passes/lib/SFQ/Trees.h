//===- Trees.h - Balanced splitter and merger trees -------------*- C++ -*-===//
//
// Shared by sfq-insert-splitters, sfq-insert-mergers and sfq-clock-tree:
// n loads of one wire need n - 1 splitters, n drivers of one port n - 1
// mergers (../shared/reference/sfq.md §0, §3); a balanced tree keeps every
// path at depth ceil(log2 n) or one less.
//===----------------------------------------------------------------------===//
#ifndef NMC_PASSES_SFQ_TREES_H
#define NMC_PASSES_SFQ_TREES_H

#include "mlir/IR/Builders.h"
#include "llvm/ADT/SmallVector.h"

namespace nmc::sfq {

/// Builds splitters fed by `root` serving n >= 1 loads and returns the n
/// leaf wires (for n = 1: root). The left subtree serves the first
/// ceil(n/2) leaves.
llvm::SmallVector<mlir::Value> buildSplitterTree(mlir::OpBuilder &b,
                                                 mlir::Location loc,
                                                 mlir::Value root, size_t n);

/// Builds mergers joining `wires` (at least one) and returns the root
/// wire; the first ceil(n/2) wires go to the root's `a` side.
mlir::Value buildMergerTree(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::ValueRange wires);

/// The uses of `wire` in op order (then operand order): use lists are in
/// reverse creation order, which a printed-and-reparsed file changes.
llvm::SmallVector<mlir::OpOperand *> usesInOrder(mlir::Value wire);

} // namespace nmc::sfq

#endif // NMC_PASSES_SFQ_TREES_H
