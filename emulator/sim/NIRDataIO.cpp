//===- NIRDataIO.cpp - NIRData files <-> events and traces ---------------===//
#include "nmc/Sim/NIRDataIO.h"

#include "nmc/NIR/NIRData.h"
#include "nmc/Sim/Memory.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace nmc::sim {

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
  EventBatch batch;
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
    batch.resize(std::max<int64_t>(1, o.nSamples));
    for (int64_t s = 0; s < o.nSamples; ++s)
      for (int64_t t = 0; t < o.nSteps; ++t)
        for (int64_t n = 0; n < o.nNeurons; ++n)
          if (double v = o.data[(s * o.nSteps + t) * o.nNeurons + n]; v != 0)
            batch[s].push_back({t, n, v});
    return batch;
  }
  batch.resize(std::max<size_t>(1, o.idx.size()));
  for (size_t s = 0; s < o.idx.size(); ++s)
    for (size_t e = 0; e < o.idx[s].size(); ++e) {
      double value =
          o.kind == nir::Observable::Kind::ValuedEvent && e < o.value[s].size()
              ? o.value[s][e]
              : 1.0;
      batch[s].push_back({static_cast<int64_t>(std::llround(o.time[s][e] / dt)),
                          o.idx[s][e], value});
    }
  return batch;
}

NIRDataSink::NIRDataSink(std::string path) : path(std::move(path)) {}
NIRDataSink::~NIRDataSink() = default;

void NIRDataSink::begin(const RunInfo &run) {
  info = run;
  data = std::make_unique<nir::GraphData>();
  // Fail on an unwritable path now, not after the run.
  if (std::FILE *f = std::fopen(path.c_str(), "ab"))
    std::fclose(f);
  else
    throw std::runtime_error(path + ": cannot write");
  // Traces are kept whole until the file is written at the end.
  double bytes = 0;
  std::string names;
  for (const NodeInfo &n : info.nodes)
    if (!n.traces.empty()) {
      bytes += double(info.batch) * double(info.steps) * double(n.size) *
               double(n.traces.size()) * sizeof(double);
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
    for (const std::string &var : n.traces) {
      nir::Observable &o = data->nodes[n.name][var];
      o.kind = nir::Observable::Kind::TimeGridded;
      o.dt = info.dt;
      o.nSamples = info.batch;
      o.nSteps = info.steps;
      o.nNeurons = n.size;
      o.data.assign(info.batch * info.steps * n.size, 0.0);
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
            o.data.begin() + (current * info.steps + step) * n.size);
}

void NIRDataSink::finish() {
  if (!data)
    return;
  std::string error;
  if (!nir::writeNIRData(path, *data, error))
    throw std::runtime_error(error);
}

} // namespace nmc::sim
