//===- NIRDataIO.cpp - NIRData files <-> events and traces ---------------===//
#include "nmc/Sim/NIRDataIO.h"

#include "nmc/NIR/NIRData.h"
#include "nmc/Sim/Memory.h"
#include "nmc/Sim/OutputFile.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace nmc::sim {

EventBatch observableEvents(const nir::Observable &o, double dt,
                            const std::string &where) {
  EventBatch batch;
  if (o.kind == nir::Observable::Kind::TimeGridded) {
    batch.resize(std::max<int64_t>(1, o.nSamples));
    size_t k = 0;
    for (int64_t s = 0; s < o.nSamples; ++s)
      for (int64_t t = 0; t < o.nSteps; ++t)
        for (int64_t n = 0; n < o.nNeurons; ++n, ++k)
          if (o.data[k] != 0)
            batch[s].push_back({t, n, o.data[k]});
    return batch;
  }
  const bool valued = o.kind == nir::Observable::Kind::ValuedEvent;
  batch.resize(std::max<size_t>(1, o.idx.size()));
  for (size_t s = 0; s < o.idx.size(); ++s)
    for (size_t e = 0; e < o.idx[s].size(); ++e) {
      const double t = o.time[s][e], x = t / dt, step = std::round(x);
      if (!(std::fabs(x - step) <= 1e-6) || step < 0 || step > 9e18)
        throw std::runtime_error(fmt::format(
            "{}: spike time {} is not a non-negative multiple of dt = {}",
            where, t, dt));
      batch[s].push_back(
          {static_cast<int64_t>(step), o.idx[s][e],
           valued && e < o.value[s].size() ? o.value[s][e] : 1.0});
    }
  return batch;
}

EventBatch readNIRDataEvents(const std::string &file, const std::string &node,
                             double dt) {
  nir::GraphData data;
  std::string error;
  if (!nir::readNIRData(file, data, error))
    throw std::runtime_error(error);
  auto it = data.nodes.find(node);
  if (it == data.nodes.end() && data.nodes.size() == 1)
    it = data.nodes.begin();
  if (it == data.nodes.end() || it->second.empty())
    throw std::runtime_error(file + ": no observables for input node '" + node +
                             "'");
  const auto &observables = it->second;
  auto obs = observables.find("spikes");
  if (obs == observables.end())
    obs = observables.begin();
  const nir::Observable &o = obs->second;
  if (o.kind == nir::Observable::Kind::TimeGridded) {
    // One grid row per step: only a grid of the run's dt means that.
    if (o.dt > 0 && std::abs(o.dt - dt) > 1e-9 * dt)
      throw std::runtime_error(fmt::format(
          "{}: node '{}': TimeGriddedData has dt {} but the run's dt is {}; "
          "run with --dt {} or resample the data",
          file, it->first, o.dt, dt, o.dt));
    for (double v : o.data)
      if (!std::isfinite(v))
        throw std::runtime_error(fmt::format(
            "{}: node '{}': TimeGriddedData holds a non-finite value ({})",
            file, it->first, v));
  }
  return observableEvents(
      o, dt, fmt::format("{}: node '{}': {}", file, it->first, obs->first));
}

NIRDataSink::NIRDataSink(std::string path) : path(std::move(path)) {}
NIRDataSink::~NIRDataSink() = default;

void NIRDataSink::begin(const RunInfo &run) {
  info = run;
  data = std::make_unique<nir::GraphData>();
  checkWritable(path); // fail now, not after the run
  // Traces are kept whole until the file is written at the end.
  double bytes = 0;
  std::string names;
  for (const NodeInfo &n : info.nodes)
    if (!n.traces.empty()) {
      for (size_t v = 0; v < n.traces.size(); ++v)
        bytes += double(info.batch) * double(info.steps) *
                 double(n.traceWidth(v)) * sizeof(double);
      names += (names.empty() ? "'" : ", '") + n.name + "'";
    }
  checkFitsInMemory(bytes,
                    path + ": traces of " + names + " for " +
                        std::to_string(info.steps) + " steps x " +
                        std::to_string(info.batch) + " samples",
                    "record fewer nodes or steps, or write them with "
                    "--output-csv, which streams");
  for (const NodeInfo &n : info.nodes) {
    if (n.spiking) {
      nir::Observable &o = data->nodes[n.name]["spikes"];
      o.kind = n.unitSpikes ? nir::Observable::Kind::Event
                            : nir::Observable::Kind::ValuedEvent;
      o.nNeurons = n.size;
      o.tMax = static_cast<double>(info.steps) * info.dt;
      o.nSamples = info.batch;
      o.idx.resize(info.batch);
      o.time.resize(info.batch);
      if (!n.unitSpikes)
        o.value.resize(info.batch);
    }
    for (size_t v = 0; v < n.traces.size(); ++v) {
      nir::Observable &o = data->nodes[n.name][n.traces[v]];
      o.kind = nir::Observable::Kind::TimeGridded;
      o.dt = info.dt;
      o.nSamples = info.batch;
      o.nSteps = info.steps;
      // --record-neurons: those, in order; "w": one column per synapse.
      o.nNeurons = n.traceWidth(v);
      o.data.assign(info.batch * info.steps * n.traceWidth(v), 0.0);
    }
  }
}

void NIRDataSink::spikes(size_t node, std::span<const Event> events) {
  nir::Observable &o = data->nodes[info.nodes[node].name]["spikes"];
  for (const Event &e : events) {
    o.idx[current].push_back(e.neuron);
    o.time[current].push_back(static_cast<double>(e.step) * info.dt);
    if (!o.value.empty())
      o.value[current].push_back(e.value);
  }
}

void NIRDataSink::trace(size_t node, size_t var, int64_t step,
                        std::span<const double> row) {
  const NodeInfo &n = info.nodes[node];
  nir::Observable &o = data->nodes[n.name][n.traces[var]];
  std::copy(row.begin(), row.end(),
            o.data.begin() + (current * info.steps + step) * n.traceWidth(var));
}

void NIRDataSink::finish() {
  if (!data)
    return;
  std::string error;
  if (!nir::writeNIRData(path, *data, error))
    throw std::runtime_error(error);
}

} // namespace nmc::sim
