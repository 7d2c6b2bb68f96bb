//===- Cosim.cpp - Lockstep co-simulation of xbar models ------------------===//
#include "nmc/Target/Xbar/Cosim.h"

#include "CrossbarHook.h"

#include "nmc/Model/FixedPoint.h"
#include "nmc/Support/Random.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <stdexcept>

namespace nmc::xbar {

EmulatorStepModel::EmulatorStepModel(std::shared_ptr<const XbarPayload> p)
    : payload(std::move(p)), engine(payload->network) {
  for (const image::Node &n : payload->network.nodes) {
    if (n.kind == "input" && input.empty())
      input = n.name;
    if (n.kind == "output" && output.empty())
      output = n.name;
    if (n.kind == "neuron")
      neurons.push_back(n.name);
  }
  auto format = model::parseFixedFormat(payload->network.numberFormat);
  if (!format)
    throw std::runtime_error("cosim: the image's network is not fixed point");
  fracBits = format->fracBits;
}

EmulatorStepModel::~EmulatorStepModel() = default;

namespace {

/// The crossbar hook, keeping every step's latency.
class LatencyRecorder : public CrossbarHook {
public:
  using CrossbarHook::CrossbarHook;
  void endStep(int64_t sample, int64_t step) override {
    CrossbarHook::endStep(sample, step);
    latencies.push_back(lastStepLatency());
  }
  std::vector<int64_t> latencies;
};

std::vector<int64_t> sorted(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

} // namespace

void EmulatorStepModel::inject(std::span<const int64_t> addresses) {
  for (int64_t a : addresses)
    events.push_back({steps, a, 1.0});
  pending.insert(pending.end(), addresses.begin(), addresses.end());
}

void EmulatorStepModel::prepare(
    const std::vector<std::vector<int64_t>> &inputs) {
  if (steps != 0 || !events.empty() || inputs.empty())
    return; // announced from the start only
  for (size_t t = 0; t < inputs.size(); ++t)
    for (int64_t a : inputs[t])
      events.push_back({int64_t(t), a, 1.0});
  record(int64_t(inputs.size()));
  events.clear();
  planned.clear();
  for (const std::vector<int64_t> &in : inputs)
    planned.push_back(sorted(in));
}

void EmulatorStepModel::step() {
  if (size_t(steps) < planned.size() &&
      sorted(pending) == planned[size_t(steps)]) {
    replay(steps);
  } else {
    planned.clear(); // the recording no longer matches the inputs
    record(steps + 1);
    replay(steps);
  }
  pending.clear();
  ++steps;
}

void EmulatorStepModel::record(int64_t count) {
  LatencyRecorder hook(*payload, payload->hw);
  engine::RunConfig config;
  config.steps = count;
  config.inputs[input] = {events};
  config.traceNodes = neurons;
  config.collect = true;
  config.weightHook = &hook;
  config.engine = engine::EngineKind::Plain;
  const engine::RunResult result = engine.run(config);
  plannedSpikes.assign(size_t(count), {});
  for (const sim::Event &e : result.find(output)->spikes.at(0))
    plannedSpikes.at(size_t(e.step)).push_back(e.neuron);
  for (std::vector<int64_t> &s : plannedSpikes)
    std::sort(s.begin(), s.end());
  plannedV.clear();
  sizes.clear();
  for (const std::string &name : neurons) {
    const engine::NodeResult &n = *result.find(name);
    plannedV.push_back(n.traces.at("v"));
    sizes.push_back(n.size);
  }
  if (hook.latencies.size() != size_t(count))
    throw std::logic_error("cosim: the crossbar hook saw a different number "
                           "of steps than the run");
  plannedCycles = std::move(hook.latencies);
}

void EmulatorStepModel::replay(int64_t t) {
  spikes = plannedSpikes.at(size_t(t));
  cycles = plannedCycles.at(size_t(t));
  v.clear();
  for (size_t k = 0; k < neurons.size(); ++k) {
    const auto first = plannedV[k].begin() + t * sizes[k];
    v.emplace_back(first, first + sizes[k]);
  }
}

int64_t EmulatorStepModel::membrane(const std::string &node,
                                    int64_t element) const {
  for (size_t k = 0; k < neurons.size(); ++k)
    if (neurons[k] == node)
      return int64_t(std::ldexp(v[k].at(size_t(element)), fracBits));
  throw std::runtime_error("cosim: no neuron node '" + node + "'");
}

namespace {

std::string list(const std::vector<int64_t> &v) {
  return v.empty() ? "none" : fmt::format("{}", fmt::join(v, " "));
}

} // namespace

LockstepReport runLockstep(StepModel &expected, StepModel &actual,
                           const RtlImage &image,
                           const std::vector<std::vector<int64_t>> &inputs) {
  LockstepReport report;
  // The last events, for the context of a mismatch.
  std::deque<std::string> recent;
  auto remember = [&](std::string event) {
    recent.push_back(std::move(event));
    if (recent.size() > 8)
      recent.pop_front();
  };
  auto stop = [&](int64_t step, const std::string &what) {
    report.ok = false;
    report.mismatch = fmt::format("mismatch at step {}: {}\n  expected = {}, "
                                  "actual = {}\n  last events:",
                                  step, what, expected.name(), actual.name());
    for (const std::string &e : recent)
      report.mismatch += "\n    " + e;
  };
  expected.prepare(inputs);
  actual.prepare(inputs);
  for (size_t t = 0; t < inputs.size(); ++t) {
    const int64_t step = int64_t(t);
    expected.inject(inputs[t]);
    actual.inject(inputs[t]);
    expected.step();
    actual.step();
    remember(fmt::format("step {}: input spikes {}", step, list(inputs[t])));
    // Neuron state first: a wrong weight shows there before it spikes.
    for (const RtlSlice &s : image.slices) {
      if (s.kind != RtlSliceKind::Neuron)
        continue;
      for (int64_t e = s.begin; e < s.end; ++e) {
        const int64_t want = expected.membrane(s.node, e);
        const int64_t got = actual.membrane(s.node, e);
        ++report.membranes;
        if (want != got) {
          stop(step,
               fmt::format(
                   "membrane of '{}' neuron {} (tile at mesh "
                   "node {}, slot {}): expected {} (raw {}), "
                   "actual {} (raw {})",
                   s.node, e, s.meshNode, s.slot + e - s.begin,
                   std::ldexp(double(want), -int(image.params.fracBits)), want,
                   std::ldexp(double(got), -int(image.params.fracBits)), got));
          return report;
        }
      }
    }
    const std::vector<int64_t> want = expected.outputSpikes();
    const std::vector<int64_t> got = actual.outputSpikes();
    if (want != got) {
      stop(step, fmt::format("output '{}' spikes: expected [{}], actual [{}]",
                             image.output, list(want), list(got)));
      return report;
    }
    report.outputSpikes += int64_t(want.size());
    remember(fmt::format("step {}: output spikes {}", step, list(want)));
    const int64_t wantCycles = expected.stepCycles();
    const int64_t gotCycles = actual.stepCycles();
    if (wantCycles != gotCycles) {
      stop(step, fmt::format("step cycles: expected {}, actual {}", wantCycles,
                             gotCycles));
      return report;
    }
    report.cycles += wantCycles;
    report.steps = step + 1;
  }
  return report;
}

std::vector<std::vector<int64_t>> randomSpikes(int64_t steps, int64_t size,
                                               double rate, uint64_t seed) {
  Xoshiro256 rng(seed);
  std::vector<std::vector<int64_t>> out(static_cast<size_t>(steps));
  for (std::vector<int64_t> &s : out)
    for (int64_t i = 0; i < size; ++i)
      if (rng.uniform() < rate)
        s.push_back(i);
  return out;
}

} // namespace nmc::xbar
