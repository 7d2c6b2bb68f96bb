//===- NetworkSimulator.h - A netlist run as a rate-coded network -*- C++
//-*-===//
//
// The step-based face of the SFQ target (sim::Simulator), for
// `nmc run --target sfq --steps N --input ...`: primary ports named
// `node[i]` are element i of node `node` (the names convert-snn-to-sfq
// gives), a port without brackets is a node of size 1. Step t of a run is
// the window [offset + t W, offset + (t+1) W) ps: an input value c (a
// non-negative integer: spikes are 1) at step t becomes c pulses in that
// window (PulseIO.h countsToPulses); output pulses are counted per window
// and emitted as spikes of that step (value = the count). Every output
// goes through RunConfig::sink, so every output format works.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_NETWORKSIMULATOR_H
#define NMC_TARGET_SFQ_NETWORKSIMULATOR_H

#include "nmc/Sim/Simulator.h"
#include "nmc/Target/SFQ/PulseEmulator.h"

#include <memory>
#include <string>
#include <vector>

namespace nmc::sfq {

/// A node made of primary ports: element i is `wires[i]` (kNoWire: the
/// element has no port, e.g. an input that feeds no synapse).
struct NodePorts {
  std::string name;
  std::vector<WireId> wires;
};

/// The nodes of `ports` (a netlist's primary inputs without the clock and
/// the zeros, or its outputs), in order of first appearance. `name[i]`
/// ports group into `name` of size max(i) + 1. Throws naming a port that
/// appears twice.
std::vector<NodePorts> groupPorts(const std::vector<Port> &ports);

struct NetworkRunOptions {
  double windowPs = 100; ///< one step
  double offsetPs = 0;   ///< start of window 0
  /// Input wire j (in node, then element order, counting only wires that
  /// exist) is shifted by j x this, so that pulses of different inputs do
  /// not all meet in the merger trees at the window's start.
  double staggerPs = 0;
  double dt = 1; ///< the step in the model's time unit (reports)
  /// jitter, strict; endPs is set per run (offset + steps x W), the seed
  /// per sample from RunConfig::seed (seed + sample x 0x9E3779B97F4A7C15).
  RunOptions emulator;
  std::string title; ///< the model, for RunInfo
};

/// Emulates `netlist` with `library` sample by sample. addReport adds the
/// "sfq" section (SfqReport.h) over all samples of the last run.
std::unique_ptr<sim::Simulator>
makeNetworkSimulator(const Netlist &netlist, const CellLibrary &library,
                     std::vector<NodePorts> inputs,
                     std::vector<NodePorts> outputs,
                     const NetworkRunOptions &options);

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_NETWORKSIMULATOR_H
