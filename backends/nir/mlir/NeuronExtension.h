//===- NeuronExtension.h - nmc neuron fields in NIR metadata ---*- C++ -*-===//
//
// The refractory period and adaptive threshold of IF/LIF/CubaLIF travel in
// a NIR node's `metadata` group under `nmc/` (docs/nir-support.md): the
// reference `nir` reader rejects unknown datasets but keeps any metadata.
//===----------------------------------------------------------------------===//
#ifndef NMC_BACKENDS_NIR_NEURONEXTENSION_H
#define NMC_BACKENDS_NIR_NEURONEXTENSION_H

#include "nmc/NIR/Graph.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OperationSupport.h"

namespace nmc {

/// Op attribute names of the extension fields, and their metadata keys.
inline constexpr const char *kNeuronExtFields[] = {"t_ref", "d_theta",
                                                   "tau_theta"};
inline constexpr const char *kNeuronExtPrefix = "nmc/";

/// Moves the extension fields of `node` (NIR type `type`) from its
/// metadata into `attrs`, broadcast to the neuron `shape`. Fails with a
/// diagnostic at `loc` on a non-numeric field, a shape mismatch, or a
/// field on a type that does not spike.
mlir::LogicalResult importNeuronExtension(mlir::Builder &b, mlir::Location loc,
                                          nir::Node &node,
                                          llvm::ArrayRef<int64_t> shape,
                                          mlir::NamedAttrList &attrs);

/// Moves the extension attributes of `op` from `node.params` (where the
/// generic export put them) into `node.metadata`.
void exportNeuronExtension(nir::Node &node);

} // namespace nmc

#endif // NMC_BACKENDS_NIR_NEURONEXTENSION_H
