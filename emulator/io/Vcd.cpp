//===- Vcd.cpp - Value change dump of chosen neurons
//-----------------------===//
#include "nmc/Emulator/Vcd.h"

#include "OutputFile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace nmc::engine {
namespace {

/// VCD identifier codes: base-94 over the printable characters '!'..'~'.
std::string identifier(size_t n) {
  std::string id;
  do {
    id.push_back(static_cast<char>('!' + n % 94));
    n /= 94;
  } while (n);
  return id;
}

/// VCD names are whitespace-free; keep them readable.
std::string sanitize(const std::string &s) {
  std::string out = s.empty() ? std::string("_") : s;
  for (char &c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.')
      c = '_';
  return out;
}

struct Signal {
  std::string id, name;
  bool wire = false;
  const std::vector<double> *trace = nullptr; ///< real signals
  std::vector<int64_t> spikeSteps;            ///< wires, ascending
  int64_t neuron = 0, size = 0;
  size_t cursor = 0;
  double last = 0;
};

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

void writeVcd(const std::string &path, const RunResult &run,
              const VcdOptions &options) {
  auto fail = [&](const std::string &msg) {
    throw std::runtime_error(fmt::format("{}: {}", path, msg));
  };
  if (options.sample < 0 || options.sample >= run.batch)
    fail(fmt::format("sample {} is outside the run's batch of {}",
                     options.sample, run.batch));
  if (!(run.dt > 0))
    fail("the run has no positive dt");

  std::vector<std::pair<std::string, std::vector<Signal>>> scopes;
  size_t count = 0;
  for (const VcdProbe &probe : options.probes) {
    const NodeResult *node = run.find(probe.node);
    if (!node)
      fail(fmt::format("node '{}' is not in the run result", probe.node));
    const bool spikes = node->spiking && !node->spikes.empty();
    if (!spikes && node->traces.empty())
      fail(fmt::format("node '{}' has neither spikes nor traces to dump "
                       "(add it to traceNodes)",
                       probe.node));
    std::vector<int64_t> neurons = probe.neurons;
    if (neurons.empty())
      for (int64_t i = 0; i < std::min<int64_t>(8, node->size); ++i)
        neurons.push_back(i);
    std::vector<Signal> sigs;
    for (int64_t i : neurons) {
      if (i < 0 || i >= node->size)
        fail(fmt::format("neuron {} is outside node '{}' of size {}", i,
                         probe.node, node->size));
      if (spikes) {
        Signal s;
        s.wire = true;
        s.name = fmt::format("spike_{}", i);
        for (const Event &e : node->spikes[options.sample])
          if (e.neuron == i)
            s.spikeSteps.push_back(e.step);
        sigs.push_back(std::move(s));
      }
      for (const auto &[var, values] : node->traces) {
        if (spikes && var == "out") // the spike wire already shows it
          continue;
        Signal s;
        s.name = fmt::format("{}_{}", var, i);
        s.trace = &values;
        s.neuron = i;
        s.size = node->size;
        sigs.push_back(std::move(s));
      }
    }
    for (Signal &s : sigs)
      s.id = identifier(count++);
    scopes.emplace_back(sanitize(probe.node), std::move(sigs));
  }

  auto [timescale, ticks] = vcdTimescale(run.dt);
  fmt::ostream out = detail::openOutput(path);
  out.print("$date\n  (nmc reference engine run)\n$end\n");
  out.print("$version\n  nmc reference engine\n$end\n");
  out.print("$comment\n  dt = {} s, {} steps, sample {}\n$end\n", run.dt,
            run.steps, options.sample);
  out.print("$timescale {} $end\n", timescale);
  for (const auto &[scope, sigs] : scopes) {
    out.print("$scope module {} $end\n", scope);
    for (const Signal &s : sigs)
      out.print("$var {} {} {} {} $end\n", s.wire ? "wire" : "real",
                s.wire ? 1 : 64, s.id, s.name);
    out.print("$upscope $end\n");
  }
  out.print("$enddefinitions $end\n");

  const int64_t base = options.sample * run.steps;
  std::string changes;
  for (int64_t t = 0; t <= run.steps; ++t) {
    changes.clear();
    for (auto &[scope, sigs] : scopes)
      for (Signal &s : sigs) {
        if (s.wire) {
          bool high =
              s.cursor < s.spikeSteps.size() && s.spikeSteps[s.cursor] == t;
          bool wasHigh = t > 0 && s.last != 0;
          if (high)
            ++s.cursor;
          if (t == 0 || high != wasHigh)
            changes += fmt::format("{}{}\n", high ? 1 : 0, s.id);
          s.last = high;
        } else if (t < run.steps) {
          double v = (*s.trace)[(base + t) * s.size + s.neuron];
          if (t == 0 || v != s.last)
            changes += fmt::format("r{} {}\n", v, s.id);
          s.last = v;
        }
      }
    if (t == 0)
      out.print("#0\n$dumpvars\n{}$end\n", changes);
    else if (!changes.empty())
      out.print("#{}\n{}", t * ticks, changes);
  }
}

} // namespace nmc::engine
