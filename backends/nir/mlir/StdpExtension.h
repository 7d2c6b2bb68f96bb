//===- StdpExtension.h - nmc STDP fields in NIR metadata -------*- C++ -*-===//
//
// The `stdp` rule of a plastic Affine / Linear / nmc.SparseAffine /
// nmc.Connector node travels in the node's metadata under `nmc/stdp/`
// (docs/nir-support.md, "nmc extension: STDP"), so the reference `nir`
// reader still reads the file and other tools see a static network.
//===----------------------------------------------------------------------===//
#ifndef NMC_BACKENDS_NIR_STDPEXTENSION_H
#define NMC_BACKENDS_NIR_STDPEXTENSION_H

#include "nmc/NIR/Graph.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OperationSupport.h"

namespace nmc {

/// Metadata prefix and field names, in the order of #snn.stdp's parameters.
inline constexpr const char *kStdpPrefix = "nmc/stdp/";
inline constexpr const char *kStdpFields[] = {
    "pairing", "dependence", "tau_plus", "tau_minus",
    "a_plus",  "a_minus",    "w_min",    "w_max"};

/// Moves `nmc/stdp/*` of `node` from its metadata into an `stdp` attribute
/// in `attrs`. Fails with a diagnostic naming the node and key on a node
/// type that cannot learn, a missing or unknown key, a wrong type or shape,
/// or an invalid value.
mlir::LogicalResult importStdpExtension(mlir::Builder &b, mlir::Location loc,
                                        nir::Node &node,
                                        mlir::NamedAttrList &attrs);

/// Writes the `stdp` attribute of `op` (if any) into `node.metadata`.
void exportStdpExtension(mlir::Operation *op, nir::Node &node);

} // namespace nmc

#endif // NMC_BACKENDS_NIR_STDPEXTENSION_H
