//===- RasterSvg.h - Spike raster plot as SVG -------------------*- C++ -*-===//
//
// One panel per node, stacked, each titled with the node name, size and
// spike count; x = time (steps, plus seconds when the run has a dt), y =
// neuron index, one dash per spike. Huge runs are thinned to about maxDots
// dashes by showing every k-th neuron (said in the title).
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_RASTERSVG_H
#define NMC_EMULATOR_RASTERSVG_H

#include "nmc/Emulator/Engine.h"

#include <string>
#include <vector>

namespace nmc::engine {

struct RasterOptions {
  /// Nodes to plot, top to bottom; empty = every spiking node.
  std::vector<std::string> nodes;
  int64_t sample = 0;
  int64_t maxDots = 200000;
  std::string title = "nmc spike raster";
  double width = 1000; ///< pixels
};

/// Writes `path`; throws naming the node or file at fault.
void writeRasterSvg(const std::string &path, const RunResult &run,
                    const RasterOptions &options);

} // namespace nmc::engine

#endif // NMC_EMULATOR_RASTERSVG_H
