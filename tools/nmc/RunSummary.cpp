//===- RunSummary.cpp - What `nmc run` prints after a run
//------------------===//
#include "RunSummary.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <stdexcept>

namespace nmc::driver {

namespace {

/// Mean spikes per neuron per time unit (Hz when dt is in seconds).
double meanRate(const engine::NodeResult &node,
                const engine::RunResult &result) {
  double time = static_cast<double>(result.steps) * result.dt *
                static_cast<double>(result.batch);
  if (node.size == 0 || time <= 0)
    return 0;
  return static_cast<double>(node.spikeCount) / node.size / time;
}

double simulatedTime(const engine::RunResult &r) {
  return static_cast<double>(r.steps) * r.dt * static_cast<double>(r.batch);
}

std::string jsonEscape(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (static_cast<unsigned char>(c) < 0x20)
      out += fmt::format("\\u{:04x}", c);
    else
      out += c;
  }
  return out;
}

} // namespace

void printSummary(std::ostream &os, const engine::RunResult &r,
                  const std::string &model) {
  fmt::print(os, "{}: {} steps x {} sample(s), dt {}\n", model, r.steps,
             r.batch, r.dt);
  fmt::print(os, "  {:<24} {:<14} {:>9} {:>11} {:>11}\n", "node", "kind",
             "size", "spikes", "rate");
  for (const engine::NodeResult &n : r.nodes) {
    if (!n.spiking) {
      fmt::print(os, "  {:<24} {:<14} {:>9} {:>11} {:>11}\n", n.name, n.kind,
                 n.size, "-", "-");
      continue;
    }
    fmt::print(os, "  {:<24} {:<14} {:>9} {:>11} {:>9.3f}/t\n", n.name, n.kind,
               n.size, n.spikeCount, meanRate(n, r));
  }
  double wall = r.wallSeconds > 0 ? r.wallSeconds : 1e-12;
  double sim = simulatedTime(r);
  fmt::print(os,
             "  wall {:.4f} s | {:.0f} steps/s | {} synaptic events "
             "({:.3g} events/s) | {} neuron updates | real-time factor {:.4g}"
             "\n",
             r.wallSeconds, static_cast<double>(r.steps * r.batch) / wall,
             r.synapticEvents, static_cast<double>(r.synapticEvents) / wall,
             r.neuronUpdates, sim > 0 ? r.wallSeconds / sim : 0.0);
  fmt::print(os, "  (rate = spikes per neuron per time unit of dt; real-time "
                 "factor = wall / simulated time)\n");
}

void writeSummaryJson(const std::string &path, const engine::RunResult &r,
                      const std::string &model) {
  std::ofstream os(path);
  if (!os)
    throw std::runtime_error("cannot write '" + path + "'");
  double wall = r.wallSeconds > 0 ? r.wallSeconds : 1e-12;
  fmt::print(os,
             "{{\n  \"model\": \"{}\",\n  \"steps\": {},\n  \"batch\": {},\n"
             "  \"dt\": {},\n  \"wall_s\": {},\n  \"synaptic_events\": {},\n"
             "  \"events_per_s\": {},\n  \"neuron_updates\": {},\n"
             "  \"realtime_factor\": {},\n  \"nodes\": [",
             jsonEscape(model), r.steps, r.batch, r.dt, r.wallSeconds,
             r.synapticEvents, static_cast<double>(r.synapticEvents) / wall,
             r.neuronUpdates,
             simulatedTime(r) > 0 ? r.wallSeconds / simulatedTime(r) : 0.0);
  for (size_t i = 0; i < r.nodes.size(); ++i) {
    const engine::NodeResult &n = r.nodes[i];
    fmt::print(os,
               "{}\n    {{\"name\": \"{}\", \"kind\": \"{}\", \"size\": {}, "
               "\"spiking\": {}, \"spikes\": {}, \"rate\": {}}}",
               i ? "," : "", jsonEscape(n.name), n.kind, n.size,
               n.spiking ? "true" : "false", n.spikeCount,
               n.spiking ? meanRate(n, r) : 0.0);
  }
  fmt::print(os, "\n  ]\n}}\n");
}

} // namespace nmc::driver
