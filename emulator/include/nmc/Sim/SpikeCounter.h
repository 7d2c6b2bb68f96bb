//===- SpikeCounter.h - Per-node spike counts of a run ----------*- C++ -*-===//
//
// The summary's counters, as a sink: what any engine's run summary reports
// per node (spikes and mean rate) comes from here, not from the engine.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_SPIKECOUNTER_H
#define NMC_SIM_SPIKECOUNTER_H

#include "nmc/Sim/Sink.h"

namespace nmc::sim {

class SpikeCounter : public Sink {
public:
  void begin(const RunInfo &run) override {
    info = run;
    counts.assign(run.nodes.size(), 0);
  }
  void spikes(size_t node, std::span<const Event> events) override {
    counts[node] += static_cast<int64_t>(events.size());
  }

  const RunInfo &run() const { return info; }
  /// Spikes of node k over all steps and samples.
  int64_t count(size_t k) const { return counts[k]; }
  /// Mean spikes per neuron per time unit (Hz when dt is in seconds).
  double rate(size_t k) const {
    const double time = double(info.steps) * info.dt * double(info.batch);
    return info.nodes[k].size && time > 0
               ? double(counts[k]) / double(info.nodes[k].size) / time
               : 0.0;
  }

private:
  RunInfo info;
  std::vector<int64_t> counts;
};

} // namespace nmc::sim

#endif // NMC_SIM_SPIKECOUNTER_H
