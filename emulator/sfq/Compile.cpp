//===- Compile.cpp - Netlist + library -> dense tables --------------------===//
//
// Resolves every named time and port of the library once, numbers the
// cells breadth-first, encodes pins and precomputes synapse p and neuron
// thresholds from the cells' bias currents (BiasModels.h).
//===----------------------------------------------------------------------===//
#include "Compiled.h"

#include "nmc/Target/SFQ/BiasModels.h"
#include "nmc/Target/SFQ/PulseIO.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nmc::sfq {
namespace {

int indexOf(const std::vector<std::string> &names, const std::string &name) {
  return static_cast<int>(std::find(names.begin(), names.end(), name) -
                          names.begin());
}

int portOf(const std::array<std::string_view, 3> &names, int count,
           std::string_view name) {
  for (int i = 0; i < count; ++i)
    if (names[i] == name)
      return i;
  return -1;
}

CType compileType(const CellLibrary &lib, CellKind kind, uint32_t &nextId,
                  std::vector<double> &icMA, std::vector<bool> &gated) {
  const CellType &c = lib.cell(kind);
  const CellPorts &p = ports(kind);
  CType t;
  t.numIn = p.numIn;
  t.numOut = p.numOut;
  t.numStates = static_cast<int>(c.states.size());
  t.clkPort = p.clocked ? p.numIn - 1 : -1;
  t.merger = kind == CellKind::Merger;
  t.leakFs = kind == CellKind::Neuron ? toFs(c.leakPs) : 0;
  t.table.assign(t.numStates * t.numIn, -1);
  for (const Transition &tr : c.transitions) {
    CTransition ct;
    ct.to = static_cast<uint8_t>(indexOf(c.states, tr.to));
    ct.input = static_cast<uint8_t>(portOf(p.in, p.numIn, tr.input));
    for (const std::string &o : tr.fire)
      ct.fireMask |= uint8_t(1u << (o == p.out[0] ? 0 : 1));
    ct.gate = tr.gate;
    ct.priority = tr.priority;
    ct.busyFs = toFs(resolvePs(c, tr.busy));
    ct.delayFs = toFs(tr.delay ? resolvePs(c, *tr.delay) : c.delayPs);
    for (const auto &[port, time] : tr.setup) {
      ct.setupPort[ct.numSetup] = uint8_t(portOf(p.in, p.numIn, port));
      t.trackMask |= uint8_t(1u << ct.setupPort[ct.numSetup]);
      ct.setupFs[ct.numSetup++] = toFs(resolvePs(c, time));
    }
    // [assumed] default energy: every JJ switches once when the cell fires
    // (the E_max bound of sfq.md §2.6), half of them when it only stores.
    ct.switchIcMA = tr.switchIcMA
                        ? *tr.switchIcMA
                        : (tr.fire.empty() ? c.sumIcMA / 2 : c.sumIcMA);
    ct.id = nextId++;
    icMA.push_back(ct.switchIcMA);
    gated.push_back(tr.gate == Gate::Stochastic || tr.gate == Gate::CountUp);
    const int state = indexOf(c.states, tr.from);
    t.table[state * t.numIn + portOf(p.in, p.numIn, tr.input)] =
        static_cast<int16_t>(t.trans.size());
    t.trans.push_back(ct);
  }
  return t;
}

/// Netlist cell indices in breadth-first order from the primary inputs
/// (unreached cells last, in netlist order).
std::vector<int32_t> breadthFirst(const Netlist &n) {
  std::vector<int32_t> loadCell(n.wires.size(), -1);
  for (size_t i = 0; i < n.cells.size(); ++i)
    for (WireId w : n.cells[i].in)
      loadCell[w] = static_cast<int32_t>(i);
  std::vector<int32_t> order;
  std::vector<bool> seen(n.cells.size(), false);
  auto visit = [&](WireId w) {
    const int32_t cell = loadCell[w];
    if (cell >= 0 && !seen[cell]) {
      seen[cell] = true;
      order.push_back(cell);
    }
  };
  for (const Port &in : n.inputs)
    visit(in.wire);
  for (size_t head = 0; head < order.size(); ++head)
    for (WireId w : n.cells[order[head]].out)
      visit(w);
  for (size_t i = 0; i < n.cells.size(); ++i)
    if (!seen[i])
      order.push_back(static_cast<int32_t>(i));
  return order;
}

} // namespace

void compile(PulseEmulator::Compiled &c) {
  const Netlist &n = c.netlist;
  for (int k = 0; k < kCellKinds; ++k)
    c.types[k] =
        compileType(c.library, static_cast<CellKind>(k), c.numTransitions,
                    c.transitionIcMA, c.transitionGated);
  const size_t numCells = n.cells.size();
  if (numCells + n.outputs.size() >= (size_t(1) << (31 - kPinBits)))
    throw std::runtime_error("sfq netlist: too many cells for the emulator");
  c.numCells = static_cast<int32_t>(numCells);
  c.cellId = breadthFirst(n);
  c.cellKind.resize(numCells);
  c.cellOut.assign(numCells, {-1, -1});
  c.synapseP.assign(numCells, 0);
  c.threshold.assign(numCells, 0);
  for (size_t i = 0; i < numCells; ++i) {
    const Cell &cell = n.cells[c.cellId[i]];
    const CellType &type = c.library.cell(cell.kind);
    c.cellKind[i] = static_cast<uint8_t>(cell.kind);
    c.jjs += type.jjs;
    const bool biased =
        cell.kind == CellKind::Synapse || cell.kind == CellKind::Neuron;
    const double bias =
        biased && !std::isnan(cell.biasMA) ? cell.biasMA : type.biasMA;
    if (biased && !std::isfinite(bias))
      throw std::runtime_error("cell '" + cell.name +
                               "': the bias current must be finite");
    if (cell.kind == CellKind::Neuron && !(bias > 0))
      throw std::runtime_error("cell '" + cell.name +
                               "': a neuron's bias current must be > 0 mA");
    c.biasMA += bias;
    if (cell.kind == CellKind::Synapse)
      c.synapseP[i] = synapsePassProbability(bias, type.i50MA, type.iWidthMA);
    if (cell.kind == CellKind::Neuron)
      c.threshold[i] = neuronThreshold(bias, type.n0, type.biasMA);
  }
  c.wirePin.assign(n.wires.size(), -1);
  c.isInput.assign(n.wires.size(), false);
  for (size_t i = 0; i < numCells; ++i)
    for (size_t k = 0; k < n.cells[c.cellId[i]].in.size(); ++k)
      c.wirePin[n.cells[c.cellId[i]].in[k]] = int32_t((i << kPinBits) | k);
  for (size_t k = 0; k < n.outputs.size(); ++k)
    c.wirePin[n.outputs[k].wire] = int32_t((numCells + k) << kPinBits);
  for (size_t i = 0; i < numCells; ++i)
    for (size_t k = 0; k < n.cells[c.cellId[i]].out.size(); ++k)
      c.cellOut[i][k] = c.wirePin[n.cells[c.cellId[i]].out[k]];
  for (const Port &in : n.inputs)
    c.isInput[in.wire] = true;
}

} // namespace nmc::sfq
