//===- StdpBench.cpp - Plastic synaptic events per second (issue 14) ------===//
//
// Issue 14's benchmark on the reference engine: 10^4 Poisson inputs ->
// sparse_affine with 10^6 synapses (p = 0.01) -> 10^4 LIF neurons, run
// static (fast and plain loop) and with additive all-pair STDP on every
// synapse (the plain loop, which is where plastic nodes run; float64 and
// s16.15). One JSON line per run: wall time, spikes, synaptic events
// (transmissions), plastic updates (synapse visits of the rule) and both
// per second.
//
//   nmc-stdp-bench [seconds = 1] [rate_hz = 10] [--seed N]
//
// Each configuration runs three times; the fastest is reported (the machine
// may be shared).
//===----------------------------------------------------------------------===//
#include "nmc/Emulator/Engine.h"
#include "nmc/Support/Random.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <string>

using namespace nmc;

namespace {

constexpr int64_t kNeurons = 10000;
constexpr double kP = 0.01, kDt = 1e-3, kTauMem = 20e-3;
constexpr double kWMax = 0.08;

image::Node node(const std::string &name, const std::string &kind, int64_t n,
                 std::vector<image::InputEdge> inputs) {
  image::Node nd;
  nd.name = name;
  nd.kind = kind;
  nd.inShape = nd.outShape = {n};
  nd.inputs = std::move(inputs);
  return nd;
}

/// in -> syn (Bernoulli(p), weights U[0, kWMax)) -> LIF (v' = a v + x,
/// threshold 1, reset 0); syn plastic when `plastic`.
image::Image network(uint64_t seed, bool plastic, const std::string &format) {
  Xoshiro256 rng(seed);
  image::Image img;
  img.dt = kDt;
  img.numberFormat = format;
  img.nodes.push_back(node("in", "input", kNeurons, {}));
  image::Node syn = node("syn", "sparse_affine", kNeurons, {{0, false}});
  std::vector<int64_t> indptr{0}, indices;
  std::vector<double> weight;
  const double logq = std::log1p(-kP);
  for (int64_t s = 0; s < kNeurons; ++s) {
    for (int64_t t = -1;;) {
      t += 1 + static_cast<int64_t>(std::log(1 - rng.uniform()) / logq);
      if (t >= kNeurons)
        break;
      indices.push_back(t);
      weight.push_back(kWMax * rng.uniform());
    }
    indptr.push_back(int64_t(indices.size()));
  }
  syn.i["indptr"] = std::move(indptr);
  syn.i["indices"] = std::move(indices);
  syn.f["weight"] = std::move(weight);
  if (plastic) {
    // Additive all-pair, tau = 20 ms = 20 steps, A- slightly above A+.
    model::StdpParams rule; // all-pair, additive; taus in steps
    rule.tauPlus = rule.tauMinus = 20;
    rule.aPlus = 0.001;
    rule.aMinus = 0.00105;
    rule.wMin = 0;
    rule.wMax = kWMax;
    image::setStdpKeys(syn, rule, 2);
  }
  img.nodes.push_back(std::move(syn));
  image::Node lif = node("lif", "neuron", kNeurons, {{1, false}});
  const double vals[] = {0, 0, std::exp(-kDt / kTauMem), 0, 1, 0, 1, 0};
  for (int k = 0; k < image::keys::kNumCoefs; ++k)
    lif.f[image::keys::kCoefs[k]] = std::vector<double>(kNeurons, vals[k]);
  lif.i["has_syn"] = {0};
  lif.i["spiking"] = {1};
  lif.i["reset_subtract"] = {0};
  lif.s["neuron_type"] = "LIF";
  img.nodes.push_back(std::move(lif));
  return img;
}

engine::EventBatch poisson(uint64_t seed, int64_t steps, double rateHz) {
  Xoshiro256 rng(seed ^ 0x5eed);
  const double p = rateHz * kDt;
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t j = 0; j < kNeurons; ++j)
      if (rng.uniform() < p)
        ev.push_back({t, j, 1.0});
  return {std::move(ev)};
}

} // namespace

int main(int argc, char **argv) {
  double seconds = 1, rate = 10;
  uint64_t seed = 1;
  int positional = 0;
  for (int a = 1; a < argc; ++a) {
    if (!std::strcmp(argv[a], "--seed") && a + 1 < argc)
      seed = std::stoull(argv[++a]);
    else if (positional++ == 0)
      seconds = std::stod(argv[a]);
    else
      rate = std::stod(argv[a]);
  }
  const int64_t steps = std::llround(seconds / kDt);
  engine::RunConfig cfg;
  cfg.steps = steps;
  cfg.collect = false;
  cfg.inputs["in"] = poisson(seed, steps, rate);
  struct Case {
    const char *name;
    bool plastic;
    engine::EngineKind kind;
    const char *format;
  };
  const Case cases[] = {
      {"static_fast", false, engine::EngineKind::Fast, ""},
      {"static_plain", false, engine::EngineKind::Plain, ""},
      {"stdp_plain", true, engine::EngineKind::Plain, ""},
      {"static_s16.15", false, engine::EngineKind::Plain, "s16.15"},
      {"stdp_s16.15", true, engine::EngineKind::Plain, "s16.15"}};
  for (const Case &c : cases) {
    const image::Image img = network(seed, c.plastic, c.format);
    const int64_t synapses = img.nodes[1].i.at("indices").size();
    engine::Engine eng(img);
    cfg.engine = c.kind;
    engine::RunResult best = eng.run(cfg);
    for (int k = 1; k < 3; ++k) {
      engine::RunResult r = eng.run(cfg);
      if (r.wallSeconds < best.wallSeconds)
        best = std::move(r);
    }
    nlohmann::ordered_json line = {
        {"case", c.name},
        {"neurons", kNeurons},
        {"synapses", synapses},
        {"plastic", c.plastic},
        {"seconds", seconds},
        {"input_rate_hz", rate},
        {"steps", steps},
        {"wall_s", best.wallSeconds},
        {"input_spikes", best.nodes[0].spikeCount},
        {"output_spikes", best.nodes[2].spikeCount},
        {"synaptic_events", best.synapticEvents},
        {"plastic_updates", best.plasticUpdates},
        {"events_per_s", best.synapticEvents / best.wallSeconds},
        {"plastic_events_per_s",
         (best.synapticEvents + best.plasticUpdates) / best.wallSeconds}};
    fmt::print("{}\n", line.dump());
  }
  return 0;
}
