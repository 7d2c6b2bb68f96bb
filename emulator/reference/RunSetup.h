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

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_RUNSETUP_H
