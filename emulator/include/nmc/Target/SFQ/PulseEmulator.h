//===- PulseEmulator.h - SFQ pulse-level emulator ---------------*- C++ -*-===//
//
// Runs a Netlist with a CellLibrary in PyLSE's pulse-transfer semantics
// (../shared/reference/sfq.md §2.1, §2.3): each cell is its kind's FSM
// compiled to a dense (state x input) -> transition table; a pulse arriving
// at a cell takes that transition and pulses the listed outputs after the
// firing delay. Time is int64 femtoseconds inside (exact, deterministic;
// the API speaks double ps, rounded to the nearest fs). Simultaneous pulses
// at one cell are taken in the library's priority order. Violations (setup,
// hold, busy, merger collision) are counted and recorded, or stop the run
// in strict mode. Synapse draws and delay jitter use a counter-based RNG per
// cell, so results depend on the seed only, not on event order.
// docs/targets/sfq.md, "Cell library and pulse-level emulator".
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_PULSEEMULATOR_H
#define NMC_TARGET_SFQ_PULSEEMULATOR_H

#include "nmc/Target/SFQ/CellLibrary.h"
#include "nmc/Target/SFQ/Netlist.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nmc::sfq {

/// Pulse times (ps, ascending) on one wire.
struct WirePulses {
  WireId wire = kNoWire;
  std::vector<double> timesPs;
};

enum class ViolationKind : uint8_t {
  Setup,           ///< an input seen less than the setup time before clk
  Hold,            ///< an input inside the hold window after clk
  Busy,            ///< an input inside a busy window after another input
  MergerCollision, ///< a merger's second pulse inside its busy window: lost
};
inline constexpr int kViolationKinds = 4;
/// "setup", "hold", "busy", "merger collision".
const char *violationKindName(ViolationKind kind);

/// One violation and the two pulses involved (ports index the cell's
/// inputs, Netlist.h port order).
struct Violation {
  ViolationKind kind = ViolationKind::Busy;
  int32_t cell = 0;
  int port = 0;       ///< the offending pulse's input...
  double timePs = 0;  ///< ...and its time
  int otherPort = 0;  ///< setup: the data input seen too recently; else the
  double otherPs = 0; ///< input whose transition opened the window
  double limitPs = 0; ///< the setup time or the window's length
};
/// e.g. "setup violation at cell 'g' (and) at 27 ps: a at 26 ps, clk at
/// 27 ps (setup time 2.8 ps)".
std::string describe(const Netlist &netlist, const Violation &v);

struct RunOptions {
  /// Pulses after this time are not simulated. NaN: an unclocked netlist
  /// runs until no pulse is left, at most 1e6 ps (1 us) after its last input
  /// pulse (a loop of cells would pulse forever); a clocked one until the
  /// last input pulse plus `drainCycles` clock periods. A run whose time
  /// stops advancing (a loop of zero-delay cells) throws, naming a cell.
  double endPs = std::nan("");
  int drainCycles = 16;
  bool strict = false; ///< stop at the first violation
  uint64_t seed = 1;   ///< synapse draws and jitter
  /// Gaussian firing-delay jitter, sigma = 0.2 d / 3 clamped to +-20 %
  /// (PyLSE's variability, sfq.md §2.1).
  bool jitter = false;
  /// Wires whose pulses are returned; empty = the primary outputs.
  std::vector<WireId> record;
  bool recordAll = false;            ///< every wire, in id order
  size_t maxViolationRecords = 1000; ///< all are counted, this many kept
};

struct Counters {
  std::array<uint64_t, kCellKinds> events{}; ///< input pulses, per cell kind
  uint64_t cellEvents = 0;                   ///< their sum
  uint64_t clockPulses = 0;                  ///< driven on Netlist::clock
  uint64_t mergerLost = 0;                   ///< merger collisions
  uint64_t synapsePassed = 0, synapseBlocked = 0;
  uint64_t neuronFirings = 0;
  std::array<uint64_t, kViolationKinds> violations{};
  uint64_t totalViolations = 0;
  int64_t jjs = 0;
  double biasMA = 0;               ///< total bias current
  double staticPowerW = 0;         ///< biasMA x the library's bias voltage
  double switchingEnergyJ = 0;     ///< sum over transitions of Ic x Phi0
  double latencyPs = std::nan(""); ///< first output - first data input
  double endPs = 0;                ///< time of the last simulated pulse
};

struct RunResult {
  std::vector<WirePulses> pulses; ///< per recorded wire
  Counters counters;
  std::vector<Violation> violations; ///< first maxViolationRecords
  bool stoppedAtViolation = false;   ///< strict mode hit one
};

/// A netlist compiled against a library; run() any number of times.
class PulseEmulator {
public:
  /// Throws std::runtime_error if checkNetlist fails, the library does not
  /// validate, or a synapse/neuron bias is not usable (naming the cell).
  PulseEmulator(const Netlist &netlist, const CellLibrary &library);
  ~PulseEmulator();
  PulseEmulator(const PulseEmulator &) = delete;
  PulseEmulator &operator=(const PulseEmulator &) = delete;

  /// `inputs`: pulses per primary input (not the clock: the emulator drives
  /// it every period). Throws naming the wire for a bad input.
  RunResult run(const std::vector<WirePulses> &inputs,
                const RunOptions &options) const;

  const Netlist &netlist() const;

  struct Compiled;

private:
  std::unique_ptr<Compiled> compiled;
};

/// Switching energy of one JJ event with critical current `icMA`:
/// Ic x Phi0 (sfq.md §0).
inline constexpr double kPhi0Wb = 2.067833848e-15; // sfq.md §0, RSFQlib Phi0
inline double switchingEnergyJ(double icMA) { return icMA * 1e-3 * kPhi0Wb; }

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_PULSEEMULATOR_H
