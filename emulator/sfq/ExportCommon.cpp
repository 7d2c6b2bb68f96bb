//===- ExportCommon.cpp - Stimulus and biases for the exports -------------===//
#include "ExportCommon.h"

#include "nmc/Target/SFQ/PulseIO.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nmc::sfq {

Stimulus buildStimulus(const Netlist &n, const std::vector<WirePulses> &inputs,
                       double endPs, int drainCycles) {
  std::vector<bool> isInput(n.wires.size(), false);
  for (const Port &p : n.inputs)
    isInput[p.wire] = true;
  Stimulus s;
  int64_t lastInFs = 0;
  for (const WirePulses &w : inputs) {
    if (w.wire < 0 || w.wire >= WireId(n.wires.size()) || !isInput[w.wire])
      throw std::runtime_error("input pulses for wire id " +
                               std::to_string(w.wire) +
                               ", which is not a primary input");
    const std::string &name = n.wires[w.wire].name;
    if (n.clock && w.wire == *n.clock)
      throw std::runtime_error("wire '" + name +
                               "' is the clock: the export drives it");
    std::vector<int64_t> fs;
    for (double ps : w.timesPs) {
      if (!std::isfinite(ps) || ps < 0 || ps > 1e15)
        throw std::runtime_error("wire '" + name + "': pulse time " +
                                 std::to_string(ps) +
                                 " ps is not a time in [0, 1e15] ps");
      fs.push_back(toFs(ps));
      lastInFs = std::max(lastInFs, fs.back());
    }
    std::sort(fs.begin(), fs.end());
    s.pulses.emplace_back(w.wire, std::move(fs));
  }
  int64_t periodFs = 0, phaseFs = 0;
  if (n.clock) {
    periodFs = std::max<int64_t>(1, toFs(n.clockPeriodPs));
    phaseFs = toFs(n.clockPhasePs);
  }
  if (std::isfinite(endPs))
    s.endFs = toFs(std::clamp(endPs, 0.0, 1e15));
  else if (n.clock)
    s.endFs = lastInFs + int64_t(drainCycles) * periodFs;
  for (auto &[wire, fs] : s.pulses)
    fs.erase(std::upper_bound(fs.begin(), fs.end(), s.endFs), fs.end());
  if (n.clock) {
    std::vector<int64_t> fs;
    int64_t k = phaseFs >= 0 ? 0 : (-phaseFs + periodFs - 1) / periodFs;
    for (int64_t t = phaseFs + k * periodFs; t <= s.endFs;
         t = phaseFs + (++k) * periodFs)
      fs.push_back(t);
    s.pulses.emplace_back(*n.clock, std::move(fs));
  }
  return s;
}

double effectiveBiasMA(const Cell &cell, const CellType &type) {
  const bool biased =
      cell.kind == CellKind::Synapse || cell.kind == CellKind::Neuron;
  const double bias =
      biased && !std::isnan(cell.biasMA) ? cell.biasMA : type.biasMA;
  if (!std::isfinite(bias))
    throw std::runtime_error("cell '" + cell.name +
                             "': the bias current must be finite");
  if (cell.kind == CellKind::Neuron && !(bias > 0))
    throw std::runtime_error("cell '" + cell.name +
                             "': a neuron's bias current must be > 0 mA");
  return bias;
}

void requireValidNetlist(const Netlist &netlist) {
  if (auto err = checkNetlist(netlist))
    throw std::runtime_error("sfq netlist: " + *err);
}

} // namespace nmc::sfq
