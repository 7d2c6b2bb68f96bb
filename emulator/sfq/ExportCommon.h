//===- ExportCommon.h - What the Verilog and SPICE writers share (internal)
//===//
//
// The stimulus both exports drive: input pulses and clock pulses in integer
// fs up to the run's end, by the emulator's rules (PulseEmulator.h
// RunOptions: end = endPs, else last input + drainCycles clock periods for
// a clocked netlist, else none; the clock pulses at phase + k * period for
// every k with 0 <= time <= end), and each biased cell's bias current.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_SFQ_EXPORTCOMMON_H
#define NMC_EMULATOR_SFQ_EXPORTCOMMON_H

#include "nmc/Target/SFQ/CellLibrary.h"
#include "nmc/Target/SFQ/PulseEmulator.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace nmc::sfq {

inline constexpr int64_t kNoEndFs = std::numeric_limits<int64_t>::max();

struct Stimulus {
  int64_t endFs = kNoEndFs;
  /// Pulse times per input wire (sorted, <= endFs); the clock's included.
  std::vector<std::pair<WireId, std::vector<int64_t>>> pulses;
};

/// Throws naming the wire for a pulse on a non-input or the clock, or a
/// time outside [0, 1e15] ps (the emulator's checks).
Stimulus buildStimulus(const Netlist &netlist,
                       const std::vector<WirePulses> &inputs, double endPs,
                       int drainCycles);

/// A cell's bias current as the emulator counts it: a synapse's or
/// neuron's own (NaN: the library's nominal one), the library's for every
/// other kind; throws naming the cell when the emulator would.
double effectiveBiasMA(const Cell &cell, const CellType &type);

/// Throws "sfq netlist: <reason>" when checkNetlist fails.
void requireValidNetlist(const Netlist &netlist);

} // namespace nmc::sfq

#endif // NMC_EMULATOR_SFQ_EXPORTCOMMON_H
