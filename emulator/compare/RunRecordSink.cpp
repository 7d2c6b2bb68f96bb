//===- RunRecordSink.cpp - Collect a run's spikes for a comparison -------===//
#include "nmc/Sim/Compare.h"

namespace nmc::sim {

void RunRecordSink::begin(const RunInfo &info) {
  record_.nodes.clear();
  nodes = info.nodes;
  for (const NodeInfo &n : nodes)
    if (n.spiking) {
      NodeRecord &r = record_.nodes[n.name];
      r.hasSpikes = true;
      r.samples = info.batch;
      r.neurons = n.size;
    }
  spikeCount = 0;
  overflowed_ = false;
}

void RunRecordSink::spikes(size_t node, std::span<const Event> events) {
  if (overflowed_)
    return;
  spikeCount += int64_t(events.size());
  if (spikeCount > maxSpikes) {
    overflowed_ = true;
    record_.nodes.clear();
    return;
  }
  std::vector<Spike> &out = record_.nodes[nodes[node].name].spikes;
  for (const Event &e : events)
    out.push_back({sample, e.step, e.neuron});
}

} // namespace nmc::sim
