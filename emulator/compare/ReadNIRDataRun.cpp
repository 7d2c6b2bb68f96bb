//===- ReadNIRDataRun.cpp - A NIRData file as a run record ------*- C++ -*-===//
//
// Observable "spikes" (EventData, ValuedEventData or a 0/1 TimeGriddedData)
// gives the spikes; every other TimeGriddedData is a trace. Event times are
// turned into steps with the run's dt (values of valued events are ignored).
//===----------------------------------------------------------------------===//
#include "RunReaders.h"

#include "nmc/NIR/NIRData.h"
#include "nmc/Sim/NIRDataIO.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace nmc::sim::detail {

namespace {

using nir::Observable;

/// The dt of the first time-gridded observable, if any.
std::optional<double> gridDt(const nir::GraphData &data) {
  for (const auto &[node, observables] : data.nodes)
    for (const auto &[name, o] : observables)
      if (o.kind == Observable::Kind::TimeGridded && o.dt > 0)
        return o.dt;
  return std::nullopt;
}

/// The observable's events as spikes of `node`.
void addSpikes(const Observable &o, double dt, const std::string &where,
               NodeRecord &node) {
  node.samples = o.nSamples;
  node.neurons = o.nNeurons;
  EventBatch batch = observableEvents(o, dt, where);
  for (size_t s = 0; s < batch.size(); ++s)
    for (const Event &e : batch[s])
      node.spikes.push_back({static_cast<int64_t>(s), e.step, e.neuron});
}

} // namespace

RunRecord readNIRDataRun(const std::string &path, std::optional<double> dt) {
  nir::GraphData data;
  std::string error;
  if (!nir::readNIRData(path, data, error))
    throw std::runtime_error(error);
  if (!dt)
    dt = gridDt(data);
  RunRecord run{path, {}};
  for (auto &[name, observables] : data.nodes) {
    NodeRecord &node = run.nodes[name];
    for (auto &[obs, o] : observables) {
      std::string where = fmt::format("{}: node '{}': {}", path, name, obs);
      bool grid = o.kind == Observable::Kind::TimeGridded;
      if (obs == "spikes" && !grid) {
        if (!dt)
          throw std::runtime_error(
              where + ": spike times need the run's time step to become "
                      "steps, and no time-gridded observable gives it: pass "
                      "--dt");
        try {
          addSpikes(o, *dt, where, node);
        } catch (const std::runtime_error &e) {
          throw std::runtime_error(std::string(e.what()) +
                                   " (pass the run's time step as --dt)");
        }
      } else if (obs == "spikes") {
        addSpikes(o, 0, where, node);
      } else if (grid) {
        node.traces[obs] = {o.nSamples, o.nSteps, o.nNeurons,
                            std::move(o.data)};
        continue;
      } else {
        continue; // other event observables are not compared
      }
      node.hasSpikes = true;
    }
  }
  return run;
}

} // namespace nmc::sim::detail
