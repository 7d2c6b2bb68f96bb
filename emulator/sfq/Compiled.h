//===- Compiled.h - A netlist and library as dense tables (internal) ------===//
//
// What the event loop reads: per cell kind the FSM as a (state x input) ->
// transition table with times in fs and outputs as a bit mask; per cell
// its kind and the pins its outputs drive. A pin is 4 x cell + input port;
// primary output k is pin 4 x (cells + k). Pins of one cell are
// consecutive, so pulses sorted by (time, pin) come grouped per cell, and
// the event loop needs no table to find a pin's cell.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_SFQ_COMPILED_H
#define NMC_EMULATOR_SFQ_COMPILED_H

#include "nmc/Target/SFQ/PulseEmulator.h"

#include <array>
#include <cstdint>
#include <vector>

namespace nmc::sfq {

inline constexpr int kPinBits = 2; ///< ports per cell <= 4

struct CTransition {
  uint8_t to = 0;
  uint8_t input = 0;
  uint8_t fireMask = 0; ///< bit k: output port k
  Gate gate = Gate::None;
  uint8_t numSetup = 0;
  int priority = 0;
  int64_t busyFs = 0, delayFs = 0;
  std::array<uint8_t, 3> setupPort{};
  std::array<int64_t, 3> setupFs{};
  double switchIcMA = 0;
  uint32_t id = 0; ///< index into the run's per-transition counters
};

struct CType {
  int numIn = 0, numOut = 0, numStates = 0;
  int clkPort = -1; ///< last input of a clocked kind
  bool merger = false;
  uint8_t trackMask = 0; ///< inputs named in a setup constraint
  int64_t leakFs = 0;
  std::vector<int16_t> table; ///< state * numIn + input -> trans index
  std::vector<CTransition> trans;
  const CTransition &at(int state, int input) const {
    return trans[table[state * numIn + input]];
  }
};

struct PulseEmulator::Compiled {
  Netlist netlist;
  CellLibrary library;
  std::array<CType, kCellKinds> types;
  uint32_t numTransitions = 0;
  std::vector<double> transitionIcMA; ///< by CTransition::id
  std::vector<bool> transitionGated;

  int32_t numCells = 0; ///< pins >> kPinBits >= this: primary outputs
  /// Cells are numbered inside in breadth-first order from the inputs, so
  /// cells active at about the same time are close in memory; this maps
  /// that number to the netlist's cell index. Every per-cell array below
  /// is in the inside order.
  std::vector<int32_t> cellId;
  std::vector<uint8_t> cellKind;
  std::vector<std::array<int32_t, 2>> cellOut; ///< pin each output drives
  std::vector<double> synapseP;                ///< per cell (synapses only)
  std::vector<int64_t> threshold;              ///< per cell (neurons only)
  std::vector<int32_t> wirePin;                ///< the pin a wire loads
  std::vector<bool> isInput;                   ///< per wire: a primary input
  int64_t jjs = 0;
  double biasMA = 0;
};

/// Builds the tables; throws naming the cell for an unusable bias.
void compile(PulseEmulator::Compiled &c);

} // namespace nmc::sfq

#endif // NMC_EMULATOR_SFQ_COMPILED_H
