//===- ExpandConnector.h - A connector as explicit synapses ----*- C++ -*-===//
//
// What snn-expand-connectors does to each connector, for callers that
// expand one (nmc run --save-weights writes a plastic connector's learned
// synapses back as an nmc.SparseAffine).
//===----------------------------------------------------------------------===//
#ifndef NMC_TRANSFORMS_EXPANDCONNECTOR_H
#define NMC_TRANSFORMS_EXPANDCONNECTOR_H

#include "nmc/Dialect/SNN/SNNOps.h"

#include "llvm/ADT/StringSet.h"

namespace nmc {

/// Replaces `conn` by an snn.sparse_affine of the same name holding its
/// synapses (nmc::model::expandConnector's CSR order; `stdp` and
/// nir.metadata kept), behind a Delay node (snn.delay, or
/// snn.discrete_delay once the graph has a dt) when its constant delay is
/// not 0. `taken` holds the graph's node names; the Delay node gets a new
/// one, added to it. Fails (diagnostic naming the node) on delays that
/// differ per synapse or an invalid rule.
mlir::FailureOr<snn::SparseAffineOp>
expandConnectorOp(snn::ConnectorOp conn, llvm::StringSet<> &taken);

} // namespace nmc

#endif // NMC_TRANSFORMS_EXPANDCONNECTOR_H
