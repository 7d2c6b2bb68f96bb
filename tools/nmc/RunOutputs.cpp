//===- RunOutputs.cpp - Files written by `nmc run`, as sinks -------------===//
#include "RunOutputs.h"

#include "nmc/Sim/CsvSink.h"
#include "nmc/Sim/NIRDataIO.h"
#include "nmc/Sim/RasterSvg.h"
#include "nmc/Sim/TraceSubset.h"
#include "nmc/Sim/Vcd.h"

namespace nmc::driver {

void addOutputSinks(const OutputRequest &req, sim::SinkList &all) {
  // With --record-neurons the file sinks see only the listed elements.
  auto files = std::make_unique<sim::SinkList>();
  sim::SinkList &sinks = req.tracedNeurons.empty() ? all : *files;
  if (!req.h5.empty())
    sinks.add(std::make_unique<sim::NIRDataSink>(req.h5));
  if (!req.csvPrefix.empty())
    sinks.add(std::make_unique<sim::CsvSink>(req.csvPrefix));
  if (!req.vcd.empty()) {
    // Recorded nodes, or (none recorded) every spiking node but inputs.
    sim::VcdOptions options;
    options.neuronsPerNode = req.vcdNeurons;
    for (const std::string &name : req.traced)
      options.probes.push_back({name, {}});
    sinks.add(std::make_unique<sim::VcdSink>(req.vcd, std::move(options)));
  }
  if (!req.plot.empty()) {
    sim::RasterOptions options;
    options.title = req.title;
    sinks.add(std::make_unique<sim::RasterSvgSink>(req.plot, options));
  }
  if (!req.tracedNeurons.empty())
    all.add(std::make_unique<sim::TraceSubsetSink>(std::move(files),
                                                   req.tracedNeurons));
}

std::vector<std::string> outputMessages(const OutputRequest &req) {
  std::vector<std::string> lines;
  if (!req.h5.empty())
    lines.push_back("wrote " + req.h5);
  if (!req.csvPrefix.empty())
    lines.push_back("wrote " + req.csvPrefix + "_<node>_spikes.csv / " +
                    req.csvPrefix + "_<node>_<var>.csv");
  for (const std::string *file : {&req.vcd, &req.plot})
    if (!file->empty())
      lines.push_back("wrote " + *file);
  return lines;
}

} // namespace nmc::driver
