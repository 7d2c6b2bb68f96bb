//===- Netlist.cpp - Cell kind names and the netlist's structural rules ---===//
//
// checkNetlist enforces the SFQ wiring rules (../shared/reference/sfq.md §0,
// §3): every wire has exactly one driver and exactly one load, so fan-out
// needs splitters and fan-in mergers. Messages name the wire or cell.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SFQ/Netlist.h"

#include <cmath>
#include <unordered_set>

namespace nmc::sfq {
namespace {

/// Who drives or loads a wire, for messages.
std::string endpoint(const Netlist &n, int cell, int port, bool input) {
  if (cell < 0)
    return std::string(input ? "primary output '" : "primary input '") +
           (input ? n.outputs : n.inputs)[port].name + "'";
  const Cell &c = n.cells[cell];
  const CellPorts &p = ports(c.kind);
  return "cell '" + c.name + "' port " +
         std::string(input ? p.in[port] : p.out[port]);
}

std::string wireName(const Netlist &n, WireId w) {
  return "wire '" + n.wires[w].name + "'";
}

} // namespace

std::optional<CellKind> cellKindNamed(std::string_view name) {
  for (int k = 0; k < kCellKinds; ++k)
    if (kCellPorts[k].name == name)
      return static_cast<CellKind>(k);
  return std::nullopt;
}

std::optional<std::string> checkNetlist(const Netlist &n) {
  const WireId numWires = static_cast<WireId>(n.wires.size());
  std::unordered_set<std::string> names;
  for (const Wire &w : n.wires)
    if (!names.insert(w.name).second)
      return "wire name '" + w.name + "' is used twice";
  names.clear();
  for (const Cell &c : n.cells)
    if (!names.insert(c.name).second)
      return "cell name '" + c.name + "' is used twice";

  // (cell, port) of the driver and the load of each wire; cell -1 = port.
  struct End {
    int cell = -2, port = 0;
  };
  std::vector<End> driver(n.wires.size()), load(n.wires.size());
  auto attach = [&](std::vector<End> &ends, WireId w, int cell, int port,
                    bool input) -> std::optional<std::string> {
    if (w < 0 || w >= numWires)
      return endpoint(n, cell, port, input) + " names wire id " +
             std::to_string(w) + ", out of range (" + std::to_string(numWires) +
             " wires)";
    End &e = ends[w];
    if (e.cell != -2)
      return input ? wireName(n, w) + " has fan-out 2 (" +
                         endpoint(n, e.cell, e.port, true) + " and " +
                         endpoint(n, cell, port, true) + "): insert a splitter"
                   : wireName(n, w) + " is driven twice (by " +
                         endpoint(n, e.cell, e.port, false) + " and by " +
                         endpoint(n, cell, port, false) + ")";
    e = {cell, port};
    return std::nullopt;
  };

  for (size_t i = 0; i < n.inputs.size(); ++i)
    if (auto err = attach(driver, n.inputs[i].wire, -1, int(i), false))
      return err;
  for (size_t i = 0; i < n.outputs.size(); ++i)
    if (auto err = attach(load, n.outputs[i].wire, -1, int(i), true))
      return err;
  for (size_t c = 0; c < n.cells.size(); ++c) {
    const Cell &cell = n.cells[c];
    const CellPorts &p = ports(cell.kind);
    if (int(cell.in.size()) != p.numIn || int(cell.out.size()) != p.numOut)
      return "cell '" + cell.name + "' (" + std::string(p.name) + ") has " +
             std::to_string(cell.in.size()) + " inputs and " +
             std::to_string(cell.out.size()) + " outputs, expected " +
             std::to_string(p.numIn) + " and " + std::to_string(p.numOut);
    for (int k = 0; k < p.numIn; ++k)
      if (auto err = attach(load, cell.in[k], int(c), k, true))
        return err;
    for (int k = 0; k < p.numOut; ++k)
      if (auto err = attach(driver, cell.out[k], int(c), k, false))
        return err;
  }
  for (WireId w = 0; w < numWires; ++w) {
    if (driver[w].cell == -2)
      return wireName(n, w) + " is undriven (no cell output or primary input)";
    if (load[w].cell == -2)
      return wireName(n, w) + " has no load (no cell input or primary output)";
  }
  if (n.clock) {
    if (*n.clock < 0 || *n.clock >= numWires || driver[*n.clock].cell != -1)
      return "the clock must be a primary input wire";
    // Bounded so that femtosecond times cannot overflow int64.
    if (!(n.clockPeriodPs > 0 && n.clockPeriodPs <= 1e9) ||
        !(std::abs(n.clockPhasePs) <= 1e9))
      return "the clock " + wireName(n, *n.clock) +
             " needs a period in (0, 1e9] ps and a phase in [-1e9, 1e9] ps";
  }
  return std::nullopt;
}

} // namespace nmc::sfq
