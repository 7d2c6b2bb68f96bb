//===- Compiled.h - A netlist and library as dense tables (internal) ------===//
//
// What the event loop reads: per cell kind the FSM as a (state x input) ->
// transition table with times in fs and outputs as a bit mask; per cell
// its kind, first input pin and the pins its outputs drive; per pin (a cell
// input or a primary output) its cell, port and wire. Pins of one cell are
// consecutive, so pulses sorted by (time, pin) come grouped per cell.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_SFQ_COMPILED_H
#define NMC_EMULATOR_SFQ_COMPILED_H

#include "nmc/Target/SFQ/PulseEmulator.h"

#include <array>
#include <cstdint>
#include <vector>

namespace nmc::sfq {

struct CTransition {
  uint8_t to = 0;
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

  std::vector<uint8_t> cellKind;
  std::vector<int32_t> cellPin;                 ///< first input pin
  std::vector<std::array<int32_t, 2>> cellOut;  ///< pin each output drives
  std::vector<double> synapseP;    ///< per cell (synapses only)
  std::vector<int64_t> threshold;  ///< per cell (neurons only)
  int32_t numCellPins = 0;         ///< pins >= this are primary outputs
  std::vector<int32_t> pinCell;    ///< -1: a primary output
  std::vector<uint8_t> pinPort;
  std::vector<WireId> pinWire;
  std::vector<int32_t> wirePin;    ///< the pin a wire loads
  std::vector<bool> isInput;       ///< per wire: a primary input
  int64_t jjs = 0;
  double biasMA = 0;
};

/// Builds the tables; throws naming the cell for an unusable bias.
void compile(PulseEmulator::Compiled &c);

} // namespace nmc::sfq

#endif // NMC_EMULATOR_SFQ_COMPILED_H
