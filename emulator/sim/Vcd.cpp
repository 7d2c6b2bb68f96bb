//===- Vcd.cpp - Value change dump of chosen neurons, streamed -----------===//
#include "nmc/Sim/Vcd.h"

#include "nmc/Sim/OutputFile.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace nmc::sim {
namespace {

/// VCD names are whitespace-free; keep them readable.
std::string sanitize(const std::string &s) {
  std::string out = s.empty() ? std::string("_") : s;
  for (char &c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.')
      c = '_';
  return out;
}

} // namespace

std::pair<std::string, int64_t> vcdTimescale(double dt) {
  static const char *units[] = {"s", "ms", "us", "ns", "ps", "fs"};
  static const char *factors[] = {"1", "10", "100"};
  for (int k = 0; k <= 15; ++k) {
    double ticks = dt / std::pow(10.0, -k);
    double whole = std::round(ticks);
    if (whole >= 1 && std::abs(ticks - whole) <= 1e-6 * ticks) {
      int unit = (k + 2) / 3; // 10^-k s = factor * 10^(-3 unit) s
      return {fmt::format("{} {}", factors[3 * unit - k], units[unit]),
              static_cast<int64_t>(whole)};
    }
  }
  return {"1 fs", std::max<int64_t>(1, std::llround(dt * 1e15))};
}

VcdSink::VcdSink(std::string path, VcdOptions options)
    : path(std::move(path)), options(std::move(options)) {}
VcdSink::~VcdSink() = default;

void VcdSink::begin(const RunInfo &info) {
  auto fail = [&](const std::string &msg) {
    throw std::runtime_error(fmt::format("{}: {}", path, msg));
  };
  if (options.sample < 0 || options.sample >= info.batch)
    fail(fmt::format("sample {} is outside the run's batch of {}",
                     options.sample, info.batch));
  if (!(info.dt > 0))
    fail("the run has no positive dt");
  std::vector<VcdProbe> probes = options.probes;
  if (probes.empty())
    for (const NodeInfo &n : info.nodes)
      if (n.spiking && n.kind != "input")
        probes.push_back({n.name, {}});
  wiresOf.assign(info.nodes.size(), {});
  realsOf.assign(info.nodes.size(), {});
  std::vector<std::pair<std::string, std::vector<size_t>>> scopes;
  for (const VcdProbe &probe : probes) {
    const int64_t k = info.find(probe.node);
    if (k < 0)
      fail(fmt::format("node '{}' is not in the run", probe.node));
    const NodeInfo &node = info.nodes[k];
    if (!node.spiking && node.traces.empty())
      fail(fmt::format("node '{}' has neither spikes nor traces to dump "
                       "(record it)",
                       probe.node));
    std::vector<int64_t> neurons = probe.neurons;
    const int64_t width = node.traces.empty() ? node.size : node.traceWidth();
    if (neurons.empty())
      for (int64_t i = 0; i < std::min(options.neuronsPerNode, width); ++i)
        neurons.push_back(node.traces.empty() ? i : node.traceElement(i));
    std::vector<size_t> members;
    for (int64_t i : neurons) {
      if (i < 0 || i >= node.size)
        fail(fmt::format("neuron {} is outside node '{}' of size {}", i,
                         probe.node, node.size));
      // Position of neuron i in the node's trace rows (-1: not recorded).
      int64_t position = -1;
      for (int64_t p = 0; p < node.traceWidth(); ++p)
        if (node.traceElement(p) == i)
          position = p;
      if (!node.traces.empty() && position < 0)
        fail(fmt::format("neuron {} of node '{}' is not recorded", i,
                         probe.node));
      auto add = [&](Signal s) {
        s.node = size_t(k);
        s.neuron = i;
        s.id = vcdIdentifier(signals.size());
        if (s.wire)
          wiresOf[k].push_back({i, signals.size()});
        else
          realsOf[k].push_back({position, signals.size()});
        members.push_back(signals.size());
        signals.push_back(std::move(s));
      };
      if (node.spiking)
        add({.name = fmt::format("spike_{}", i), .wire = true});
      // Per-neuron variables only ("w" has one value per synapse).
      for (size_t v = 0; v < node.traces.size(); ++v)
        if ((!node.spiking || node.traces[v] != "out") && !node.ownSize(v))
          add({.name = fmt::format("{}_{}", node.traces[v], i), .var = v});
    }
    scopes.emplace_back(sanitize(probe.node), std::move(members));
  }
  auto [timescale, perStep] = vcdTimescale(info.dt);
  ticks = perStep;
  steps = info.steps;
  out = std::make_unique<detail::OutputFile>(path);
  out->print("$date\n  (nmc run)\n$end\n");
  out->print("$version\n  {}\n$end\n", info.producer);
  out->print("$comment\n  dt = {} s, {} steps, sample {}\n$end\n", info.dt,
             info.steps, options.sample);
  out->print("$timescale {} $end\n", timescale);
  for (const auto &[scope, members] : scopes) {
    out->print("$scope module {} $end\n", scope);
    for (size_t m : members) {
      const Signal &s = signals[m];
      out->print("$var {} {} {} {} $end\n", s.wire ? "wire" : "real",
                 s.wire ? 1 : 64, s.id, s.name);
    }
    out->print("$upscope $end\n");
  }
  out->print("$enddefinitions $end\n");
}

void VcdSink::beginSample(int64_t sample) { active = sample == options.sample; }

void VcdSink::spikes(size_t node, std::span<const Event> events) {
  if (!active)
    return;
  for (const auto &[neuron, s] : wiresOf[node])
    for (const Event &e : events)
      if (e.neuron == neuron)
        signals[s].now = 1;
}

void VcdSink::trace(size_t node, size_t var, int64_t step,
                    std::span<const double> row) {
  if (!active)
    return;
  for (const auto &[neuron, s] : realsOf[node])
    if (signals[s].var == var)
      signals[s].now = row[neuron];
}

/// Writes the signals whose value differs from the last step's (all at step
/// 0, in $dumpvars); wires fall back to 0 for the next step.
void VcdSink::emitChanges(int64_t step) {
  changes.clear();
  for (Signal &s : signals) {
    if (step == 0 || s.now != s.last) {
      if (s.wire)
        changes += fmt::format("{}{}\n", s.now != 0 ? 1 : 0, s.id);
      else
        changes += fmt::format("r{} {}\n", s.now, s.id);
    }
    s.last = s.now;
    if (s.wire)
      s.now = 0;
  }
  if (step == 0)
    out->print("#0\n$dumpvars\n{}$end\n", changes);
  else if (!changes.empty())
    out->print("#{}\n{}", step * ticks, changes);
}

void VcdSink::endStep(int64_t step) {
  if (active)
    emitChanges(step);
}

void VcdSink::endSample(int64_t sample) {
  if (!active)
    return;
  // Wires high in the last step fall at the end of the run.
  changes.clear();
  for (Signal &s : signals)
    if (s.wire && s.last != 0)
      changes += fmt::format("0{}\n", s.id);
  if (!changes.empty())
    out->print("#{}\n{}", steps * ticks, changes);
  active = false;
  (void)sample;
}

void VcdSink::finish() {
  if (out)
    out->close();
}

} // namespace nmc::sim
