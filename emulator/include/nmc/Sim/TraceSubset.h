//===- TraceSubset.h - Record the traces of some neurons only ---*- C++ -*-===//
//
// `nmc run --record-neurons LIST`: the recorded nodes' trace rows shrink to
// the listed elements before they reach the output sinks, which learn the
// indices from NodeInfo::traceElements (CSV writes them in its `neuron`
// column, NIRData stores the listed elements in order, VCD probes them), so
// recording a few neurons of a big layer costs what those few cost. Rows of
// variables with their own size (a plastic node's "w") pass whole.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_TRACESUBSET_H
#define NMC_SIM_TRACESUBSET_H

#include "nmc/Sim/Sink.h"

#include <memory>
#include <string>
#include <vector>

namespace nmc::sim {

/// Parses "0-9,20,31" (ascending or not, no duplicates) into element
/// indices; throws std::runtime_error naming the bad item.
std::vector<int64_t> parseElementList(const std::string &text);

class TraceSubsetSink : public Sink {
public:
  /// Forwards to `target` with every traced node's rows cut to `elements`.
  TraceSubsetSink(std::unique_ptr<Sink> target, std::vector<int64_t> elements);

  /// Throws std::runtime_error if an element is outside a traced node.
  void begin(const RunInfo &info) override;
  void beginSample(int64_t sample) override { target->beginSample(sample); }
  void spikes(size_t node, std::span<const Event> events) override {
    target->spikes(node, events);
  }
  void trace(size_t node, size_t var, int64_t step,
             std::span<const double> row) override;
  void endStep(int64_t step) override { target->endStep(step); }
  void endSample(int64_t sample) override { target->endSample(sample); }
  void finish() override { target->finish(); }

private:
  std::unique_ptr<Sink> target;
  std::vector<int64_t> elements;
  std::vector<double> cut;
  RunInfo info; ///< as begin() got it (which vars have their own size)
};

} // namespace nmc::sim

#endif // NMC_SIM_TRACESUBSET_H
