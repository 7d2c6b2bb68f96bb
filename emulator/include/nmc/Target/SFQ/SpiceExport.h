//===- SpiceExport.h - SFQ netlist -> JoSIM-style SPICE deck -----*- C++
//-*-===//
//
// Writes a Netlist as a JoSIM deck (../shared/reference/sfq.md §2.8): one
// `.subckt` stub per cell kind used (ports only: nmc ships no JJ-level
// cells; a comment names the ColdFlux RSFQlib cell to paste in, §2.6), one
// `X<cell> <SUBCKT> <nodes>` line per cell in JSIM order, a bias current
// source per cell into the subcircuit's last port, the primary inputs and
// the clock as `pwl` SFQ voltage pulses, a `.tran` line covering the run
// and `.print` of the outputs' node phases. docs/targets/sfq.md, "Export".
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_SPICEEXPORT_H
#define NMC_TARGET_SFQ_SPICEEXPORT_H

#include "nmc/Target/SFQ/CellLibrary.h"
#include "nmc/Target/SFQ/PulseEmulator.h"

#include <cmath>
#include <iosfwd>
#include <string>
#include <vector>

namespace nmc::sfq {

struct SpiceOptions {
  std::string title = "sfq circuit"; ///< first line of the deck
  /// Last time a pulse (input or clock) is driven, as RunOptions::endPs;
  /// NaN: a clocked netlist ends drainCycles periods after the last input
  /// pulse, an unclocked one is an error (the caller knows its end).
  double endPs = std::nan("");
  int drainCycles = 16;
  double tailPs = 20;   ///< simulated after the end [assumed]
  double stepPs = 0.25; ///< `.tran` step (sfq.md §2.8 typical deck)
};

/// Throws std::runtime_error naming the wire or cell when the netlist does
/// not check, two pulses of one input overlap (closer than 5 ps), or the
/// end is unknown.
void writeSpice(std::ostream &out, const Netlist &netlist,
                const CellLibrary &library,
                const std::vector<WirePulses> &inputs,
                const SpiceOptions &options);

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_SPICEEXPORT_H
