//===- NetworkSimulator.cpp - A netlist run as a rate-coded network -------===//
//
// Per sample: collect the input counts of every step (events and streamed
// sources), turn them into pulse trains, emulate the whole sample in one
// PulseEmulator::run, then replay the per-window output counts to the sink
// step by step. A sample is held in memory as counts (inputs x steps), not
// as pulses of every wire.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SFQ/NetworkSimulator.h"

#include "nmc/Sim/Report.h"
#include "nmc/Target/SFQ/PulseIO.h"
#include "nmc/Target/SFQ/SfqReport.h"
#include "nmc/Target/SFQ/Timing.h"

#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>

namespace nmc::sfq {

std::vector<NodePorts> groupPorts(const std::vector<Port> &ports) {
  std::vector<NodePorts> nodes;
  std::map<std::string, size_t> index;
  for (const Port &p : ports) {
    std::string base = p.name;
    int64_t element = 0;
    const size_t open = p.name.rfind('[');
    if (open != std::string::npos && p.name.back() == ']' && open > 0) {
      const std::string digits =
          p.name.substr(open + 1, p.name.size() - open - 2);
      if (!digits.empty() &&
          digits.find_first_not_of("0123456789") == std::string::npos &&
          digits.size() < 10) {
        base = p.name.substr(0, open);
        element = std::stoll(digits);
      }
    }
    auto [it, fresh] = index.emplace(base, nodes.size());
    if (fresh)
      nodes.push_back({base, {}});
    NodePorts &node = nodes[it->second];
    if (node.wires.size() <= size_t(element))
      node.wires.resize(element + 1, kNoWire);
    if (node.wires[element] != kNoWire)
      throw std::runtime_error("port '" + p.name + "' is element " +
                               std::to_string(element) + " of node '" + base +
                               "' a second time");
    node.wires[element] = p.wire;
  }
  return nodes;
}

namespace {

class NetworkSimulator : public sim::Simulator {
public:
  NetworkSimulator(const Netlist &netlist, const CellLibrary &library,
                   std::vector<NodePorts> inputs,
                   std::vector<NodePorts> outputs,
                   const NetworkRunOptions &options)
      : emulator(netlist, library), library(library), inputs(std::move(inputs)),
        outputs(std::move(outputs)), options(options),
        timing(analyzeClock(netlist, library)) {
    if (!(options.windowPs > 0) || !(options.offsetPs >= 0) ||
        !(options.staggerPs >= 0))
      throw std::runtime_error("the step window must be > 0 ps, its "
                               "offset and the input stagger >= 0 ps");
  }

  std::vector<sim::NodeInfo> nodes() const override {
    std::vector<sim::NodeInfo> out;
    for (const auto *group : {&inputs, &outputs})
      for (const NodePorts &n : *group) {
        sim::NodeInfo info;
        info.name = n.name;
        info.kind = group == &inputs ? "input" : "output";
        info.size = int64_t(n.wires.size());
        info.shape = {info.size};
        info.spiking = true;
        info.unitSpikes = false; // a window may hold several pulses
        out.push_back(std::move(info));
      }
    return out;
  }

  sim::RunStats run(const sim::RunConfig &config) override;

  void addReport(sim::Report &report) const override {
    addSfqReport(report, emulator.netlist(), library, totals, timing);
    sim::Section &s = report.section("sfq");
    s.add("window_ps", options.windowPs, sim::Unit::None,
          "one step = this many ps of pulses")
        .add("window_offset_ps", options.offsetPs, sim::Unit::None,
             "start of the window of step 0, ps")
        .add("input_stagger_ps", options.staggerPs, sim::Unit::None,
             "input wire j is shifted by j x this, ps");
  }

private:
  /// counts[element][step] of input node k in sample `sample`.
  std::vector<std::vector<int64_t>> inputCounts(const sim::RunConfig &config,
                                                size_t k, int64_t sample) const;

  PulseEmulator emulator;
  CellLibrary library;
  std::vector<NodePorts> inputs, outputs;
  NetworkRunOptions options;
  ClockTiming timing;
  RunTotals totals;
};

int64_t pulseCount(double value, const std::string &node, int64_t step) {
  const double rounded = std::round(value);
  if (!(value >= 0) || rounded != value || rounded > 1e6)
    throw std::runtime_error(
        "input '" + node + "': value " + std::to_string(value) + " at step " +
        std::to_string(step) +
        " is not a pulse count (an integer 0..1e6; spikes are 1)");
  return static_cast<int64_t>(rounded);
}

std::vector<std::vector<int64_t>>
NetworkSimulator::inputCounts(const sim::RunConfig &config, size_t k,
                              int64_t sample) const {
  const NodePorts &node = inputs[k];
  const int64_t size = int64_t(node.wires.size());
  std::vector<std::vector<int64_t>> counts(
      size, std::vector<int64_t>(config.steps, 0));
  if (auto it = config.inputs.find(node.name); it != config.inputs.end()) {
    const sim::EventBatch &batch = it->second;
    const auto &events = batch.size() == 1 ? batch[0] : batch.at(sample);
    for (const sim::Event &e : events) {
      if (e.step < 0 || e.step >= config.steps)
        continue;
      if (e.neuron < 0 || e.neuron >= size)
        throw std::runtime_error(
            "input '" + node.name + "': element " + std::to_string(e.neuron) +
            " is outside its size " + std::to_string(size));
      counts[e.neuron][e.step] += pulseCount(e.value, node.name, e.step);
    }
  }
  if (auto it = config.sources.find(node.name); it != config.sources.end()) {
    it->second->begin(sample);
    std::vector<double> values(size);
    for (int64_t t = 0; t < config.steps; ++t) {
      std::fill(values.begin(), values.end(), 0.0);
      it->second->fill(t, values);
      for (int64_t i = 0; i < size; ++i)
        counts[i][t] += pulseCount(values[i], node.name, t);
    }
  }
  return counts;
}

sim::RunStats NetworkSimulator::run(const sim::RunConfig &config) {
  for (const std::string &name : config.traceNodes)
    throw std::runtime_error("--record " + name +
                             ": the sfq target records no state traces "
                             "(record pulses with --pulses --record-wires)");
  if (!config.initialV.empty())
    throw std::runtime_error("--init-v: the sfq target's neurons start at 0");
  auto known = [&](const std::string &name) {
    for (const NodePorts &n : inputs)
      if (n.name == name)
        return true;
    return false;
  };
  for (const auto &[name, batch] : config.inputs)
    if (!known(name))
      throw std::runtime_error("no input node '" + name + "' in the circuit");
  for (const auto &[name, source] : config.sources)
    if (!known(name))
      throw std::runtime_error("no input node '" + name + "' in the circuit");

  const auto start = std::chrono::steady_clock::now();
  const std::vector<sim::NodeInfo> info = nodes();
  sim::RunInfo runInfo;
  runInfo.title = options.title;
  runInfo.producer = "nmc sfq pulse emulator";
  runInfo.dt = options.dt;
  runInfo.steps = config.steps;
  runInfo.batch = config.batch;
  runInfo.nodes = info;
  sim::Sink *sink = config.sink;
  if (sink)
    sink->begin(runInfo);
  totals = RunTotals();
  const double W = options.windowPs, offset = options.offsetPs;
  const double span = double(config.steps) * W;
  std::vector<WireId> record;
  for (const NodePorts &n : outputs)
    for (WireId w : n.wires)
      if (w != kNoWire)
        record.push_back(w);

  sim::RunStats stats;
  for (int64_t sample = 0; sample < config.batch; ++sample) {
    // Inputs: counts per (node, element, step), then pulse trains.
    std::vector<std::vector<std::vector<int64_t>>> counts;
    std::vector<WirePulses> pulses;
    for (size_t k = 0; k < inputs.size(); ++k) {
      counts.push_back(inputCounts(config, k, sample));
      for (size_t i = 0; i < inputs[k].wires.size(); ++i)
        if (inputs[k].wires[i] != kNoWire)
          pulses.push_back({inputs[k].wires[i],
                            countsToPulses(counts.back()[i], W,
                                           offset + double(pulses.size()) *
                                                        options.staggerPs)});
    }
    RunOptions run = options.emulator;
    run.endPs = offset + span;
    run.seed = config.seed + uint64_t(sample) * 0x9E3779B97F4A7C15ull;
    run.record = record;
    run.recordAll = false;
    const RunResult result = emulator.run(pulses, run);
    totals.add(result, offset + span);
    if (result.stoppedAtViolation)
      throw std::runtime_error(
          "--strict: " +
          describe(emulator.netlist(), result.violations.front()));
    // Outputs: pulses per window, per element.
    std::map<WireId, std::vector<int64_t>> binned;
    for (const WirePulses &p : result.pulses)
      binned[p.wire] = pulsesPerWindow(p.timesPs, W, offset, config.steps);
    if (!sink)
      continue;
    sink->beginSample(sample);
    std::vector<sim::Event> events;
    for (int64_t t = 0; t < config.steps; ++t) {
      for (size_t k = 0; k < inputs.size(); ++k) {
        events.clear();
        for (size_t i = 0; i < counts[k].size(); ++i)
          if (counts[k][i][t])
            events.push_back({t, int64_t(i), double(counts[k][i][t])});
        if (!events.empty())
          sink->spikes(k, events);
      }
      for (size_t k = 0; k < outputs.size(); ++k) {
        events.clear();
        for (size_t i = 0; i < outputs[k].wires.size(); ++i) {
          const WireId w = outputs[k].wires[i];
          if (w == kNoWire)
            continue;
          if (const int64_t c = binned[w][t])
            events.push_back({t, int64_t(i), double(c)});
        }
        if (!events.empty())
          sink->spikes(inputs.size() + k, events);
      }
      sink->endStep(t);
      if (config.progress && (t & 255) == 255)
        config.progress(sample * config.steps + t + 1,
                        config.batch * config.steps);
    }
    sink->endSample(sample);
  }
  if (config.progress)
    config.progress(config.batch * config.steps, config.batch * config.steps);
  stats.steps = config.steps;
  stats.batch = config.batch;
  stats.dt = options.dt;
  stats.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // The summary's generic counts: synapse cell events and neuron cells x
  // steps x samples.
  stats.synapticEvents =
      int64_t(totals.counters.events[static_cast<int>(CellKind::Synapse)]);
  int64_t neurons = 0;
  for (const Cell &c : emulator.netlist().cells)
    neurons += c.kind == CellKind::Neuron;
  stats.neuronUpdates = neurons * config.steps * config.batch;
  return stats;
}

} // namespace

std::unique_ptr<sim::Simulator>
makeNetworkSimulator(const Netlist &netlist, const CellLibrary &library,
                     std::vector<NodePorts> inputs,
                     std::vector<NodePorts> outputs,
                     const NetworkRunOptions &options) {
  return std::make_unique<NetworkSimulator>(netlist, library, std::move(inputs),
                                            std::move(outputs), options);
}

} // namespace nmc::sfq
