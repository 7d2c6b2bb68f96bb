//===- Ca3.cpp - Hippocampal CA3 content-addressable memory (STDP) --------===//
#include "Ca3.h"

#include "Connectivity.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

namespace nmc::netgen {
namespace {

// cfg neuronParameters (all populations): tau_syn_E/I 0.3 ms, tau_refrac
// 1 ms, v_rest = v_reset = -60 mV, v_thresh -57 mV; test OLayer -57.5 mV.
constexpr double kTauSynMs = 0.3, kTRef = 1e-3;
constexpr double kThreshold = 3.0, kOutThreshold = 2.5; // mV above -60
// Two neuron kinds of cfg: (cm nF, tau_m ms).
constexpr std::pair<double, double> kSlow{0.27, 3.0}; // e.g. CA3cueCueRecallL
constexpr std::pair<double, double> kFast{0.14, 0.5}; // e.g. CA3contCondL
// cfg synParameters: the static weights (nA) used below.
constexpr double kW = 6.0, kWCond = 9.0, kWInt = 2.0;
// cfg CA3cueCueRecallL-CA3contCueRecallL /
// CA3contContRecallL-CA3cueContRecallL.
constexpr double kStdpTau = 3e-3, kStdpA = 6.0, kStdpWMax = 6.0;

nir::Param scalar(double v) {
  return nir::Param::floatArray({}, {v}, nir::Param::DType::F64);
}

nir::Node population(const std::string &name, int64_t n,
                     std::pair<double, double> kind, double threshold,
                     double dt) {
  auto [cm, tauMs] = kind;
  nir::Node lif = lifNode(name, n, tauMs * 1e-3, ca3Gain(cm, tauMs, dt), 0.0,
                          threshold, 0.0);
  lif.metadata["nmc/t_ref"] = scalar(kTRef);
  return lif;
}

/// The graph under construction: one Delay node per (source, delay).
struct Builder {
  nir::Graph &g;
  double dt;
  std::map<std::string, int64_t> sizes;
  std::map<std::pair<std::string, int64_t>, std::string> delays;

  void add(nir::Node n, int64_t size) {
    sizes[n.name] = size;
    g.nodes.push_back(std::move(n));
  }

  std::string delayed(const std::string &src, int64_t steps) {
    auto key = std::pair{src, steps};
    if (auto it = delays.find(key); it != delays.end())
      return it->second;
    nir::Node d;
    d.name = "d_" + src + "_" + std::to_string(steps);
    d.type = "Delay";
    d.params["delay"] = filled(sizes.at(src), double(steps) * dt);
    g.edges.push_back({src, d.name});
    delays[key] = d.name;
    std::string name = d.name;
    g.nodes.push_back(std::move(d));
    return name;
  }

  /// src -> Delay(steps) -> Linear `name` (weights[post][pre]) -> post.
  nir::Node &project(const std::string &name, const std::string &src,
                     const std::string &post, int64_t steps,
                     std::vector<double> weights) {
    const int64_t in = sizes.at(src), out = sizes.at(post);
    nir::Node w;
    w.name = name;
    w.type = "Linear";
    w.params["weight"] = nir::Param::floatArray({out, in}, std::move(weights),
                                                nir::Param::DType::F64);
    g.edges.push_back({delayed(src, steps), name});
    g.edges.push_back({name, post});
    g.nodes.push_back(std::move(w));
    return g.nodes.back();
  }

  /// Weights of a one-to-one projection from src[srcOff + k] to
  /// post[postOff + k], k < n.
  std::vector<double> oneToOne(const std::string &src, const std::string &post,
                               int64_t n, double w, int64_t srcOff = 0,
                               int64_t postOff = 0) {
    const int64_t in = sizes.at(src), out = sizes.at(post);
    std::vector<double> m(in * out, 0.0);
    for (int64_t k = 0; k < n; ++k)
      m[(postOff + k) * in + srcOff + k] = w;
    return m;
  }

  /// All-to-all weights; `self` false leaves out i == j (PyNN's
  /// allow_self_connections=False on a projection of equal sizes).
  std::vector<double> allToAll(const std::string &src, const std::string &post,
                               double w, bool self = true) {
    const int64_t in = sizes.at(src), out = sizes.at(post);
    std::vector<double> m(in * out, w);
    if (!self)
      for (int64_t k = 0; k < std::min(in, out); ++k)
        m[k * in + k] = 0.0;
    return m;
  }
};

/// The seed's STDPMechanism as the nmc STDP extension (docs/nir-support.md).
void addStdp(nir::Node &node) {
  model::StdpParams rule; // all-pair, additive
  rule.tauPlus = rule.tauMinus = kStdpTau;
  rule.aPlus = rule.aMinus = kStdpA;
  rule.wMin = 0.0;
  rule.wMax = kStdpWMax;
  addStdpMetadata(node, rule);
}

} // namespace

double ca3Gain(double cmNf, double tauMs, double dt) {
  const double dtMs = dt * 1e3;
  const double init = kTauSynMs / dtMs * (1.0 - std::exp(-dtMs / kTauSynMs));
  return tauMs / cmNf * init; // R in MOhm (ms / nF) times init
}

nir::Model makeCa3(const Ca3Options &o) {
  const int64_t cue = o.cueSize, cont = o.contSize;
  if (cue < 1 || cont < 1 || cue > kCa3MaxSize || cont > kCa3MaxSize)
    throw std::runtime_error("ca3: --cue-size and --content-size must be in "
                             "[1, " +
                             std::to_string(kCa3MaxSize) + "]");
  nir::Model model = describedModel(
      "CA3 spike-based content-addressable memory (Casanueva-Morato et al. "
      "2024), cue " +
      std::to_string(cue) + " / content " + std::to_string(cont) +
      ", generated by nmc gen ca3; voltages in mV above -60 mV, weights in "
      "nA; run with --method exact");
  nir::Graph &g = model.graph;
  Builder b{g, o.dt, {}, {}};
  const double dt = o.dt;
  b.add(portNode("input", "Input", cue + cont), cue + cont);
  b.add(population("cue_cue", cue, kSlow, kThreshold, dt), cue);
  b.add(population("cue_cont", cue, kFast, kThreshold, dt), cue);
  b.add(population("cont_cue", cont, kSlow, kThreshold, dt), cont);
  b.add(population("cont_cont", cont, kSlow, kThreshold, dt), cont);
  b.add(population("cont_cond", cont, kFast, kThreshold, dt), cont);
  b.add(population("cont_cond_int", 1, kFast, kThreshold, dt), 1);
  b.add(population("merge_cue", cue, kSlow, kThreshold, dt), cue);
  b.add(population("merge_cont", cont, kSlow, kThreshold, dt), cont);
  b.add(population("out", cue + cont, kSlow, kOutThreshold, dt), cue + cont);

  const double wInh = -kW * double(cont); // mem: initWeight * contSize
  b.project("w_input_cue_cue", "input", "cue_cue", 1,
            b.oneToOne("input", "cue_cue", cue, kW));
  b.project("w_input_cont_cue", "input", "cont_cue", 1,
            b.oneToOne("input", "cont_cue", cont, kW, cue));
  b.project("w_cue_cue_cue_cont", "cue_cue", "cue_cont", 2,
            b.oneToOne("cue_cue", "cue_cont", cue, kW));
  b.project("w_cue_cue_cue_cont_inh", "cue_cue", "cue_cont", 3,
            b.allToAll("cue_cue", "cue_cont", wInh, false));
  b.project("w_cue_cue_cont_cond", "cue_cue", "cont_cond", 2,
            b.allToAll("cue_cue", "cont_cond", -kW));
  b.project("w_cont_cue_cont_cond", "cont_cue", "cont_cond", 1,
            b.oneToOne("cont_cue", "cont_cond", cont, kWCond));
  b.project("w_cont_cond_cont_cont", "cont_cond", "cont_cont", 1,
            b.oneToOne("cont_cond", "cont_cont", cont, kW));
  b.project("w_cont_cue_cont_cond_int", "cont_cue", "cont_cond_int", 1,
            b.allToAll("cont_cue", "cont_cond_int", kW));
  b.project("w_cont_cond_int_cont_cond", "cont_cond_int", "cont_cond", 1,
            b.allToAll("cont_cond_int", "cont_cond", kWInt));
  addStdp(b.project("learn_cue_to_cont", "cue_cue", "cont_cue", 1,
                    std::vector<double>(cue * cont, 0.0)));
  addStdp(b.project("learn_cont_to_cue", "cont_cont", "cue_cont", 1,
                    std::vector<double>(cue * cont, 0.0)));
  // Recurrent: the back edge into cue_cont adds the second step.
  b.project("w_cue_cont_cue_cont", "cue_cont", "cue_cont", 1,
            b.allToAll("cue_cont", "cue_cont", wInh, false));
  b.project("w_cue_cue_merge_cue", "cue_cue", "merge_cue", 3,
            b.oneToOne("cue_cue", "merge_cue", cue, kW));
  b.project("w_cue_cont_merge_cue", "cue_cont", "merge_cue", 1,
            b.oneToOne("cue_cont", "merge_cue", cue, kW));
  b.project("w_cont_cue_merge_cont", "cont_cue", "merge_cont", 3,
            b.oneToOne("cont_cue", "merge_cont", cont, kW));
  b.project("w_cont_cont_merge_cont", "cont_cont", "merge_cont", 1,
            b.oneToOne("cont_cont", "merge_cont", cont, kW));
  b.project("w_merge_cue_out", "merge_cue", "out", 1,
            b.oneToOne("merge_cue", "out", cue, kW));
  b.project("w_merge_cont_out", "merge_cont", "out", 1,
            b.oneToOne("merge_cont", "out", cont, kW, 0, cue));
  g.nodes.push_back(portNode("output", "Output", cue + cont));
  g.edges.push_back({"out", "output"});
  return model;
}

void writeCa3SeedStimulus(const std::string &path, const Ca3Options &o) {
  if (o.cueSize != 5 || o.contSize != 10)
    throw std::runtime_error("ca3: the seed's experiment 1 (--stimulus) is "
                             "written for --cue-size 5 --content-size 10");
  // test, experiment == 1: inputSpikesCue then inputSpikesCont (ms).
  const std::vector<std::vector<int64_t>> spikes = {
      {0, 1, 2, 30},
      {},
      {},
      {20, 21, 22, 60, 61, 62, 70},
      {10, 11, 12},
      {0, 1, 2, 50},
      {0, 1, 2, 10, 11, 12, 60, 61, 62},
      {},
      {60, 61, 62},
      {20, 21, 22, 50, 60, 61, 62},
      {10, 11, 12, 20, 21, 22},
      {10, 11, 12, 20, 21, 22, 40, 80},
      {},
      {0, 1, 2, 60, 61, 62},
      {0, 1, 2}};
  std::vector<std::pair<int64_t, int64_t>> events; // (step, channel)
  for (size_t ch = 0; ch < spikes.size(); ++ch)
    for (int64_t ms : spikes[ch])
      events.push_back({std::llround(double(ms) * 1e-3 / o.dt), int64_t(ch)});
  std::sort(events.begin(), events.end());
  std::ofstream out(path);
  out << "step,neuron\n";
  for (auto [step, channel] : events)
    out << step << ',' << channel << '\n';
  out.flush();
  if (!out)
    throw std::runtime_error(path + ": cannot write the stimulus");
}

} // namespace nmc::netgen
