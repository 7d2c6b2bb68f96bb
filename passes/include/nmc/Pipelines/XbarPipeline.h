//===- XbarPipeline.h - The crossbar target's passes ------------*- C++ -*-===//
//
// What `nmc compile --target xbar` runs after the common lowering
// (populateSNNLoweringPipeline), with every option taken from one hardware
// description, so the compiled image and the emulator agree on it.
//===----------------------------------------------------------------------===//
#ifndef NMC_PIPELINES_XBARPIPELINE_H
#define NMC_PIPELINES_XBARPIPELINE_H

#include "nmc/Target/Xbar/Hardware.h"

#include "mlir/Pass/PassManager.h"

namespace nmc {

/// Adds, nested on every snn.graph: snn-quantize(hw.numberFormat) ->
/// convert-snn-to-xbar -> xbar-tile -> xbar-map-conductance -> xbar-place
/// -> xbar-route.
void populateXbarPipeline(mlir::OpPassManager &pm, const xbar::Hardware &hw);

} // namespace nmc

#endif // NMC_PIPELINES_XBARPIPELINE_H
