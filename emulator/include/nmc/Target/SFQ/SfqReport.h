//===- SfqReport.h - The "sfq" section of a run summary ---------*- C++ -*-===//
//
// What `nmc run --target sfq` reports about the circuit and its emulation
// (docs/targets/sfq.md, "Running circuits and networks", lists every key
// with its unit and formula): cells by kind, JJs, bias current and static
// power, switching energy, latency, merger losses, violations, synapse and
// neuron counts, and the static clock analysis (Timing.h).
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_SFQREPORT_H
#define NMC_TARGET_SFQ_SFQREPORT_H

#include "nmc/Sim/Report.h"
#include "nmc/Target/SFQ/PulseEmulator.h"
#include "nmc/Target/SFQ/Timing.h"

#include <vector>

namespace nmc::sfq {

/// Counters of several runs of one netlist (samples), and the first
/// violations of all of them.
struct RunTotals {
  Counters counters;
  std::vector<Violation> violations; ///< the first kMaxReported
  int64_t runs = 0;
  double simulatedPs = 0; ///< sum of the runs' simulated spans
  double firstLatencyPs = std::nan("");
  static constexpr size_t kMaxReported = 5;

  /// Adds one run; `spanPs` is the time it covered.
  void add(const RunResult &result, double spanPs);
};

/// Appends section "sfq" to `report`.
void addSfqReport(sim::Report &report, const Netlist &netlist,
                  const CellLibrary &library, const RunTotals &totals,
                  const ClockTiming &timing);

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_SFQREPORT_H
