//===- SpinnNet.h - Build a SpinnPayload and its `network` by hand -------===//
//
// One synapse list gives both what the machine loads (cores, pop tables,
// rows, router tables, delay extensions) and the hardware-equivalent
// reference network (sparse_affine per projection with delayed input and
// delay_steps = D - 1), following SpinnImage.h and the conventions of
// spinn-common (delay extensions: stage s = ceil((D - M) / S), residual
// D - s*S). Independent of the image builder, so tests check the emulator
// against the reference engine, not against another copy of themselves.
//===----------------------------------------------------------------------===//
#ifndef NMC_TESTS_SPINNNET_H
#define NMC_TESTS_SPINNNET_H

#include "nmc/Model/NeuronModel.h"
#include "nmc/Model/Plasticity.h"
#include "nmc/Sim/Simulator.h"
#include "nmc/Support/Random.h"
#include "nmc/Target/SpiNNaker/Routing.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"
#include "nmc/Target/SpiNNaker/WeightCoding.h"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace nmc::spinn::test {

struct PopSpec {
  std::string name;
  bool source = false;
  int64_t size = 1;
  int64_t latency = 0;
  int64_t perCore = 256;
  // Neuron populations.
  model::DiscreteCoeffs coef;
  bool hasSyn = false, subtract = false;
  int32_t shiftExc = 0, shiftInh = 0;
};

struct Syn {
  int32_t pre = 0, preIndex = 0, post = 0, postIndex = 0;
  uint32_t code = 1;
  uint32_t type = kExcitatory;
  int64_t delay = 1; ///< hardware delay D >= 1
};

/// A plastic projection (SpinnImage.h "Plastic rows"): its synapses have
/// s16.15 weights and one hardware delay D (on-core: no extension).
struct PlasticSpec {
  int32_t pre = 0, post = 0;
  model::StdpParams rule; ///< taus in ticks
  int64_t delay = 1;
  struct Synapse {
    int32_t preIndex = 0, postIndex = 0;
    double weight = 0; ///< exact in s16.15
  };
  std::vector<Synapse> syns;
};

struct NetSpec {
  Machine machine;
  std::vector<PopSpec> pops;
  std::vector<Syn> syns;
  std::vector<PlasticSpec> plastic;
  uint32_t delayBits = 4; ///< every neuron core
  /// Chips the cores go to, in turn (core k on chips[k % size]); cores on
  /// a chip are numbered from 1. Empty: every core on (0, 0).
  std::vector<ChipXY> chips;
  bool outputs = true; ///< an output node per neuron population
};

namespace detail {
inline uint32_t indexBits(int64_t n) {
  uint32_t b = 1;
  while ((int64_t(1) << b) < n)
    ++b;
  return b;
}
inline image::Node node(const std::string &name, const std::string &kind,
                        int64_t in, int64_t out,
                        std::vector<image::InputEdge> inputs = {}) {
  image::Node n;
  n.name = name;
  n.kind = kind;
  n.inShape = {in};
  n.outShape = {out};
  n.inputs = std::move(inputs);
  return n;
}
} // namespace detail

inline std::shared_ptr<SpinnPayload> buildNet(const NetSpec &spec) {
  auto out = std::make_shared<SpinnPayload>();
  SpinnPayload &p = *out;
  p.machine = spec.machine;
  const uint32_t M = (1u << spec.delayBits) - 1; // on-core maximum delay
  const int32_t S = int32_t(M);                  // stage ticks
  std::vector<ChipXY> chips = spec.chips;
  if (chips.empty())
    chips.push_back({0, 0});
  std::map<ChipXY, int32_t> nextP;
  auto place = [&](Core &c) {
    c.chip = chips[p.cores.size() % chips.size()];
    c.p = ++nextP[c.chip];
  };
  uint32_t nextKey = 0;
  // Slices.
  for (size_t q = 0; q < spec.pops.size(); ++q) {
    const PopSpec &ps = spec.pops[q];
    Population pop;
    pop.name = ps.name;
    pop.source = ps.source;
    pop.size = ps.size;
    pop.latency = ps.latency;
    for (int64_t lo = 0; lo < ps.size; lo += ps.perCore) {
      Core c;
      c.kind = ps.source ? CoreKind::Source : CoreKind::Neuron;
      c.population = int32_t(q);
      c.lo = lo;
      c.hi = std::min(ps.size, lo + ps.perCore);
      c.key = (nextKey++) << 8;
      c.mask = 0xFFFFFF00u;
      if (!ps.source) {
        c.shiftExc = ps.shiftExc;
        c.shiftInh = ps.shiftInh;
        c.row = {detail::indexBits(c.hi - c.lo), 1, spec.delayBits};
      }
      place(c);
      pop.cores.push_back(int32_t(p.cores.size()));
      p.cores.push_back(std::move(c));
    }
    p.populations.push_back(std::move(pop));
  }
  auto coreOf = [&](int32_t pop, int64_t i) {
    for (int32_t k : p.populations[pop].cores)
      if (i >= p.cores[k].lo && i < p.cores[k].hi)
        return k;
    throw std::logic_error("neuron outside its population");
  };
  // Synapses per (source core, stage, target core): rows by source neuron.
  using RowKey = std::tuple<int32_t, int32_t, int32_t>;
  struct RowWords {
    std::vector<uint32_t> fixed;
    std::vector<std::pair<int32_t, uint32_t>> plastic; ///< (raw, control)
  };
  std::map<RowKey, std::map<int64_t, RowWords>> rows;
  std::map<RowKey, int32_t> plasticOf; // entry -> plastic projection
  std::map<int32_t, int32_t> stagesOf; // source core -> most stages
  for (const Syn &s : spec.syns) {
    const int32_t src = coreOf(s.pre, s.preIndex),
                  dst = coreOf(s.post, s.postIndex);
    int32_t stage = 0;
    int64_t d = s.delay;
    if (d > int64_t(M)) {
      stage = int32_t((d - M + S - 1) / S);
      d -= int64_t(stage) * S;
    }
    if (stage > 8)
      throw std::logic_error("delay beyond 8 stages");
    stagesOf[src] = std::max(stagesOf[src], stage);
    const Core &t = p.cores[dst];
    rows[{src, stage, dst}][s.preIndex - p.cores[src].lo].fixed.push_back(
        t.row.encode(s.code, uint32_t(d), s.type,
                     uint32_t(s.postIndex - t.lo)));
  }
  for (size_t k = 0; k < spec.plastic.size(); ++k) {
    const PlasticSpec &ps = spec.plastic[k];
    if (ps.delay < 1 || ps.delay > int64_t(M))
      throw std::logic_error("plastic delay not on-core");
    // Named with its `network` node below.
    p.plastic.push_back({"", ps.pre, ps.post, ps.rule, ps.delay});
    for (const PlasticSpec::Synapse &y : ps.syns) {
      const int32_t src = coreOf(ps.pre, y.preIndex),
                    dst = coreOf(ps.post, y.postIndex);
      const Core &t = p.cores[dst];
      const double raw = y.weight * 32768;
      if (raw != double(int32_t(raw)))
        throw std::logic_error("plastic weight not exact in s16.15");
      rows[{src, 0, dst}][y.preIndex - p.cores[src].lo].plastic.push_back(
          {int32_t(raw), t.row.encode(0, uint32_t(ps.delay), 0,
                                      uint32_t(y.postIndex - t.lo))});
      plasticOf[{src, 0, dst}] = int32_t(k);
    }
  }
  // Delay-extension cores.
  std::map<int32_t, int32_t> extOf;
  for (auto [src, stages] : stagesOf) {
    if (stages == 0)
      continue;
    Core e;
    e.kind = CoreKind::DelayExtension;
    e.population = p.cores[src].population;
    e.lo = p.cores[src].lo;
    e.hi = p.cores[src].hi;
    e.key = p.cores[src].key;
    e.mask = p.cores[src].mask;
    e.stages = stages;
    e.stageTicks = S;
    for (int32_t s = 0; s < stages; ++s)
      e.stageKeys.push_back((nextKey++) << 8);
    place(e);
    extOf[src] = int32_t(p.cores.size());
    p.cores.push_back(std::move(e));
  }
  // Pop tables and SDRAM.
  for (const auto &[rk, byNeuron] : rows) {
    auto [src, stage, dst] = rk;
    Core &t = p.cores[dst];
    const Core &s = p.cores[src];
    // Row words past the header: plastic region (N = 2 + P), fixed words,
    // control words two per word.
    auto length = [](const RowWords &r) {
      const size_t P = r.plastic.size();
      return (P ? kPreTraceWords + P : 0) + r.fixed.size() + (P + 1) / 2;
    };
    size_t longest = 0;
    for (const auto &[i, words] : byNeuron)
      longest = std::max(longest, length(words));
    PopTableEntry e;
    e.key = stage ? p.cores[extOf[src]].stageKeys[stage - 1] : s.key;
    e.mask = s.mask;
    e.address = uint32_t(t.sdram.size());
    e.rowStride = uint32_t(kRowHeaderWords + longest);
    e.neurons = uint32_t(s.hi - s.lo);
    e.delayStage = uint32_t(stage);
    if (auto it = plasticOf.find(rk); it != plasticOf.end())
      e.plastic = it->second;
    t.sdram.resize(t.sdram.size() + size_t(e.neurons) * e.rowStride, 0);
    for (const auto &[i, words] : byNeuron) {
      uint32_t *row = t.sdram.data() + e.address + size_t(i) * e.rowStride;
      const uint32_t P = uint32_t(words.plastic.size());
      const uint32_t N = P ? kPreTraceWords + P : 0,
                     F = uint32_t(words.fixed.size());
      row[0] = N;
      if (P) {
        row[1] = uint32_t(kNeverSpiked);
        row[2] = 0;
        for (uint32_t k = 0; k < P; ++k) {
          row[3 + k] = uint32_t(words.plastic[k].first);
          setPlasticControl(row + kRowHeaderWords + N + F, k,
                            words.plastic[k].second);
        }
      }
      row[N + 1] = F;
      row[N + 2] = P;
      std::copy(words.fixed.begin(), words.fixed.end(),
                row + kRowHeaderWords + N);
    }
    t.popTable.push_back(e);
  }
  for (Core &c : p.cores)
    std::sort(c.popTable.begin(), c.popTable.end(),
              [](const PopTableEntry &a, const PopTableEntry &b) {
                return a.key < b.key;
              });
  // Routes: every key to the cores with its entry (and a source's key to
  // its extension core).
  std::map<std::pair<uint32_t, int32_t>, std::vector<RouteTarget>> targets;
  std::map<uint32_t, int32_t> keySender;
  for (const auto &[rk, byNeuron] : rows) {
    auto [src, stage, dst] = rk;
    const int32_t sender = stage ? extOf[src] : src;
    const uint32_t key =
        stage ? p.cores[extOf[src]].stageKeys[stage - 1] : p.cores[src].key;
    keySender[key] = sender;
    targets[{key, sender}].push_back({p.cores[dst].chip, p.cores[dst].p});
  }
  for (auto [src, ext] : extOf) {
    keySender[p.cores[src].key] = src;
    targets[{p.cores[src].key, src}].push_back(
        {p.cores[ext].chip, p.cores[ext].p});
  }
  RoutingTables tables;
  for (auto &[kk, list] : targets) {
    auto [key, sender] = kk;
    TreeOrError t = buildTree(p.machine, p.cores[sender].chip, list);
    if (!t.tree)
      throw std::logic_error(t.error);
    addTreeEntries(tables, *t.tree, key, 0xFFFFFF00u);
  }
  for (auto &[chip, table] : tables) {
    ChipTable ct;
    ct.chip = chip;
    ct.uncompressed = int64_t(table.size());
    ct.entries = removeDefaultRoutes(table);
    p.tables.push_back(std::move(ct));
  }
  // The hardware-equivalent network.
  image::Image &net = p.network;
  net.dt = 1e-3;
  net.numberFormat = "s16.15";
  std::vector<uint32_t> nodeOf(spec.pops.size(), 0);
  for (size_t q = 0; q < spec.pops.size(); ++q)
    if (spec.pops[q].source) {
      nodeOf[q] = uint32_t(net.nodes.size());
      net.nodes.push_back(detail::node(spec.pops[q].name, "input",
                                       spec.pops[q].size, spec.pops[q].size));
    }
  for (size_t q = 0; q < spec.pops.size(); ++q) {
    const PopSpec &ps = spec.pops[q];
    if (ps.source)
      continue;
    std::vector<image::InputEdge> projections;
    for (size_t pre = 0; pre < spec.pops.size(); ++pre) {
      std::vector<std::vector<const Syn *>> byPre(spec.pops[pre].size);
      bool any = false;
      for (const Syn &s : spec.syns)
        if (s.pre == int32_t(pre) && s.post == int32_t(q)) {
          byPre[s.preIndex].push_back(&s);
          any = true;
        }
      if (!any)
        continue;
      image::Node proj = detail::node(
          spec.pops[pre].name + "->" + ps.name, "sparse_affine",
          spec.pops[pre].size, ps.size, {{0, true}}); // source patched below
      std::vector<int64_t> indptr{0}, indices, delays;
      std::vector<double> weights;
      for (const auto &list : byPre) {
        for (const Syn *s : list) {
          indices.push_back(s->postIndex);
          weights.push_back(appliedWeight(
              s->code, s->type,
              s->type == kExcitatory ? ps.shiftExc : ps.shiftInh));
          delays.push_back(s->delay - 1);
        }
        indptr.push_back(int64_t(indices.size()));
      }
      proj.i["indptr"] = indptr;
      proj.i["indices"] = indices;
      proj.i["delay_steps"] = delays;
      proj.f["weight"] = weights;
      proj.i["pre_pop"] = {int64_t(pre)}; // patched below
      projections.push_back({uint32_t(net.nodes.size()), false});
      net.nodes.push_back(std::move(proj));
    }
    for (size_t k = 0; k < spec.plastic.size(); ++k) {
      const PlasticSpec &pl = spec.plastic[k];
      if (pl.post != int32_t(q))
        continue;
      image::Node proj = detail::node(
          "stdp:" + spec.pops[pl.pre].name + "->" + ps.name, "sparse_affine",
          spec.pops[pl.pre].size, ps.size, {{0, true}});
      p.plastic[k].name = proj.name;
      std::vector<std::vector<const PlasticSpec::Synapse *>> byPre(
          spec.pops[pl.pre].size);
      for (const PlasticSpec::Synapse &y : pl.syns)
        byPre[y.preIndex].push_back(&y);
      std::vector<int64_t> indptr{0}, indices, delays;
      std::vector<double> weights;
      for (const auto &list : byPre) {
        for (const PlasticSpec::Synapse *y : list) {
          indices.push_back(y->postIndex);
          weights.push_back(y->weight);
          delays.push_back(pl.delay - 1);
        }
        indptr.push_back(int64_t(indices.size()));
      }
      proj.i["indptr"] = indptr;
      proj.i["indices"] = indices;
      proj.i["delay_steps"] = delays;
      proj.f["weight"] = weights;
      proj.i["pre_pop"] = {int64_t(pl.pre)};
      // stdp_post patched below, when the post node has its index.
      image::setStdpKeys(proj, pl.rule, 0, pl.delay);
      projections.push_back({uint32_t(net.nodes.size()), false});
      net.nodes.push_back(std::move(proj));
    }
    image::Node n =
        detail::node(ps.name, "neuron", ps.size, ps.size, projections);
    const double c[8] = {ps.coef.aSyn,       ps.coef.bSyn,   ps.coef.aMem,
                         ps.coef.cMemSyn,    ps.coef.cMemIn, ps.coef.cMem0,
                         ps.coef.vThreshold, ps.coef.vReset};
    for (int k = 0; k < image::keys::kNumCoefs; ++k)
      n.f[image::keys::kCoefs[k]] = std::vector<double>(ps.size, c[k]);
    n.i["has_syn"] = {ps.hasSyn};
    n.i["spiking"] = {1};
    n.i["reset_subtract"] = {ps.subtract};
    nodeOf[q] = uint32_t(net.nodes.size());
    for (const image::InputEdge &e : n.inputs)
      if (net.nodes[e.source].i.count(image::keys::kStdpPost))
        net.nodes[e.source].i[image::keys::kStdpPost] =
            std::vector<int64_t>{int64_t(nodeOf[q])};
    net.nodes.push_back(std::move(n));
  }
  // Projections read their pre population (delayed: any order is valid).
  for (image::Node &n : net.nodes)
    if (n.kind == "sparse_affine") {
      n.inputs[0].source = nodeOf[n.i["pre_pop"][0]];
      n.i.erase("pre_pop");
    }
  if (spec.outputs)
    for (size_t q = 0; q < spec.pops.size(); ++q)
      if (!spec.pops[q].source)
        net.nodes.push_back(detail::node(spec.pops[q].name + "_out", "output",
                                         spec.pops[q].size, spec.pops[q].size,
                                         {{nodeOf[q], false}}));
  return out;
}

/// Independent Bernoulli(rate) spikes of the 20 channels of input "in"
/// per step, seeded.
inline sim::RunConfig poissonInput(uint64_t seed, int64_t steps, double rate) {
  Xoshiro256 rng(seed ^ 0x5bd1e995);
  sim::RunConfig cfg;
  cfg.steps = steps;
  std::vector<sim::Event> ev;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t i = 0; i < 20; ++i)
      if (rng.uniform() < rate)
        ev.push_back({t, i, 1.0});
  cfg.inputs["in"] = {ev};
  return cfg;
}

} // namespace nmc::spinn::test

#endif // NMC_TESTS_SPINNNET_H
