//===- ResultCollector.h - Keep a run's outputs in its RunResult -*- C++ -*-===//
//
// The sink behind RunConfig::collect: spikes and traces land in the
// NodeResults, as tests and small runs want them. Traces are allocated up
// front (batch x steps x size per variable), so the engine first checks that
// they fit in memory.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_RESULTCOLLECTOR_H
#define NMC_ENGINE_RESULTCOLLECTOR_H

#include "nmc/Emulator/Engine.h"

#include <algorithm>

namespace nmc::engine::detail {

class ResultCollector : public sim::Sink {
public:
  explicit ResultCollector(RunResult &result) : result(result) {}

  void begin(const sim::RunInfo &info) override {
    steps = info.steps;
    for (size_t k = 0; k < info.nodes.size(); ++k) {
      const sim::NodeInfo &n = info.nodes[k];
      NodeResult &r = result.nodes[k];
      if (n.spiking)
        r.spikes.resize(info.batch);
      for (size_t v = 0; v < n.traces.size(); ++v)
        r.traces[n.traces[v]].assign(info.batch * info.steps * n.traceWidth(v),
                                     0.0);
      traceArrays.emplace_back();
      for (const std::string &var : n.traces)
        traceArrays.back().push_back(r.traces[var].data());
    }
  }
  void beginSample(int64_t s) override { sample = s; }
  void spikes(size_t node, std::span<const Event> events) override {
    std::vector<Event> &out = result.nodes[node].spikes[sample];
    out.insert(out.end(), events.begin(), events.end());
  }
  void trace(size_t node, size_t var, int64_t step,
             std::span<const double> row) override {
    const int64_t offset = (sample * steps + step) * int64_t(row.size());
    std::copy(row.begin(), row.end(), traceArrays[node][var] + offset);
  }

private:
  RunResult &result;
  int64_t steps = 0, sample = 0;
  std::vector<std::vector<double *>> traceArrays;
};

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_RESULTCOLLECTOR_H
