//===- ReadNIRDataRun.cpp - A NIRData file as a run record ------*- C++ -*-===//
//
// Observable "spikes" (EventData, ValuedEventData or a 0/1 TimeGriddedData)
// gives the spikes; every other TimeGriddedData is a trace. Event times are
// turned into steps with the run's dt (values of valued events are ignored).
//===----------------------------------------------------------------------===//
#include "RunReaders.h"

#include "nmc/NIR/NIRData.h"

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

void readEvents(const Observable &o, double dt, const std::string &where,
                NodeRecord &node) {
  node.samples = o.nSamples;
  node.neurons = o.nNeurons;
  for (size_t s = 0; s < o.time.size(); ++s)
    for (size_t e = 0; e < o.time[s].size(); ++e) {
      double t = o.time[s][e], x = t / dt, step = std::round(x);
      if (!(std::fabs(x - step) <= 1e-6) || step < 0 || step > 9e18)
        throw std::runtime_error(fmt::format(
            "{}: spike time {} is not a non-negative multiple of dt = {} "
            "(pass the run's time step as --dt)",
            where, t, dt));
      node.spikes.push_back(
          {static_cast<int64_t>(s), static_cast<int64_t>(step), o.idx[s][e]});
    }
}

void readGridSpikes(const Observable &o, NodeRecord &node) {
  node.samples = o.nSamples;
  node.neurons = o.nNeurons;
  size_t k = 0;
  for (int64_t s = 0; s < o.nSamples; ++s)
    for (int64_t t = 0; t < o.nSteps; ++t)
      for (int64_t n = 0; n < o.nNeurons; ++n)
        if (o.data[k++] != 0)
          node.spikes.push_back({s, t, n});
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
        readEvents(o, *dt, where, node);
      } else if (obs == "spikes") {
        readGridSpikes(o, node);
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
