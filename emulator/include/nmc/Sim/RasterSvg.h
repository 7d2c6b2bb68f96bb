//===- RasterSvg.h - Spike raster plot as SVG -------------------*- C++ -*-===//
//
// One panel per node, stacked, each titled with the node name, size and
// spike count; x = time (steps, plus seconds when the run has a dt), y =
// neuron index, one dash per spike. Only one sample is plotted. Memory is
// bounded: whenever more than maxDots spikes are kept, only every 2nd (4th,
// ...) neuron is kept (said in the title), so huge runs show complete rows
// of a subset of neurons.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_RASTERSVG_H
#define NMC_SIM_RASTERSVG_H

#include "nmc/Sim/Sink.h"

#include <string>
#include <vector>

namespace nmc::sim {

struct RasterOptions {
  /// Nodes to plot, top to bottom; empty = every spiking node that spiked.
  std::vector<std::string> nodes;
  int64_t sample = 0;
  int64_t maxDots = 200000;
  std::string title; ///< empty = the run's title
  double width = 1000; ///< pixels
};

class RasterSvgSink : public Sink {
public:
  RasterSvgSink(std::string path, RasterOptions options);

  /// Checks the options against the run; throws naming the node at fault.
  void begin(const RunInfo &info) override;
  void beginSample(int64_t sample) override {
    active = sample == options.sample;
  }
  void spikes(size_t node, std::span<const Event> events) override;
  /// Writes the file; throws naming it on failure.
  void finish() override;

private:
  void thin();

  std::string path;
  RasterOptions options;
  RunInfo info;
  std::vector<bool> plotted;
  std::vector<int64_t> counts; ///< spikes per node in the sample
  std::vector<std::vector<Event>> kept;
  int64_t every = 1, keptTotal = 0;
  bool active = false;
};

} // namespace nmc::sim

#endif // NMC_SIM_RASTERSVG_H
