//===- Netlist.h - An SFQ circuit as plain data ------------------*- C++ -*-===//
//
// The contract between the `sfq` compiler half (dialect, passes, the backend
// that lowers a circuit to this struct) and the pulse-level emulator
// (emulator/sfq). MLIR-free. A netlist is cells connected by wires; every
// wire has exactly one driver (a cell output or a primary input) and exactly
// one load (a cell input or a primary output): fan-out needs splitters and
// fan-in mergers (../shared/reference/sfq.md §0, §3). Timings, JJ counts and
// bias currents are not here: they belong to the cell library
// (CellLibrary.h), looked up by CellKind.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_NETLIST_H
#define NMC_TARGET_SFQ_NETLIST_H

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nmc::sfq {

/// Every cell the target knows. Port order below is the order of
/// Cell::in / Cell::out and of the dialect ops' operands / results.
enum class CellKind : uint8_t {
  Jtl,      ///< a -> q                      (sfq.md §2.2 JTL)
  Splitter, ///< a -> l, r                   (§2.2 S)
  Merger,   ///< a, b -> q; coincident pulses are lost and counted (§2.2 M)
  Dff,      ///< a, clk -> q; destructive read-out (§2.2 DRO)
  And,      ///< a, b, clk -> q              (§2.2 AND)
  Or,       ///< a, b, clk -> q              (§2.2 OR)
  Xor,      ///< a, b, clk -> q              (§2.2 XOR)
  Not,      ///< a, clk -> q                 (§2.2 INV)
  Tff,      ///< a -> q; fires on every second input (toggle)
  /// a -> q; passes each pulse with probability p(bias) (seed paper, §1.3).
  Synapse,
  /// exc, inh -> q; integrates pulses, fires at a bias-set threshold (§1.3).
  Neuron,
};
inline constexpr int kCellKinds = 11;

struct CellPorts {
  std::string_view name; ///< lower case: the dialect op suffix and JSON key
  std::array<std::string_view, 3> in;
  int numIn;
  std::array<std::string_view, 2> out;
  int numOut;
  bool clocked; ///< last input is "clk"
};

inline constexpr std::array<CellPorts, kCellKinds> kCellPorts = {{
    {"jtl", {"a"}, 1, {"q"}, 1, false},
    {"splitter", {"a"}, 1, {"l", "r"}, 2, false},
    {"merger", {"a", "b"}, 2, {"q"}, 1, false},
    {"dff", {"a", "clk"}, 2, {"q"}, 1, true},
    {"and", {"a", "b", "clk"}, 3, {"q"}, 1, true},
    {"or", {"a", "b", "clk"}, 3, {"q"}, 1, true},
    {"xor", {"a", "b", "clk"}, 3, {"q"}, 1, true},
    {"not", {"a", "clk"}, 2, {"q"}, 1, true},
    {"tff", {"a"}, 1, {"q"}, 1, false},
    {"synapse", {"a"}, 1, {"q"}, 1, false},
    {"neuron", {"exc", "inh"}, 2, {"q"}, 1, false},
}};

inline const CellPorts &ports(CellKind kind) {
  return kCellPorts[static_cast<int>(kind)];
}
/// The kind named `name` (kCellPorts[].name), if any.
std::optional<CellKind> cellKindNamed(std::string_view name);

using WireId = int32_t;
inline constexpr WireId kNoWire = -1;

struct Wire {
  std::string name; ///< unique; names the wire in errors, CSV and VCD
};

struct Cell {
  CellKind kind = CellKind::Jtl;
  std::string name;       ///< unique instance name
  std::vector<WireId> in;  ///< one per input port (ports(kind).numIn)
  std::vector<WireId> out; ///< one per output port
  /// Bias current in mA; only Synapse (sets p) and Neuron (sets the
  /// threshold) use it. NaN = the library's nominal bias.
  double biasMA = __builtin_nan("");
};

/// A primary input or output: a named wire with no driver (input) or no
/// load (output) inside the netlist.
struct Port {
  std::string name;
  WireId wire = kNoWire;
};

struct Netlist {
  std::vector<Wire> wires;
  std::vector<Cell> cells;
  std::vector<Port> inputs;
  std::vector<Port> outputs;
  /// The clock: a primary input (one of `inputs`) the emulator drives with
  /// a pulse every `clockPeriodPs` from `clockPhasePs`; it feeds the clock
  /// splitter tree. None for an unclocked circuit.
  std::optional<WireId> clock;
  double clockPeriodPs = 0;
  double clockPhasePs = 0;
};

/// Checks the structural rules (every wire exactly one driver and one load,
/// port counts per kind, ids in range, unique names, the clock is an input);
/// returns the first violation as a message naming the wire or cell, or
/// nothing.
std::optional<std::string> checkNetlist(const Netlist &netlist);

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_NETLIST_H
