//===- RunOutputs.cpp - Files written by `nmc run`
//-------------------------===//
#include "RunOutputs.h"

#include "nmc/Emulator/RasterSvg.h"
#include "nmc/Emulator/SpikeCsv.h"
#include "nmc/Emulator/Vcd.h"
#include "nmc/NIR/NIRData.h"

#include <fmt/core.h>

#include <stdexcept>

namespace nmc::driver {

namespace {

/// Spikes as NIRData EventData (time = step * dt), traces as
/// TimeGriddedData, keyed by node name (docs/user-guide.md).
void writeNIRData(const std::string &path, const engine::RunResult &r) {
  nir::GraphData data;
  for (const engine::NodeResult &n : r.nodes) {
    if (n.spiking && !n.spikes.empty()) {
      nir::Observable o;
      o.kind = nir::Observable::Kind::Event;
      o.nNeurons = n.size;
      o.tMax = static_cast<double>(r.steps) * r.dt;
      o.nSamples = static_cast<int64_t>(n.spikes.size());
      for (const auto &sample : n.spikes) {
        o.idx.emplace_back();
        o.time.emplace_back();
        for (const engine::Event &e : sample) {
          o.idx.back().push_back(e.neuron);
          o.time.back().push_back(static_cast<double>(e.step) * r.dt);
        }
      }
      data.nodes[n.name]["spikes"] = std::move(o);
    }
    for (const auto &[var, values] : n.traces) {
      nir::Observable o;
      o.kind = nir::Observable::Kind::TimeGridded;
      o.dt = r.dt;
      o.nSamples = r.batch;
      o.nSteps = r.steps;
      o.nNeurons = n.size;
      o.data = values;
      data.nodes[n.name][var] = std::move(o);
    }
  }
  std::string error;
  if (!nir::writeNIRData(path, data, error))
    throw std::runtime_error(error);
}

} // namespace

void writeOutputs(const engine::RunResult &r, const OutputRequest &req,
                  const std::string &title) {
  if (!req.h5.empty()) {
    writeNIRData(req.h5, r);
    fmt::print("wrote {}\n", req.h5);
  }
  if (!req.csvPrefix.empty()) {
    for (const engine::NodeResult &n : r.nodes) {
      if (n.spiking) {
        std::string path = req.csvPrefix + "_" + n.name + "_spikes.csv";
        engine::writeSpikeCsv(path, n);
      }
      for (const auto &trace : n.traces)
        engine::writeTraceCsv(req.csvPrefix + "_" + n.name + "_" + trace.first +
                                  ".csv",
                              r, n.name, trace.first);
    }
    fmt::print("wrote {}_<node>_spikes.csv / _<node>_<var>.csv\n",
               req.csvPrefix);
  }
  if (!req.vcd.empty()) {
    engine::VcdOptions options;
    std::vector<std::string> nodes = req.traced;
    if (nodes.empty())
      for (const engine::NodeResult &n : r.nodes)
        if (n.spiking && n.kind != "input")
          nodes.push_back(n.name);
    for (const std::string &name : nodes) {
      const engine::NodeResult *n = r.find(name);
      engine::VcdProbe probe{name, {}};
      for (int64_t i = 0; n && i < std::min(req.vcdNeurons, n->size); ++i)
        probe.neurons.push_back(i);
      options.probes.push_back(std::move(probe));
    }
    engine::writeVcd(req.vcd, r, options);
    fmt::print("wrote {}\n", req.vcd);
  }
  if (!req.plot.empty()) {
    engine::RasterOptions options;
    options.title = title;
    for (const engine::NodeResult &n : r.nodes)
      if (n.spiking)
        options.nodes.push_back(n.name);
    engine::writeRasterSvg(req.plot, r, options);
    fmt::print("wrote {}\n", req.plot);
  }
}

} // namespace nmc::driver
