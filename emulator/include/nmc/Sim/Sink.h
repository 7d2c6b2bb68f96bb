//===- Sink.h - Streaming outputs of a run, for every engine ----*- C++ -*-===//
//
// An engine announces what it will produce (RunInfo), then hands spike events
// and trace rows to a Sink as the run produces them, step by step; nothing
// is held until the end unless a sink chooses to. File writers (CSV,
// NIRData, VCD, SVG raster), counters and the in-memory collector used by
// tests are all sinks, so every engine gets every output format for free.
//
// Call order: begin, then per sample: beginSample, per step: spikes/trace
// calls (nodes in execution order; the weight traces "w" of plastic nodes
// after all others, once the step's updates are done), endStep; endSample;
// finally finish.
// finish() flushes and closes files and throws std::runtime_error naming the
// file on failure; destructors never throw (an unfinished sink removes
// nothing and reports nothing).
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_SINK_H
#define NMC_SIM_SINK_H

#include "nmc/Sim/Events.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace nmc::sim {

/// One node of a run, as outputs see it.
struct NodeInfo {
  std::string name, kind;
  std::vector<int64_t> shape; ///< output shape
  int64_t size = 0;           ///< elements of the output
  /// The output is a spike train: its nonzero values arrive as spikes().
  bool spiking = false;
  /// Every spike value is 1 (files then omit the value column).
  bool unitSpikes = true;
  /// Recorded state variables ("out", "v", "i", "w"), in the order of the
  /// `var` index of trace().
  std::vector<std::string> traces;
  /// Per trace, the length of its rows when the variable is not one value
  /// per output element (a plastic node's "w": one per synapse, indexed by
  /// synapse in storage order; traceElements does not apply to it); 0 or
  /// absent: an element variable (traceWidth()).
  std::vector<int64_t> traceSizes;
  /// The elements a trace row holds, in row order (`nmc run
  /// --record-neurons`); empty: all `size` of them.
  std::vector<int64_t> traceElements;
  /// Length of a trace() row.
  int64_t traceWidth() const {
    return traceElements.empty() ? size : int64_t(traceElements.size());
  }
  /// The element at position i of a trace row.
  int64_t traceElement(size_t i) const {
    return traceElements.empty() ? int64_t(i) : traceElements[i];
  }
  /// Trace `var` has rows of its own size (not one value per element).
  bool ownSize(size_t var) const {
    return var < traceSizes.size() && traceSizes[var] > 0;
  }
  /// Length of a trace() row of variable `var`.
  int64_t traceWidth(size_t var) const {
    return ownSize(var) ? traceSizes[var] : traceWidth();
  }
  /// The index (element, or synapse) at position i of a row of `var`.
  int64_t traceElement(size_t var, size_t i) const {
    return ownSize(var) ? int64_t(i) : traceElement(i);
  }
};

/// What a run will produce, known before step 0.
struct RunInfo {
  std::string title;    ///< the model (source file) the run belongs to
  std::string producer; ///< e.g. "nmc reference engine"
  double dt = 0;        ///< time step in the model's time unit
  int64_t steps = 0, batch = 1;
  std::vector<NodeInfo> nodes; ///< indexed by the `node` of the calls

  /// Index of the node called `name`, or -1.
  int64_t find(const std::string &name) const {
    for (size_t k = 0; k < nodes.size(); ++k)
      if (nodes[k].name == name)
        return static_cast<int64_t>(k);
    return -1;
  }
};

class Sink {
public:
  virtual ~Sink() = default;
  virtual void begin(const RunInfo &info) { (void)info; }
  virtual void beginSample(int64_t sample) { (void)sample; }
  /// Nonzero outputs of spiking node `node` at one step, ascending neuron,
  /// never empty.
  virtual void spikes(size_t node, std::span<const Event> events) {
    (void)node, (void)events;
  }
  /// Values of trace `var` (NodeInfo::traces index) of `node` at `step`.
  virtual void trace(size_t node, size_t var, int64_t step,
                     std::span<const double> row) {
    (void)node, (void)var, (void)step, (void)row;
  }
  virtual void endStep(int64_t step) { (void)step; }
  virtual void endSample(int64_t sample) { (void)sample; }
  /// Flushes and closes; throws std::runtime_error naming the file.
  virtual void finish() {}
};

/// Forwards every call to each of its sinks, in order.
class SinkList : public Sink {
public:
  void add(std::unique_ptr<Sink> sink) { owned.push_back(std::move(sink)); }
  bool empty() const { return owned.empty(); }

  void begin(const RunInfo &info) override {
    for (auto &s : owned)
      s->begin(info);
  }
  void beginSample(int64_t sample) override {
    for (auto &s : owned)
      s->beginSample(sample);
  }
  void spikes(size_t node, std::span<const Event> events) override {
    for (auto &s : owned)
      s->spikes(node, events);
  }
  void trace(size_t node, size_t var, int64_t step,
             std::span<const double> row) override {
    for (auto &s : owned)
      s->trace(node, var, step, row);
  }
  void endStep(int64_t step) override {
    for (auto &s : owned)
      s->endStep(step);
  }
  void endSample(int64_t sample) override {
    for (auto &s : owned)
      s->endSample(sample);
  }
  void finish() override {
    for (auto &s : owned)
      s->finish();
  }

private:
  std::vector<std::unique_ptr<Sink>> owned;
};

/// Forwards every call to a sink owned elsewhere (to put it in a SinkList).
class ForwardingSink : public Sink {
public:
  explicit ForwardingSink(Sink &target) : target(target) {}
  void begin(const RunInfo &info) override { target.begin(info); }
  void beginSample(int64_t sample) override { target.beginSample(sample); }
  void spikes(size_t node, std::span<const Event> events) override {
    target.spikes(node, events);
  }
  void trace(size_t node, size_t var, int64_t step,
             std::span<const double> row) override {
    target.trace(node, var, step, row);
  }
  void endStep(int64_t step) override { target.endStep(step); }
  void endSample(int64_t sample) override { target.endSample(sample); }
  void finish() override { target.finish(); }

private:
  Sink &target;
};

} // namespace nmc::sim

#endif // NMC_SIM_SINK_H
