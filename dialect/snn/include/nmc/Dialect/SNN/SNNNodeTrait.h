//===- SNNNodeTrait.h - Trait shared by every NIR node op ------*- C++ -*-===//
#ifndef NMC_DIALECT_SNN_SNNNODETRAIT_H
#define NMC_DIALECT_SNN_SNNNODETRAIT_H

#include "mlir/IR/OpDefinition.h"

namespace nmc::snn::OpTrait {

/// Checks the rules every node shares: a non-empty name, a parent graph, and
/// summed inputs of one shape.
mlir::LogicalResult verifySNNNode(mlir::Operation *op);

template <typename ConcreteType>
class SNNNode : public mlir::OpTrait::TraitBase<ConcreteType, SNNNode> {
public:
  static mlir::LogicalResult verifyTrait(mlir::Operation *op) {
    return verifySNNNode(op);
  }
};

} // namespace nmc::snn::OpTrait

#endif // NMC_DIALECT_SNN_SNNNODETRAIT_H
