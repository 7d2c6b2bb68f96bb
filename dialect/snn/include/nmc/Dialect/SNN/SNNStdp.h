//===- SNNStdp.h - Plastic weight nodes in snn graphs ----------*- C++ -*-===//
//
// A plastic edge (issue 14; nmc/Model/Plasticity.h) is an snn.affine,
// snn.linear, snn.sparse_affine or snn.connector carrying `stdp`
// (#snn.stdp<...>) whose output feeds exactly one spiking neuron node of the
// same size, and nothing else. Verifiers, passes, backends and the driver
// ask these helpers rather than testing op kinds themselves.
//===----------------------------------------------------------------------===//
#ifndef NMC_DIALECT_SNN_SNNSTDP_H
#define NMC_DIALECT_SNN_SNNSTDP_H

#include "nmc/Dialect/SNN/SNNOps.h"

#include <string>

namespace nmc::snn {

/// The `stdp` attribute of a weight node; null if `op` is not plastic.
StdpAttr getStdp(mlir::Operation *op);

/// "" if the rule's parameters are valid (finite; taus > 0; amplitudes
/// >= 0; w_min <= w_max), else the reason.
std::string checkStdpParams(const model::StdpParams &p);

/// The post neuron node of a plastic node `op`: the one user of its output,
/// a spiking neuron (snn.if/lif/cubalif, or a spiking
/// snn.discrete_neuron) of the same size. Null with `why` set otherwise.
mlir::Operation *getPlasticPost(mlir::Operation *op, std::string &why);

/// Verifies the `stdp` attribute of a weight node and where its output goes
/// (a node inside an snn.subgraph may feed the subgraph's output node:
/// checked again once snn-inline-subgraphs has flattened it). Errors name
/// the node.
mlir::LogicalResult verifyPlasticNode(mlir::Operation *op);

/// Fails with "node 'X': <target> has no synaptic plasticity yet" naming
/// the first plastic node under `root`, for targets that cannot learn.
mlir::LogicalResult refusePlasticNodes(mlir::Operation *root,
                                       llvm::StringRef target);

} // namespace nmc::snn

#endif // NMC_DIALECT_SNN_SNNSTDP_H
