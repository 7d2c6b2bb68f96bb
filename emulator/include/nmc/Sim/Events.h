//===- Events.h - Spike events and input sources, for every engine -*- C++ -*-//
//
// The vocabulary every engine (reference, fixed-point, and the hardware
// targets) uses for what goes into a run: events and streamed input
// sources. Owned by no engine (namespace nmc::sim).
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_EVENTS_H
#define NMC_SIM_EVENTS_H

#include <cstdint>
#include <span>
#include <vector>

namespace nmc::sim {

/// One input or output event: element `neuron` (flat index into the node's
/// shape) carries `value` during step `step`.
struct Event {
  int64_t step = 0;
  int64_t neuron = 0;
  double value = 1.0;
};

/// Per-sample event lists: events[sample] (any order within a sample).
using EventBatch = std::vector<std::vector<Event>>;

/// Generates the values of an Input node step by step, so that long dense
/// drives (e.g. Poisson input to every neuron) need no event list in memory.
/// The engine calls begin(sample) before step 0 of each sample, then
/// fill(step, values) for step = 0, 1, ... in order.
class InputSource {
public:
  virtual ~InputSource() = default;
  /// Starts sample `sample`; a deterministic source restarts its stream here.
  virtual void begin(int64_t sample) = 0;
  /// Adds the values of `step` to `values` (node size, zeroed by the caller).
  virtual void fill(int64_t step, std::span<double> values) = 0;
  /// True if every value is 0 or 1 (then the node's output counts as spikes).
  virtual bool binary() const { return false; }
};

} // namespace nmc::sim

#endif // NMC_SIM_EVENTS_H
