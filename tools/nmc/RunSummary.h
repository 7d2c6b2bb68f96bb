//===- RunSummary.h - What `nmc run` prints after a run ---------*- C++ -*-===//
#ifndef NMC_TOOLS_NMC_RUNSUMMARY_H
#define NMC_TOOLS_NMC_RUNSUMMARY_H

#include "nmc/Sim/Simulator.h"
#include "nmc/Sim/SpikeCounter.h"

#include <ostream>
#include <string>

namespace nmc::driver {

/// Per-node table (kind, size, spikes, mean rate) and run totals (wall time,
/// steps/s, synaptic events/s, real-time factor).
void printSummary(std::ostream &os, const sim::SpikeCounter &counts,
                  const sim::RunStats &stats, const std::string &model);

/// The same numbers as JSON (for benchmark scripts).
void writeSummaryJson(const std::string &path, const sim::SpikeCounter &counts,
                      const sim::RunStats &stats, const std::string &model);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_RUNSUMMARY_H
