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

/// Fills the result's header and node records and allocates traces, after
/// refusing traces that cannot fit in memory.
void prepareResult(const Program &program, const RunConfig &config,
                   const std::vector<NodePlan> &plan, RunResult &result);

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
/// reporting progress every 256 steps and at the end.
template <class Start, class Step>
void runSamples(const RunConfig &config, Start &&startSample, Step &&step) {
  const int64_t total = config.steps * config.batch;
  for (int64_t s = 0; s < config.batch; ++s) {
    startSample(s);
    for (int64_t t = 0; t < config.steps; ++t) {
      step(s, t);
      if (config.progress && (t + 1) % 256 == 0)
        config.progress(s * config.steps + t + 1, total);
    }
  }
  if (config.progress)
    config.progress(total, total);
}

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_RUNSETUP_H
