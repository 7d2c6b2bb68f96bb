//===- XbarImageBuilder.h - Mapped xbar graph -> xbar payload ---*- C++ -*-===//
#ifndef NMC_BACKENDS_XBARIMAGEBUILDER_H
#define NMC_BACKENDS_XBARIMAGEBUILDER_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include "mlir/Support/LogicalResult.h"

namespace nmc {

/// Translates a graph that went through populateXbarPipeline(hw) into the
/// crossbar payload (XbarImage.h): `network` holds the reference-image
/// nodes, with the weight nodes' arrays holding the realized weights
/// level * scale in their original layout and geometry, and number format
/// hw.numberFormat; `layers`, `tiles` (ordered by id), `periphery` and
/// `routes` come from the xbar ops, in execution order. Fails with an error
/// naming the layer when a layer is not mapped or placed, or was mapped
/// for a different top level than `hw`'s.
mlir::LogicalResult buildXbarImage(snn::GraphOp graph, const xbar::Hardware &hw,
                                   xbar::XbarPayload &out);

} // namespace nmc

#endif // NMC_BACKENDS_XBARIMAGEBUILDER_H
