//===- PulseEmulator.cpp - The event loop ---------------------------------===//
//
// One Run per PulseEmulator::run: per-cell state (FSM state, busy window,
// last pulse per input, neuron store, RNG counter), the calendar queue, the
// counters. Pulses of equal time come sorted by pin; a cell's simultaneous
// pulses are taken one at a time, lowest transition priority first.
//===----------------------------------------------------------------------===//
#include "Compiled.h"
#include "EventQueue.h"

#include "nmc/Target/SFQ/PulseIO.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace nmc::sfq {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::min();
constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ull;
/// An unclocked netlist without an end time runs until no pulse is left, or
/// this long after its last input (a loop of cells pulses forever).
constexpr double kUnclockedDrainPs = 1e6;
/// Batches of pulses at one instant before a run counts as stuck in a loop
/// of zero-delay cells (a legal circuit has far fewer).
constexpr int64_t kMaxBatchesAtOneTime = 1000000;

/// SplitMix64's output mixer (Steele, Lea & Flood 2014).
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// What every input pulse touches at its cell: 32 bytes, two a cache line
/// (the event loop is bound by these misses on large netlists).
struct alignas(32) CellRun {
  int64_t busyUntil = kNever;
  std::array<int32_t, 2> outPin{-1, -1}; ///< the pins the outputs drive
  int16_t busyTrans = 0; ///< the transition that opened the busy window
  uint8_t kind = 0, state = 0;
  uint8_t recordMask = 0; ///< inputs whose pulses are recorded
};

/// Last pulse per input, for setup checks (clocked cells only).
struct CellTiming {
  std::array<int64_t, 3> lastSeen{kNever, kNever, kNever};
};

/// Synapse and neuron state, touched by gated transitions only.
struct CellCold {
  uint64_t draws = 0;   ///< RNG counter: draw n of this cell
  int64_t count = 0;    ///< neuron store
  int64_t lastLeak = 0; ///< neuron: time leak ticks were applied up to
};

class Run {
public:
  Run(const PulseEmulator::Compiled &c, const RunOptions &o)
      : c(c), o(o), cells(c.numCells), timing(c.numCells), cold(c.numCells),
        taken(c.numTransitions, 0), gatedMiss(c.numTransitions, 0),
        pinSlot(size_t(c.numCells + c.netlist.outputs.size()) << kPinBits, -1) {
    for (int32_t i = 0; i < c.numCells; ++i) {
      cells[i].kind = c.cellKind[i];
      cells[i].outPin = c.cellOut[i];
    }
  }

  void setup(const std::vector<WirePulses> &inputs);
  void loop();
  RunResult finish();

private:
  void arrive(int32_t pin, int64_t t);
  void deliverGroup(int32_t cell, const Pulse *begin, const Pulse *end,
                    int64_t t);
  void deliver(int32_t cell, int port, int64_t t);
  void violate(ViolationKind kind, int32_t cell, int port, int64_t t,
               int otherPort, int64_t otherT, int64_t limit);
  uint64_t draw(int32_t cell) {
    // Keyed by the netlist's cell index: streams do not depend on layout.
    return mix64(mix64(seedKey ^ (uint64_t(c.cellId[cell]) * kGolden)) +
                 (++cold[cell].draws) * kGolden);
  }

  const PulseEmulator::Compiled &c;
  const RunOptions &o;
  std::vector<CellRun> cells;
  std::vector<CellTiming> timing;
  std::vector<CellCold> cold;
  EventQueue queue;
  std::vector<uint64_t> taken, gatedMiss; ///< per transition id
  std::vector<int32_t> pinSlot;           ///< per pin: record slot or -1
  std::vector<WireId> recordWires;
  std::vector<std::vector<int64_t>> recorded;
  std::vector<uint8_t> pending;
  RunResult result;
  Counters &k = result.counters;
  uint64_t seedKey = 0;
  int64_t endFs = std::numeric_limits<int64_t>::max();
  int32_t clockPin = -1;
  int64_t clockPhaseFs = 0, clockPeriodFs = 0, clockIndex = 0;
  int64_t firstInFs = kNever, firstOutFs = kNever, lastFs = 0;
  bool stop = false;
};

void Run::setup(const std::vector<WirePulses> &inputs) {
  const Netlist &n = c.netlist;
  seedKey = mix64(o.seed + kGolden);
  int64_t lastInFs = 0;
  for (const WirePulses &w : inputs) {
    if (w.wire < 0 || w.wire >= WireId(n.wires.size()) || !c.isInput[w.wire])
      throw std::runtime_error("input pulses for " +
                               (w.wire < 0 || w.wire >= WireId(n.wires.size())
                                    ? "wire id " + std::to_string(w.wire)
                                    : "wire '" + n.wires[w.wire].name + "'") +
                               ", which is not a primary input");
    if (n.clock && w.wire == *n.clock)
      throw std::runtime_error("wire '" + n.wires[w.wire].name +
                               "' is the clock: the emulator drives it");
    for (double ps : w.timesPs) {
      // int64 fs reach 9.2e18 fs; keep a margin for delays.
      if (!std::isfinite(ps) || ps < 0 || ps > 1e15)
        throw std::runtime_error("wire '" + n.wires[w.wire].name +
                                 "': pulse time " + std::to_string(ps) +
                                 " ps is not a time in [0, 1e15] ps");
      const int64_t t = toFs(ps);
      queue.push({t, c.wirePin[w.wire]});
      firstInFs = firstInFs == kNever ? t : std::min(firstInFs, t);
      lastInFs = std::max(lastInFs, t);
    }
  }
  if (n.clock) {
    clockPin = c.wirePin[*n.clock];
    clockPeriodFs = std::max<int64_t>(1, toFs(n.clockPeriodPs));
    clockPhaseFs = toFs(n.clockPhasePs);
    // The first clock pulse at or after t = 0.
    clockIndex = clockPhaseFs >= 0
                     ? 0
                     : (-clockPhaseFs + clockPeriodFs - 1) / clockPeriodFs;
  }
  if (std::isfinite(o.endPs))
    endFs = toFs(std::clamp(o.endPs, 0.0, 1e15));
  else if (n.clock)
    endFs = lastInFs + int64_t(o.drainCycles) * clockPeriodFs;
  else // a loop of cells would pulse forever: stop 1 us after the inputs
    endFs = lastInFs + toFs(kUnclockedDrainPs);
  if (n.clock) {
    const int64_t first = clockPhaseFs + clockIndex * clockPeriodFs;
    if (first <= endFs)
      queue.push({first, clockPin});
  }
  if (o.recordAll)
    for (WireId w = 0; w < WireId(n.wires.size()); ++w)
      recordWires.push_back(w);
  else if (o.record.empty())
    for (const Port &p : n.outputs)
      recordWires.push_back(p.wire);
  else
    recordWires = o.record;
  for (WireId w : recordWires) {
    if (w < 0 || w >= WireId(n.wires.size()))
      throw std::runtime_error("cannot record wire id " + std::to_string(w) +
                               ": out of range");
    const int32_t pin = c.wirePin[w], cell = pin >> kPinBits;
    pinSlot[pin] = static_cast<int32_t>(recorded.size());
    if (cell < c.numCells)
      cells[cell].recordMask |= uint8_t(1u << (pin & 3));
    recorded.emplace_back();
  }
}

void Run::violate(ViolationKind kind, int32_t cell, int port, int64_t t,
                  int otherPort, int64_t otherT, int64_t limit) {
  ++k.violations[static_cast<int>(kind)];
  ++k.totalViolations;
  if (result.violations.size() < o.maxViolationRecords)
    result.violations.push_back({kind, c.cellId[cell], port, toPs(t), otherPort,
                                 toPs(otherT), toPs(limit)});
  if (o.strict)
    stop = result.stoppedAtViolation = true;
}

void Run::deliver(int32_t cell, int port, int64_t t) {
  CellRun &s = cells[cell];
  const uint8_t kind = s.kind;
  const CType &ty = c.types[kind];
  ++k.events[kind];
  const bool tracked = ty.trackMask & (1u << port);
  if (t < s.busyUntil) {
    // Inside the window of the previous transition: the pulse is dropped.
    const CTransition &open = ty.trans[s.busyTrans];
    ViolationKind vk = ty.merger ? ViolationKind::MergerCollision
                       : open.input == ty.clkPort ? ViolationKind::Hold
                                                  : ViolationKind::Busy;
    k.mergerLost += ty.merger;
    violate(vk, cell, port, t, open.input, s.busyUntil - open.busyFs,
            open.busyFs);
    if (tracked)
      timing[cell].lastSeen[port] = t;
    return;
  }
  const CTransition &tr = ty.at(s.state, port);
  if (tr.numSetup || tracked) {
    CellTiming &tm = timing[cell];
    for (int i = 0; i < tr.numSetup; ++i) {
      const int64_t last = tm.lastSeen[tr.setupPort[i]];
      if (last != kNever && t - last < tr.setupFs[i])
        violate(ViolationKind::Setup, cell, port, t, tr.setupPort[i], last,
                tr.setupFs[i]);
    }
    if (tracked)
      tm.lastSeen[port] = t;
  }
  bool fire = tr.fireMask != 0;
  if (tr.gate == Gate::Stochastic) {
    const double u = double(draw(cell) >> 11) * 0x1.0p-53;
    fire = u < c.synapseP[cell];
    ++(fire ? k.synapsePassed : k.synapseBlocked);
  } else if (tr.gate != Gate::None) {
    CellCold &n = cold[cell];
    if (ty.leakFs > 0) { // leak ticks at every multiple of leak_ps
      const int64_t ticks = t / ty.leakFs - n.lastLeak / ty.leakFs;
      n.count = std::max<int64_t>(0, n.count - ticks);
      n.lastLeak = t;
    }
    if (tr.gate == Gate::CountDown) {
      n.count = std::max<int64_t>(0, n.count - 1);
    } else if (++n.count >= c.threshold[cell]) {
      n.count = 0;
      ++k.neuronFirings;
    } else {
      fire = false;
    }
  }
  s.state = tr.to;
  if (tr.busyFs > 0 && (tr.gate != Gate::CountUp || fire)) {
    s.busyUntil = t + tr.busyFs;
    s.busyTrans = static_cast<int16_t>(&tr - ty.trans.data());
  }
  ++taken[tr.id];
  if (!fire && tr.fireMask) {
    ++gatedMiss[tr.id];
    return;
  }
  if (!fire)
    return;
  int64_t delay = tr.delayFs;
  if (o.jitter) {
    const uint64_t x = draw(cell);
    const double u1 = (double(x >> 32) + 0.5) * 0x1.0p-32;
    const double u2 = double(x & 0xffffffffu) * 0x1.0p-32;
    const double z =
        std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
    delay =
        std::llround(double(delay) * (1 + std::clamp(z * 0.2 / 3, -0.2, 0.2)));
  }
  for (int out = 0; out < ty.numOut; ++out)
    if (tr.fireMask & (1u << out))
      queue.push({t + delay, s.outPin[out]});
}

void Run::deliverGroup(int32_t cell, const Pulse *begin, const Pulse *end,
                       int64_t t) {
  const CType &ty = c.types[cells[cell].kind];
  pending.clear();
  for (const Pulse *p = begin; p != end; ++p)
    pending.push_back(uint8_t(p->pin & 3));
  while (!pending.empty() && !stop) {
    const CellRun &s = cells[cell];
    size_t best = 0;
    for (size_t i = 1; i < pending.size(); ++i) {
      const int pi = ty.at(s.state, pending[i]).priority;
      const int pb = ty.at(s.state, pending[best]).priority;
      if (pi < pb || (pi == pb && pending[i] < pending[best]))
        best = i;
    }
    const int port = pending[best];
    pending.erase(pending.begin() + best);
    deliver(cell, port, t);
  }
}

void Run::arrive(int32_t pin, int64_t t) {
  const int32_t cell = pin >> kPinBits;
  if (cell >= c.numCells) { // a primary output
    if (firstOutFs == kNever)
      firstOutFs = t;
    if (pinSlot[pin] >= 0)
      recorded[pinSlot[pin]].push_back(t);
  } else if (cells[cell].recordMask & (1u << (pin & 3))) {
    recorded[pinSlot[pin]].push_back(t);
  }
  if (pin == clockPin) {
    ++k.clockPulses;
    const int64_t next = clockPhaseFs + (++clockIndex) * clockPeriodFs;
    if (next <= endFs)
      queue.push({next, clockPin});
  }
}

void Run::loop() {
  std::vector<Pulse> batch;
  int64_t batchesAtOneTime = 0;
  while (!stop && queue.popBatch(batch)) {
    const int64_t t = batch.front().t;
    if (t > endFs)
      break;
    // Time must advance: cells with zero delays in a loop (a library or
    // --cell-set may set them) would pulse forever at one instant.
    batchesAtOneTime = t == lastFs ? batchesAtOneTime + 1 : 0;
    if (batchesAtOneTime > kMaxBatchesAtOneTime) {
      const int32_t cell = batch.front().pin >> kPinBits;
      throw std::runtime_error(
          "time stopped at " + std::to_string(toPs(t)) + " ps: " +
          (cell < c.numCells ? "cell '" + c.netlist.cells[c.cellId[cell]].name +
                                   "' and others"
                             : std::string("cells")) +
          " pulse again and again without delay (a loop of zero-delay "
          "cells?)");
    }
    lastFs = t;
    for (size_t i = 0; i < batch.size() && !stop;) {
      const int32_t cell = batch[i].pin >> kPinBits;
      size_t j = i + 1;
      while (j < batch.size() && (batch[j].pin >> kPinBits) == cell)
        ++j;
      for (size_t m = i; m < j; ++m)
        arrive(batch[m].pin, t);
      if (cell < c.numCells && j == i + 1) // else: a primary output
        deliver(cell, batch[i].pin & 3, t);
      else if (cell < c.numCells)
        deliverGroup(cell, &batch[i], &batch[0] + j, t);
      i = j;
    }
  }
}

RunResult Run::finish() {
  for (size_t i = 0; i < recordWires.size(); ++i) {
    WirePulses w{recordWires[i], {}};
    w.timesPs.reserve(recorded[i].size());
    for (int64_t t : recorded[i])
      w.timesPs.push_back(toPs(t));
    result.pulses.push_back(std::move(w));
  }
  for (uint64_t e : k.events)
    k.cellEvents += e;
  double icMA = 0;
  for (uint32_t id = 0; id < c.numTransitions; ++id)
    icMA += (double(taken[id]) - 0.5 * double(gatedMiss[id])) *
            c.transitionIcMA[id];
  k.switchingEnergyJ = switchingEnergyJ(icMA);
  k.jjs = c.jjs;
  k.biasMA = c.biasMA;
  k.staticPowerW = c.biasMA * c.library.biasVoltageMV * 1e-6; // mA x mV = uW
  if (firstInFs != kNever && firstOutFs != kNever)
    k.latencyPs = toPs(firstOutFs - firstInFs);
  k.endPs = toPs(lastFs);
  return std::move(result);
}

} // namespace

PulseEmulator::PulseEmulator(const Netlist &netlist, const CellLibrary &library)
    : compiled(std::make_unique<Compiled>()) {
  if (auto err = checkNetlist(netlist))
    throw std::runtime_error("sfq netlist: " + *err);
  validate(library);
  compiled->netlist = netlist;
  compiled->library = library;
  compile(*compiled);
}

PulseEmulator::~PulseEmulator() = default;

const Netlist &PulseEmulator::netlist() const { return compiled->netlist; }

RunResult PulseEmulator::run(const std::vector<WirePulses> &inputs,
                             const RunOptions &options) const {
  Run run(*compiled, options);
  run.setup(inputs);
  run.loop();
  return run.finish();
}

} // namespace nmc::sfq
