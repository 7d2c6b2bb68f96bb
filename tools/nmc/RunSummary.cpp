//===- RunSummary.cpp - What `nmc run` prints after a run -----------------===//
#include "RunSummary.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <stdexcept>

namespace nmc::driver {

namespace {

double simulatedTime(const sim::RunStats &r) {
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

void printSummary(std::ostream &os, const sim::SpikeCounter &counts,
                  const sim::RunStats &r, const std::string &model) {
  fmt::print(os, "{}: {} steps x {} sample(s), dt {}\n", model, r.steps,
             r.batch, r.dt);
  fmt::print(os, "  {:<24} {:<14} {:>9} {:>11} {:>11}\n", "node", "kind",
             "size", "spikes", "rate");
  const std::vector<sim::NodeInfo> &nodes = counts.run().nodes;
  for (size_t k = 0; k < nodes.size(); ++k) {
    const sim::NodeInfo &n = nodes[k];
    if (!n.spiking) {
      fmt::print(os, "  {:<24} {:<14} {:>9} {:>11} {:>11}\n", n.name, n.kind,
                 n.size, "-", "-");
      continue;
    }
    fmt::print(os, "  {:<24} {:<14} {:>9} {:>11} {:>9.3f}/t\n", n.name, n.kind,
               n.size, counts.count(k), counts.rate(k));
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

void writeSummaryJson(const std::string &path, const sim::SpikeCounter &counts,
                      const sim::RunStats &r, const std::string &model) {
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
  const std::vector<sim::NodeInfo> &nodes = counts.run().nodes;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const sim::NodeInfo &n = nodes[i];
    fmt::print(os,
               "{}\n    {{\"name\": \"{}\", \"kind\": \"{}\", \"size\": {}, "
               "\"spiking\": {}, \"spikes\": {}, \"rate\": {}}}",
               i ? "," : "", jsonEscape(n.name), n.kind, n.size,
               n.spiking ? "true" : "false", counts.count(i),
               n.spiking ? counts.rate(i) : 0.0);
  }
  fmt::print(os, "\n  ]\n}}\n");
}

} // namespace nmc::driver
