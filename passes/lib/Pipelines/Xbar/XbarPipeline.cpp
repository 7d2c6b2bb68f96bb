//===- XbarPipeline.cpp - The crossbar target's passes -------------------===//
#include "nmc/Pipelines/XbarPipeline.h"
#include "nmc/Transforms/Passes.h"
#include "nmc/Xbar/XbarPasses.h"

using namespace mlir;

namespace nmc {

void populateXbarPipeline(OpPassManager &pm, const xbar::Hardware &hw) {
  OpPassManager &graphPm = pm.nest<snn::GraphOp>();
  // Crossbars store explicit weights: connectors become sparse_affine
  // (constant delays only), before quantization rounds their weights.
  graphPm.addPass(createSNNExpandConnectors());
  SNNQuantizeOptions quantize;
  quantize.format = hw.numberFormat;
  graphPm.addPass(createSNNQuantize(quantize));
  graphPm.addPass(createConvertSNNToXbar());

  XbarTileOptions tile;
  tile.tileRows = hw.tile.rows;
  tile.tileCols = hw.tile.cols;
  tile.sign = hw.mapping.sign;
  tile.slices = hw.mapping.slices;
  graphPm.addPass(createXbarTile(tile));

  XbarMapConductanceOptions map;
  map.levels = hw.device.levels;
  map.slices = hw.mapping.slices;
  map.sign = hw.mapping.sign;
  map.clipPercentile = hw.mapping.clipPercentile;
  map.numberFormat = hw.numberFormat;
  map.adcRange = hw.adc.range;
  map.adcFullScale = hw.adc.fullScale;
  graphPm.addPass(createXbarMapConductance(map));

  XbarPlaceOptions place;
  place.meshWidth = hw.mesh.width;
  place.meshHeight = hw.mesh.height;
  graphPm.addPass(createXbarPlace(place));
  graphPm.addPass(createXbarRoute());
}

} // namespace nmc
