//===- Timing.h - Static clock analysis of an SFQ netlist -------*- C++ -*-===//
//
// The maximum clock frequency of a gate-level-pipelined SFQ netlist from a
// static critical path, without emulating it (docs/targets/sfq.md, "Running
// circuits and networks", formula there). Clock arrival times follow the
// clock net (splitters and JTLs from the clock input); a stage is a clocked
// cell (dff, and, or, xor, not); a path runs from a stage's output through
// unclocked cells to a data input of the next stage. Delays, setup and hold
// times come from the cell library's transitions, so a library or a
// `--cell-set` override moves them.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_TIMING_H
#define NMC_TARGET_SFQ_TIMING_H

#include "nmc/Target/SFQ/CellLibrary.h"
#include "nmc/Target/SFQ/Netlist.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace nmc::sfq {

struct ClockTiming {
  /// The netlist has a clock and at least one clocked cell.
  bool clocked = false;
  /// Smallest clock period without setup or busy violations, ps:
  /// max(pathPs, busyPs). NaN when not clocked.
  double minPeriodPs = std::nan("");
  /// 1000 / minPeriodPs (GHz); NaN when not clocked.
  double maxClockGHz = std::nan("");
  /// The largest a_g + d_g + D + setup - a_h over stage-to-stage paths
  /// (-inf: no such path).
  double pathPs = -INFINITY;
  /// The largest busy or hold window of any cell (a cell takes at most one
  /// pulse per input per period, so the period must cover it).
  double busyPs = 0;
  /// The critical path: netlist cell indices from the launching stage to
  /// the capturing stage (empty if there is none).
  std::vector<int32_t> criticalPath;
  /// The smallest hold slack a_g + d_g + Dmin - a_h - hold_h over the
  /// paths (+inf: no path); negative = a hold violation at any period.
  double minHoldSlackPs = INFINITY;
  int64_t holdViolations = 0; ///< stage pairs with negative hold slack
  /// Clock arrival at the latest stage, ps after the clock source pulses.
  double clockInsertionPs = 0;
  /// Why the period could not be computed (a cycle of unclocked cells
  /// between stages); empty when it was. Then the period fields are NaN.
  std::string unavailable;
};

/// Analyses `netlist` with `library` (validated). A cycle of unclocked cells
/// between two stages leaves the period unavailable (ClockTiming::unavailable
/// names a cell on it).
ClockTiming analyzeClock(const Netlist &netlist, const CellLibrary &library);

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_TIMING_H
