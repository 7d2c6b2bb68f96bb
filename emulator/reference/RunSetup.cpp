//===- RunSetup.cpp - Configuration checks and result layout -------------===//
#include "RunSetup.h"
#include "ResultCollector.h"

#include "nmc/Sim/Memory.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>


namespace nmc::engine::detail {

void configError(const std::string &msg) {
  throw std::runtime_error("run configuration: " + msg);
}

namespace {

size_t lookup(const Program &program, const std::string &name,
              const char *what) {
  for (size_t k = 0; k < program.nodes.size(); ++k)
    if (program.nodes[k].name == name)
      return k;
  configError(
      fmt::format("{} names node '{}', which is not in the image", what, name));
}

void checkConfig(const Program &program, const RunConfig &config,
                 std::vector<NodePlan> &plan) {
  if (config.steps < 0)
    configError(fmt::format("steps = {} is negative", config.steps));
  if (config.batch < 1)
    configError(fmt::format("batch = {} must be at least 1", config.batch));
  auto inputNode = [&](const std::string &name, const char *what) {
    size_t k = lookup(program, name, what);
    if (program.nodes[k].kind != Kind::Input)
      configError(fmt::format("{} names node '{}' of kind {}, not an input",
                              what, name, program.nodes[k].kindName));
    return k;
  };
  for (const auto &[name, batch] : config.inputs) {
    size_t k = inputNode(name, "inputs");
    if (batch.size() > 1 && static_cast<int64_t>(batch.size()) != config.batch)
      configError(fmt::format("inputs for '{}' hold {} samples; expected 1 "
                              "(shared) or batch = {}",
                              name, batch.size(), config.batch));
    const int64_t size = program.nodes[k].outSize;
    for (size_t s = 0; s < batch.size(); ++s)
      for (size_t e = 0; e < batch[s].size(); ++e) {
        const Event &ev = batch[s][e];
        if (ev.step < 0 || ev.neuron < 0 || ev.neuron >= size)
          configError(fmt::format("input '{}' sample {} event {} (step {}, "
                                  "neuron {}) is outside steps >= 0, "
                                  "neurons [0, {})",
                                  name, s, e, ev.step, ev.neuron, size));
      }
    if (!batch.empty())
      plan[k].events = &batch;
  }
  for (const auto &[name, src] : config.sources) {
    size_t k = inputNode(name, "sources");
    if (!src)
      configError(fmt::format("source for '{}' is null", name));
    plan[k].source = src.get();
  }
  for (const auto &[name, v] : config.initialV) {
    size_t k = lookup(program, name, "initialV");
    const NodeSpec &spec = program.nodes[k];
    if (spec.kind != Kind::Neuron)
      configError(fmt::format("initialV names '{}' of kind {}, not a neuron",
                              name, spec.kindName));
    if (v.size() != 1 && static_cast<int64_t>(v.size()) != spec.outSize)
      configError(fmt::format("initialV for '{}' has {} values; expected 1 "
                              "or {}",
                              name, v.size(), spec.outSize));
    plan[k].initialV = &v;
  }
  for (const std::string &name : config.traceNodes)
    plan[lookup(program, name, "traceNodes")].traced = true;
}

/// Static spiking kinds, fed inputs, and identities of spike trains
/// (greatest fixpoint, so cycles of identities keep their spiking status).
void decideSpiking(const Program &program, std::vector<NodePlan> &plan) {
  auto identity = [](Kind k) {
    return k == Kind::Output || k == Kind::Flatten || k == Kind::Delay;
  };
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    const NodeSpec &spec = program.nodes[k];
    NodePlan &p = plan[k];
    p.spiking = spec.spiking || identity(spec.kind);
    if (spec.kind != Kind::Input)
      continue;
    bool fed = p.events || p.source;
    bool unit = !p.source || p.source->binary();
    if (p.events)
      for (const auto &sample : *p.events)
        for (const Event &e : sample)
          unit &= e.value == 1.0;
    p.spiking = fed && unit;
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = 0; k < program.nodes.size(); ++k) {
      const NodeSpec &spec = program.nodes[k];
      if (!identity(spec.kind) || !plan[k].spiking)
        continue;
      for (const image::InputEdge &e : spec.inputs)
        if (!plan[e.source].spiking) {
          plan[k].spiking = false;
          changed = true;
          break;
        }
    }
  }
}

} // namespace

std::vector<NodePlan> planRun(const Program &program, const RunConfig &config) {
  std::vector<NodePlan> plan(program.nodes.size());
  checkConfig(program, config, plan);
  decideSpiking(program, plan);
  return plan;
}

int tracedValues(const NodeSpec &spec) {
  return spec.kind != Kind::Neuron ? 1 : spec.hasSyn ? 3 : 2;
}

/// Whether every spike value of node k is 1: spiking neurons and threshold
/// nodes emit 1, spiking inputs were fed unit values only, and single-input
/// identities pass them on (sums of several spike trains may reach 2).
static bool unitSpikes(const Program &program, size_t k) {
  const NodeSpec &spec = program.nodes[k];
  if (spec.kind == Kind::Output || spec.kind == Kind::Flatten ||
      spec.kind == Kind::Delay)
    return spec.inputs.size() == 1 &&
           unitSpikes(program, spec.inputs[0].source);
  return true;
}

/// A weight trace writes every synapse every step: at most this many.
static constexpr int64_t kMaxWeightTrace = 100000;

Recorder::Recorder(const Program &program, const RunConfig &config,
                   const std::vector<NodePlan> &plan, RunResult &result)
    : result(result) {
  result.steps = config.steps;
  result.batch = config.batch;
  result.dt = program.dt;
  result.nodes.resize(program.nodes.size());
  sim::RunInfo info;
  info.title = program.source;
  info.producer = "nmc reference engine";
  info.dt = program.dt;
  info.steps = config.steps;
  info.batch = config.batch;
  double bytes = 0;
  std::string names;
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    const NodeSpec &spec = program.nodes[k];
    NodeResult &r = result.nodes[k];
    r.name = spec.name;
    r.kind = spec.kindName;
    r.shape = spec.outShape;
    r.size = spec.outSize;
    r.spiking = plan[k].spiking;
    sim::NodeInfo n;
    n.name = spec.name;
    n.kind = spec.kindName;
    n.shape = spec.outShape;
    n.size = spec.outSize;
    n.spiking = plan[k].spiking;
    n.unitSpikes = unitSpikes(program, k);
    if (plan[k].traced) {
      n.traces = {"out"};
      if (spec.kind == Kind::Neuron)
        n.traces.push_back("v");
      if (spec.kind == Kind::Neuron && spec.hasSyn)
        n.traces.push_back("i");
      bytes += double(config.batch) * double(config.steps) *
               double(spec.outSize) * double(n.traces.size()) * sizeof(double);
      if (spec.stdp) {
        // The weights after each step, one value per synapse.
        const int64_t synapses = spec.kind == Kind::Affine
                                     ? spec.inSize * spec.outSize
                                     : spec.indptr.back();
        if (synapses > kMaxWeightTrace)
          configError(fmt::format("traceNodes names plastic node '{}' of {} "
                                  "synapses; its weight trace 'w' is "
                                  "limited to {} synapses",
                                  spec.name, synapses, kMaxWeightTrace));
        n.traces.push_back("w");
        n.traceSizes = {0, synapses};
        bytes += double(config.batch) * double(config.steps) *
                 double(synapses) * sizeof(double);
      }
      names += (names.empty() ? "'" : ", '") + spec.name + "'";
    }
    info.nodes.push_back(std::move(n));
  }
  if (config.collect) {
    // Collected traces are kept whole in memory: refuse, naming the cost,
    // what cannot fit instead of failing inside the allocator.
    try {
      sim::checkFitsInMemory(
          bytes,
          fmt::format("recording traces of {} for {} steps x {} samples",
                      names, config.steps, config.batch),
          "record fewer nodes or steps");
    } catch (const std::runtime_error &e) {
      configError(e.what());
    }
    sinks.add(std::make_unique<ResultCollector>(result));
  }
  if (config.sink)
    sinks.add(std::make_unique<sim::ForwardingSink>(*config.sink));
  sinks.begin(info);
}

void Recorder::spikes(size_t k, int64_t count) {
  result.nodes[k].spikeCount += count;
  if (!count || !active())
    return;
  // Dense scans list in index order; sparse lists may not be sorted.
  auto byNeuron = [](const Event &a, const Event &b) {
    return a.neuron < b.neuron;
  };
  if (!std::is_sorted(events.begin(), events.end(), byNeuron))
    std::sort(events.begin(), events.end(), byNeuron);
  sinks.spikes(k, events);
}

void sortEvents(const EventBatch &events, int64_t sample, int64_t steps,
                std::vector<Event> &out) {
  const std::vector<Event> &src = events[events.size() == 1 ? 0 : sample];
  out.clear();
  for (const Event &e : src)
    if (e.step < steps)
      out.push_back(e);
  std::stable_sort(out.begin(), out.end(), [](const Event &a, const Event &b) {
    return a.step != b.step ? a.step < b.step : a.neuron < b.neuron;
  });
}

void fillSourceStep(InputSource &source, const std::vector<Event> &sorted,
                    size_t &cursor, int64_t t, std::vector<double> &values) {
  std::fill(values.begin(), values.end(), 0.0);
  source.fill(t, values);
  for (; cursor < sorted.size() && sorted[cursor].step == t; ++cursor)
    values[sorted[cursor].neuron] += sorted[cursor].value;
}

} // namespace nmc::engine::detail
