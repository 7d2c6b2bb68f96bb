//===- RunOutputs.h - Files written by `nmc run`, as sinks ------*- C++ -*-===//
#ifndef NMC_TOOLS_NMC_RUNOUTPUTS_H
#define NMC_TOOLS_NMC_RUNOUTPUTS_H

#include "nmc/Sim/Sink.h"

#include <string>
#include <vector>

namespace nmc::driver {

struct OutputRequest {
  std::string h5, csvPrefix, vcd, plot;
  std::vector<std::string> traced; ///< nodes with recorded traces
  std::vector<int64_t> tracedNeurons; ///< --record-neurons (empty: all)
  int64_t vcdNeurons = 8;
  std::string title; ///< raster title (default: the model)
};

/// Adds one sink per requested file to `sinks` (CSV, NIRData, VCD, SVG
/// raster). Files are created when the run begins, so a bad path fails
/// before the first step.
void addOutputSinks(const OutputRequest &request, sim::SinkList &sinks);

/// The lines `nmc run` prints after writing the files.
std::vector<std::string> outputMessages(const OutputRequest &request);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_RUNOUTPUTS_H
