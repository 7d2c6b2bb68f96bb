//===- RunSetup.h - What both step loops need from a RunConfig --*- C++ -*-===//
//
// The fast runner (Runner.cpp) and the plain loop (PlainRunner.cpp) check a
// configuration, decide which outputs are spike trains and lay out the
// result the same way; this is that shared part.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_RUNSETUP_H
#define NMC_ENGINE_RUNSETUP_H

#include "Program.h"

#include "nmc/Emulator/Engine.h"

#include <string>
#include <vector>

namespace nmc::engine::detail {

[[noreturn]] void configError(const std::string &msg);

/// How one run treats one node.
struct NodePlan {
  const EventBatch *events = nullptr; ///< input events (null: none)
  InputSource *source = nullptr;      ///< streaming input (null: none)
  const std::vector<double> *initialV = nullptr; ///< neurons (null: zeros)
  bool traced = false;
  /// The output is a spike train (NodeResult::spiking).
  bool spiking = false;
};

/// Checks `config` against `program` (throws "run configuration: ..." naming
/// the node) and plans every node.
std::vector<NodePlan> planRun(const Program &program, const RunConfig &config);

/// Where a run's outputs go, for both step loops: per-node spike counts in
/// the result, and spike events and trace rows (as double) to the sinks: the
/// collector of RunConfig::collect (ResultCollector.h) and RunConfig::sink.
class Recorder {
public:
  /// Fills the result's header and node records, refuses collected traces
  /// that cannot fit in memory, and begins the sinks.
  Recorder(const Program &program, const RunConfig &config,
           const std::vector<NodePlan> &plan, RunResult &result);

  /// True if some sink wants events and rows (else only counts are kept).
  bool active() const { return !sinks.empty(); }
  void beginSample(int64_t s) { sinks.beginSample(s); }
  void endStep(int64_t t) { sinks.endStep(t); }
  void endSample(int64_t s) { sinks.endSample(s); }

  /// Buffer for one node's spikes of one step, to fill then pass to spikes().
  std::vector<Event> &buffer() {
    events.clear();
    return events;
  }
  /// Counts `count` spikes of node k; hands the buffer (if active) to the
  /// sinks in ascending neuron order.
  void spikes(size_t k, int64_t count);
  /// Trace `var` (NodeInfo::traces index) of node k at step t.
  template <class T>
  void trace(size_t k, size_t var, int64_t t, const std::vector<T> &values) {
    row.resize(values.size());
    for (size_t i = 0; i < values.size(); ++i)
      row[i] = model::toDouble(values[i]);
    sinks.trace(k, var, t, row);
  }

private:
  RunResult &result;
  sim::SinkList sinks;
  std::vector<Event> events;
  std::vector<double> row;
};

/// Traced variables of a node: out, plus v (and i) for neurons.
int tracedValues(const NodeSpec &spec);

/// The events of `sample` (the one shared list if there is one) before
/// step `steps`, ordered by (step, neuron), into `out`.
void sortEvents(const EventBatch &events, int64_t sample, int64_t steps,
                std::vector<Event> &out);

/// A streaming input's values of step t plus its events of step t (read
/// from `sorted` at `cursor`, which advances), added in double.
void fillSourceStep(InputSource &source, const std::vector<Event> &sorted,
                    size_t &cursor, int64_t t, std::vector<double> &values);

/// Runs every sample: startSample(s), then step(s, t) for t = 0, 1, ...,
/// telling the recorder where samples and steps end, reporting progress
/// every 256 steps and at the end.
template <class Start, class Step>
void runSamples(const RunConfig &config, Recorder &recorder,
                Start &&startSample, Step &&step) {
  const int64_t total = config.steps * config.batch;
  for (int64_t s = 0; s < config.batch; ++s) {
    startSample(s);
    recorder.beginSample(s);
    for (int64_t t = 0; t < config.steps; ++t) {
      step(s, t);
      recorder.endStep(t);
      if (config.progress && (t + 1) % 256 == 0)
        config.progress(s * config.steps + t + 1, total);
    }
    recorder.endSample(s);
  }
  if (config.progress)
    config.progress(total, total);
}

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_RUNSETUP_H
