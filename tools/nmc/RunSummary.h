//===- RunSummary.h - The report `nmc run` prints after a run ---*- C++ -*-===//
#ifndef NMC_TOOLS_NMC_RUNSUMMARY_H
#define NMC_TOOLS_NMC_RUNSUMMARY_H

#include "nmc/Sim/Report.h"
#include "nmc/Sim/Simulator.h"
#include "nmc/Sim/SpikeCounter.h"

#include <string>

namespace nmc::driver {

/// What came before the run: compiling MODEL in memory, or reading an image
/// (`nmc run IMAGE`), and building the engine.
struct SetupTime {
  double seconds = 0;
  bool fromImage = false;
};

/// The run summary (docs/user-guide.md): section "run" with the totals
/// (compile or load time, wall time of the run, steps/s, synaptic events/s,
/// real-time factor, fixed-point saturations) and section "nodes" with a table
/// of every node's kind, size, spikes and mean rate. Printed as text, written
/// as JSON (--summary-json).
sim::Report runReport(const sim::SpikeCounter &counts,
                      const sim::RunStats &stats, const std::string &model,
                      const std::string &target, const SetupTime &setup);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_RUNSUMMARY_H
