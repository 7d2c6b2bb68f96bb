//===- SpinnEmulator.cpp - Payload checks, the tick loop, outputs ---------===//
//
// Per tick: timer callbacks on every core (threads), routing (one
// deterministic loop), packet windows on every core (threads), then the
// outputs of the tick to the sink, re-timed by each population's latency
// unless EmulatorOptions::hardwareTicks.
//===----------------------------------------------------------------------===//
#include "EmuCore.h"
#include "EmuNetwork.h"
#include "EmuPool.h"

#include "nmc/Target/SpiNNaker/Emulator.h"
#include "nmc/Target/SpiNNaker/ImageFacts.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>
#include <thread>

namespace nmc::spinn {

using namespace emu;

namespace {

[[noreturn]] void fail(const std::string &msg) {
  throw std::runtime_error("spinnaker emulator: " + msg);
}

int64_t elements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// A node of `network` the emulator runs.
struct NodeRun {
  sim::NodeInfo info;
  const image::Node *node = nullptr;
  int32_t population = -1; ///< whose spikes this node outputs
  int64_t latency = 0;
  bool neuron = false, input = false;
};

std::string coreName(const SpinnPayload &p, size_t k) {
  const Core &c = p.cores[k];
  return fmt::format("core {} ({}, {}, {})", k, c.chip.x, c.chip.y, c.p);
}

bool nodeFlag(const image::Node &node, const char *key) {
  auto it = node.i.find(key);
  return it != node.i.end() && it->second.size() > 0 && it->second[0] != 0;
}

/// A neuron node's float array `key` per element (n values or 1 repeated).
std::vector<double> nodeFloats(const image::Node &node, const char *key,
                               int64_t n, bool required) {
  auto it = node.f.find(key);
  if (it == node.f.end()) {
    if (required)
      fail(fmt::format("neuron node '{}' has no '{}'", node.name, key));
    return {};
  }
  const FloatArray &a = it->second;
  if (int64_t(a.size()) != n && a.size() != 1)
    fail(fmt::format("neuron node '{}': '{}' has {} values, expected {} "
                     "or 1",
                     node.name, key, a.size(), n));
  std::vector<double> out(n);
  for (int64_t i = 0; i < n; ++i)
    out[i] = a[a.size() == 1 ? 0 : size_t(i)];
  return out;
}

/// x in s16.15, rounded to nearest (as the reference converts parameters).
Fixed toFixed(double x) {
  return Fixed::fromRaw(model::fixed::fromDouble(
      x, kNumberFormat, model::Rounding::Nearest, nullptr, nullptr));
}

/// A neuron node's coefficients in s16.15 (as the reference converts them).
std::vector<model::DiscreteCoeffsT<Fixed>> readCoefs(const image::Node &node,
                                                     int64_t n) {
  std::vector<double> c[image::keys::kNumCoefs];
  for (int k = 0; k < image::keys::kNumCoefs; ++k)
    c[k] = nodeFloats(node, image::keys::kCoefs[k], n, true);
  std::vector<model::DiscreteCoeffsT<Fixed>> coef(n);
  for (int64_t i = 0; i < n; ++i) {
    model::DiscreteCoeffs d{c[0][i], c[1][i], c[2][i], c[3][i],
                            c[4][i], c[5][i], c[6][i], c[7][i]};
    coef[i] = {toFixed(d.aSyn),       toFixed(d.bSyn),   toFixed(d.aMem),
               toFixed(d.cMemSyn),    toFixed(d.cMemIn), toFixed(d.cMem0),
               toFixed(d.vThreshold), toFixed(d.vReset)};
  }
  return coef;
}

NeuronParams neuronParams(const image::Node &node, int64_t n) {
  NeuronParams p;
  if (!nodeFlag(node, image::keys::kSpiking))
    fail(fmt::format("neuron node '{}' does not spike; SpiNNaker cores run "
                     "spiking neurons only",
                     node.name));
  p.hasSyn = nodeFlag(node, image::keys::kHasSyn);
  p.subtract = nodeFlag(node, image::keys::kResetSubtract);
  p.coef = readCoefs(node, n);
  // Extensions as the reference reads them (Prepare.cpp): all-zero
  // refractory steps and all-zero d_theta are absent.
  p.ext.assign(n, {});
  if (auto it = node.i.find(image::keys::kRefSteps); it != node.i.end()) {
    if (int64_t(it->second.size()) != n)
      fail(fmt::format("neuron node '{}': ref_steps has {} values, expected "
                       "{}",
                       node.name, it->second.size(), n));
    for (int64_t i = 0; i < n; ++i) {
      const int64_t s = it->second[size_t(i)];
      if (s < 0 || s > INT32_MAX)
        fail(fmt::format("neuron node '{}': ref_steps[{}] = {} is outside "
                         "[0, 2^31)",
                         node.name, i, s));
      p.ext[i].refSteps = int32_t(s);
    }
  }
  const std::vector<double> dTheta =
      nodeFloats(node, image::keys::kDTheta, n, false);
  if (std::any_of(dTheta.begin(), dTheta.end(), [](double d) { return d; })) {
    const std::vector<double> aTheta =
        nodeFloats(node, image::keys::kATheta, n, true);
    p.adaptive = true;
    for (int64_t i = 0; i < n; ++i) {
      p.ext[i].aTheta = toFixed(aTheta[i]);
      p.ext[i].dTheta = toFixed(dTheta[i]);
    }
  }
  return p;
}

} // namespace

struct SpinnEmulator::Impl {
  std::shared_ptr<const SpinnPayload> payload;
  EmulatorOptions options;
  std::vector<NodeRun> nodes;
  std::map<int32_t, NeuronParams> params; ///< by population
  CoreCosts costs;
  Provenance prov;
  std::unique_ptr<Network> network;         ///< trees of every key, link state
  std::unique_ptr<RowStore> rows;           ///< the neuron cores' rows, compact
  std::vector<sim::LearnedWeights> learned; ///< after the last run

  void check();
  void checkCore(size_t k) const;
  sim::RunStats run(const sim::RunConfig &config);
};

// ---------------------------------------------------------------------------
// Checks

void SpinnEmulator::Impl::checkCore(size_t k) const {
  const SpinnPayload &p = *payload;
  const Core &c = p.cores[k];
  const std::string name = coreName(p, k);
  const Machine &m = p.machine;
  if (!m.isPresent(c.chip))
    fail(name + ": its chip is not on the machine");
  if (c.p < 0 || c.p >= m.chip.cores)
    fail(fmt::format("{}: core number {} is outside [0, {})", name, c.p,
                     m.chip.cores));
  if (c.population < 0 || size_t(c.population) >= p.populations.size())
    fail(fmt::format("{}: population {} does not exist", name, c.population));
  const Population &pop = p.populations[c.population];
  if (c.lo < 0 || c.lo >= c.hi || c.hi > pop.size)
    fail(fmt::format("{}: slice [{}, {}) is outside population '{}' of {}",
                     name, c.lo, c.hi, pop.name, pop.size));
  if ((c.key & ~c.mask) != 0 && c.kind != CoreKind::Neuron &&
      c.kind != CoreKind::Source && c.kind != CoreKind::DelayExtension)
    fail(name + ": bad kind");
  if (c.kind == CoreKind::DelayExtension) {
    if (c.stages < 1 || c.stages > 8)
      fail(fmt::format("{}: {} delay stages, expected 1..8 (§A.5 MAX_SLOTS)",
                       name, c.stages));
    if (c.stageTicks < 1)
      fail(fmt::format("{}: stage of {} ticks", name, c.stageTicks));
    if (int64_t(c.stageKeys.size()) != c.stages)
      fail(fmt::format("{}: {} stage keys for {} stages", name,
                       c.stageKeys.size(), c.stages));
    return;
  }
  if ((c.kind == CoreKind::Source) != pop.source)
    fail(fmt::format("{}: a {} core for population '{}'", name,
                     c.kind == CoreKind::Source ? "source" : "neuron",
                     pop.name));
  if (c.kind != CoreKind::Neuron)
    return;
  const RowFormat &f = c.row;
  const int64_t n = c.hi - c.lo;
  if (f.typeBits != 1 || f.indexBits < 1 || f.delayBits < 1 ||
      f.indexBits + f.typeBits + f.delayBits > 16 || (n > (1ll << f.indexBits)))
    fail(fmt::format("{}: row format index {} type {} delay {} bits does not "
                     "fit {} neurons in 16 bits (§A.5)",
                     name, f.indexBits, f.typeBits, f.delayBits, n));
  if (c.shiftExc < 0 || c.shiftExc > 16 || c.shiftInh < 0 || c.shiftInh > 16)
    fail(fmt::format("{}: ring-buffer shifts {} / {} outside [0, 16]", name,
                     c.shiftExc, c.shiftInh));
  for (size_t e = 0; e < c.popTable.size(); ++e) {
    const PopTableEntry &pe = c.popTable[e];
    if (e && c.popTable[e - 1].key > pe.key)
      fail(fmt::format("{}: pop table not sorted by key at entry {}", name, e));
    if (pe.rowStride < kRowHeaderWords ||
        uint64_t(pe.address) + uint64_t(pe.neurons) * pe.rowStride >
            c.sdram.size())
      fail(fmt::format("{}: pop-table entry {} (address {}, {} rows of {} "
                       "words) is outside its {} SDRAM words",
                       name, e, pe.address, pe.neurons, pe.rowStride,
                       c.sdram.size()));
    for (uint32_t i = 0; i < pe.neurons; ++i) {
      const uint32_t *row =
          c.sdram.data() + pe.address + size_t(i) * pe.rowStride;
      RowParts parts;
      if (const char *bad = rowParts(row, pe.rowStride, parts))
        fail(fmt::format("{}: pop-table entry {} row {} has {} (stride {}, "
                         "fixed {}, plastic {})",
                         name, e, i, bad, pe.rowStride, parts.fixed,
                         parts.plastic));
      if (parts.plastic && pe.plastic < 0)
        fail(fmt::format("{}: pop-table entry {} row {} has plastic synapses "
                         "but the entry names no plastic projection",
                         name, e, i));
      for (uint32_t w = 0; w < parts.fixed; ++w)
        if (int64_t(f.index(row[parts.fixedAt() + w])) >= n)
          fail(fmt::format("{}: pop-table entry {} row {} word {} targets "
                           "neuron {} of a {}-neuron slice",
                           name, e, i, w, f.index(row[parts.fixedAt() + w]),
                           n));
    }
  }
}

void SpinnEmulator::Impl::check() {
  const SpinnPayload &p = *payload;
  const image::Image &net = p.network;
  if (net.numberFormat != kNumberFormatName)
    fail("network: number format '" + net.numberFormat +
         "', expected s16.15 (SpinnImage.h)");
  if (p.machine.cyclesPerTick() < 1)
    fail("machine: less than one cycle per tick");
  if (!(p.machine.cost.linkPacketsPerUs > 0) ||
      !(p.machine.cost.dmaBytesPerCycle > 0))
    fail("machine: link rate and DMA bandwidth must be positive");
  std::map<std::pair<ChipXY, int32_t>, size_t> used;
  for (size_t k = 0; k < p.cores.size(); ++k) {
    checkCore(k);
    auto [it, fresh] = used.insert({{p.cores[k].chip, p.cores[k].p}, k});
    if (!fresh)
      fail(fmt::format("{} and {} are the same core", coreName(p, it->second),
                       coreName(p, k)));
  }
  std::map<std::string, int32_t> byName;
  for (size_t q = 0; q < p.populations.size(); ++q) {
    const Population &pop = p.populations[q];
    byName[pop.name] = int32_t(q);
    int64_t next = 0;
    for (int32_t k : pop.cores) {
      if (k < 0 || size_t(k) >= p.cores.size() ||
          p.cores[k].population != int32_t(q) ||
          p.cores[k].kind == CoreKind::DelayExtension || p.cores[k].lo != next)
        fail(fmt::format("population '{}': its cores do not cover it slice "
                         "by slice (core {})",
                         pop.name, k));
      next = p.cores[k].hi;
    }
    if (next != pop.size)
      fail(fmt::format("population '{}': cores cover {} of {} neurons",
                       pop.name, next, pop.size));
    if (pop.latency < 0)
      fail(fmt::format("population '{}': negative latency", pop.name));
  }
  std::vector<char> seen(p.populations.size(), 0);
  // Synapse filters (SpinnImage.h): LI nodes inside a neuron core, not
  // nodes of their own.
  std::map<size_t, std::pair<int32_t, int>> filterOf; // node -> (pop, type)
  for (size_t q = 0; q < p.populations.size(); ++q)
    for (int t = 0; t < 2; ++t) {
      const int32_t f = p.populations[q].filter[t];
      if (f < 0)
        continue;
      if (size_t(f) >= net.nodes.size() || net.nodes[f].kind != "neuron" ||
          nodeFlag(net.nodes[f], image::keys::kSpiking) ||
          nodeFlag(net.nodes[f], image::keys::kHasSyn) ||
          elements(net.nodes[f].outShape) != p.populations[q].size ||
          filterOf.count(size_t(f)))
        fail(fmt::format("population '{}': its {} synapse filter (node {}) "
                         "is not a non-spiking LI node of its size of its own",
                         p.populations[q].name,
                         t == kExcitatory ? "excitatory" : "inhibitory", f));
      filterOf[size_t(f)] = {int32_t(q), t};
    }
  for (size_t k = 0; k < net.nodes.size(); ++k) {
    const image::Node &node = net.nodes[k];
    const bool input = node.kind == "input", neuron = node.kind == "neuron",
               output = node.kind == "output";
    if ((!input && !neuron && !output) || filterOf.count(k))
      continue;
    NodeRun r;
    r.node = &node;
    r.input = input;
    r.neuron = neuron;
    r.info.name = node.name;
    r.info.kind = node.kind;
    r.info.shape = node.outShape;
    r.info.size = elements(node.outShape);
    r.info.spiking = true;
    const image::Node *src = &node;
    if (output) {
      if (node.inputs.size() != 1 || node.inputs[0].source >= net.nodes.size())
        fail(
            fmt::format("output node '{}' needs exactly one input", node.name));
      src = &net.nodes[node.inputs[0].source];
    }
    auto it = byName.find(src->name);
    if (it == byName.end() ||
        p.populations[it->second].source != (src->kind == "input"))
      fail(fmt::format("node '{}' of `network` has no population of its "
                       "kind in the image",
                       src->name));
    const Population &pop = p.populations[it->second];
    if (pop.size != r.info.size)
      fail(fmt::format("node '{}' has {} elements, its population {}",
                       node.name, r.info.size, pop.size));
    r.population = it->second;
    r.latency = pop.latency;
    if (!output)
      seen[it->second] = 1;
    if (neuron) {
      NeuronParams &np = params[it->second];
      np = neuronParams(node, pop.size);
      if (pop.filter[0] >= 0 || pop.filter[1] >= 0) {
        // The neuron reads its filters only, added in its input order.
        std::vector<int> order;
        for (const image::InputEdge &e : node.inputs) {
          auto f = filterOf.find(e.source);
          if (f == filterOf.end() || f->second.first != it->second)
            fail(fmt::format("neuron node '{}' has synapse filters but "
                             "reads node {}, not one of them",
                             node.name, e.source));
          order.push_back(f->second.second);
        }
        if (np.hasSyn)
          fail(fmt::format("neuron node '{}' has a synaptic current and "
                           "synapse filters",
                           node.name));
        np.filterOrder = order;
        for (int t = 0; t < 2; ++t)
          if (pop.filter[t] >= 0)
            np.filter[t] = readCoefs(net.nodes[pop.filter[t]], pop.size);
      }
      r.info.traces = {"out", "v"};
      if (params[it->second].hasSyn)
        r.info.traces.push_back("i");
    } else {
      r.info.traces = {"out"};
    }
    nodes.push_back(std::move(r));
  }
  for (size_t q = 0; q < p.populations.size(); ++q)
    if (!seen[q])
      fail(fmt::format("population '{}' has no {} node in `network`",
                       p.populations[q].name,
                       p.populations[q].source ? "input" : "neuron"));
}

// ---------------------------------------------------------------------------
// The run

namespace {

/// Per node, the outputs of the last few ticks (ring of maxLatency + 1).
struct TickRecord {
  std::vector<sim::Event> spikes;
  std::vector<std::vector<double>> traces; ///< per NodeInfo::traces
};

/// Host spikes of one input node for one sample: counts per (tick, neuron).
struct InputPlan {
  int32_t population = -1;
  std::vector<sim::Event> events; ///< (step, neuron) ordered, value = count
  size_t cursor = 0;
  sim::InputSource *source = nullptr;
  std::vector<double> values;
};

[[noreturn, gnu::cold]] void notASpikeCount(double v, const std::string &node,
                                            int64_t step) {
  fail(fmt::format("input '{}' step {}: value {} is not a spike count; "
                   "SpiNNaker replays spikes (1 per packet)",
                   node, step, v));
}

/// Inline: called per neuron and tick of every input.
inline int64_t spikeCount(double v, const std::string &node, int64_t step) {
  // A whole number in [0, 1e6] (the conversion after the range test).
  if (!(v >= 0 && v <= 1e6) || double(int64_t(v)) != v)
    notASpikeCount(v, node, step);
  return int64_t(v);
}

/// The plastic projections' weights in the order of their `network`
/// nodes (CSR by source), read out of the cores' rows.
std::vector<sim::LearnedWeights>
collectLearnedWeights(const SpinnPayload &p,
                      const std::vector<std::unique_ptr<CoreSim>> &cores) {
  std::vector<sim::LearnedWeights> out;
  std::vector<int32_t> slot(p.plastic.size(), -1);
  std::vector<const image::Node *> node(p.plastic.size(), nullptr);
  for (size_t k = 0; k < p.plastic.size(); ++k) {
    for (const image::Node &n : p.network.nodes)
      if (n.name == p.plastic[k].name && n.kind == "sparse_affine")
        node[k] = &n;
    if (!node[k] || !node[k]->i.count(image::keys::kIndptr))
      continue;
    const IntArray &indptr = node[k]->i.at(image::keys::kIndptr);
    const int64_t nnz = indptr.size() ? indptr[indptr.size() - 1] : 0;
    if (nnz == 0 && p.facts.networkSynapsesOmitted > 0)
      continue; // `network` holds no synapses
    slot[k] = int32_t(out.size());
    out.push_back({p.plastic[k].name, std::vector<double>(size_t(nnz), 0.0)});
  }
  for (const auto &core : cores) {
    const PlasticRows *pr = core->plasticRows();
    if (!pr)
      continue;
    pr->forEachWeight([&](int32_t k, int64_t pre, int64_t post, int32_t raw) {
      if (slot[size_t(k)] < 0)
        return;
      const IntArray &indptr = node[size_t(k)]->i.at(image::keys::kIndptr);
      const IntArray &indices = node[size_t(k)]->i.at(image::keys::kIndices);
      if (pre + 1 >= int64_t(indptr.size()))
        fail(fmt::format("plastic projection '{}': pre neuron {} is not in "
                         "its `network` node",
                         p.plastic[size_t(k)].name, pre));
      for (int64_t s = indptr[size_t(pre)]; s < indptr[size_t(pre + 1)]; ++s)
        if (indices[size_t(s)] == post) {
          out[size_t(slot[size_t(k)])].weights[size_t(s)] =
              model::fixed::toDouble(raw, kNumberFormat);
          return;
        }
      fail(fmt::format("plastic projection '{}': synapse {} -> {} is not in "
                       "its `network` node",
                       p.plastic[size_t(k)].name, pre, post));
    });
  }
  return out;
}

/// Appends i - lo to `replay` counts[i] times for each i in [lo, hi) (a
/// source core's list). A loop per neuron would mispredict at almost every
/// neuron of a Poisson input (counts 0, 1, 2, ...): a count up to 8 is
/// written as 8 copies at once, the next neuron's overwriting the extra.
void appendReplay(std::vector<int64_t> &replay, const int64_t *counts,
                  int64_t lo, int64_t hi) {
  constexpr int64_t kCopies = 8;
  int64_t total = 0;
  for (int64_t i = lo; i < hi; ++i)
    total += counts[i];
  const size_t at = replay.size();
  replay.resize(at + size_t(total + kCopies));
  int64_t *out = replay.data() + at;
  for (int64_t i = lo; i < hi; ++i) {
    const int64_t c = counts[i];
    if (c <= kCopies)
      std::fill_n(out, kCopies, i - lo);
    else
      std::fill_n(out, c, i - lo);
    out += c;
  }
  replay.resize(at + size_t(total));
}

} // namespace

sim::RunStats SpinnEmulator::Impl::run(const sim::RunConfig &config) {
  const SpinnPayload &p = *payload;
  const auto wallStart = std::chrono::steady_clock::now();
  if (config.steps < 0)
    fail(fmt::format("steps = {} is negative", config.steps));
  if (config.batch < 1)
    fail(fmt::format("batch = {} must be at least 1", config.batch));
  auto findNode = [&](const std::string &name, const char *what) -> size_t {
    for (size_t k = 0; k < nodes.size(); ++k)
      if (nodes[k].info.name == name)
        return k;
    fail(fmt::format("{} names node '{}', which the spinnaker emulator does "
                     "not run (its input, neuron and output nodes only)",
                     what, name));
  };
  // Configuration.
  std::vector<const std::vector<double> *> initialV(p.populations.size(),
                                                    nullptr);
  for (const auto &[name, v] : config.initialV) {
    const NodeRun &r = nodes[findNode(name, "initialV")];
    if (!r.neuron)
      fail(fmt::format("initialV names '{}' of kind {}, not a neuron", name,
                       r.info.kind));
    if (v.size() != 1 && int64_t(v.size()) != r.info.size)
      fail(fmt::format("initialV for '{}' has {} values; expected 1 or {}",
                       name, v.size(), r.info.size));
    initialV[r.population] = &v;
  }
  std::vector<char> traced(nodes.size(), 0);
  for (const std::string &name : config.traceNodes)
    traced[findNode(name, "traceNodes")] = 1;
  for (const auto &[name, batch] : config.inputs) {
    const NodeRun &r = nodes[findNode(name, "inputs")];
    if (!r.input)
      fail(fmt::format("inputs names node '{}' of kind {}, not an input", name,
                       r.info.kind));
    if (batch.size() > 1 && int64_t(batch.size()) != config.batch)
      fail(fmt::format("inputs for '{}' hold {} samples; expected 1 (shared) "
                       "or batch = {}",
                       name, batch.size(), config.batch));
  }
  for (const auto &[name, src] : config.sources) {
    const NodeRun &r = nodes[findNode(name, "sources")];
    if (!r.input || !src)
      fail(fmt::format("sources names '{}', not an input (or null)", name));
  }

  int64_t maxLatency = 0;
  if (!options.hardwareTicks)
    for (const NodeRun &r : nodes)
      maxLatency = std::max(maxLatency, r.latency);
  const int64_t ticks = config.steps + maxLatency;
  auto latency = [&](const NodeRun &r) {
    return options.hardwareTicks ? 0 : r.latency;
  };

  // Cores and network.
  std::vector<std::unique_ptr<CoreSim>> cores;
  for (size_t k = 0; k < p.cores.size(); ++k) {
    const Core &c = p.cores[k];
    auto it = params.find(c.population);
    // Keys without a route at the core's own chip have no outgoing edges.
    std::vector<uint32_t> keys{c.key};
    if (c.kind == CoreKind::DelayExtension)
      keys = c.stageKeys;
    std::vector<uint8_t> routed(keys.size(), 0);
    for (size_t i = 0; i < keys.size(); ++i)
      routed[i] = network->routed(int32_t(k), keys[i]);
    cores.push_back(std::make_unique<CoreSim>(
        c, costs, c.kind == CoreKind::Neuron ? &it->second : nullptr,
        std::move(routed), *rows, k, p));
    CoreProvenance &cp = cores.back()->prov;
    cp.kind = c.kind;
    cp.chip = c.chip;
    cp.p = c.p;
    cp.population = p.populations[c.population].name;
    cp.lo = c.lo;
    cp.hi = c.hi;
  }
  Network &network = *this->network;
  network.clearCounters();
  const unsigned threads =
      options.threads ? options.threads
                      : std::max(1u, std::thread::hardware_concurrency());
  WorkerPool pool(
      std::min<unsigned>(threads, std::max<size_t>(1, cores.size())));

  // Outputs.
  sim::Sink *sink = config.sink;
  sim::RunInfo info;
  info.title = options.title.empty() ? p.network.source : options.title;
  info.producer = "nmc spinnaker emulator";
  info.dt = p.network.dt;
  info.steps = config.steps;
  info.batch = config.batch;
  for (size_t k = 0; k < nodes.size(); ++k) {
    sim::NodeInfo n = nodes[k].info;
    if (!traced[k])
      n.traces.clear();
    info.nodes.push_back(std::move(n));
  }
  if (sink)
    sink->begin(info);
  const size_t ringSize = size_t(maxLatency) + 1;
  std::vector<std::vector<TickRecord>> records(
      nodes.size(), std::vector<TickRecord>(ringSize));

  const int64_t total = ticks * config.batch;
  for (int64_t sample = 0; sample < config.batch; ++sample) {
    for (size_t k = 0; k < cores.size(); ++k)
      cores[k]->startSample(initialV[p.cores[k].population], ticks);
    network.reset();
    // This sample's host spikes.
    std::vector<InputPlan> inputs;
    for (const NodeRun &r : nodes) {
      if (!r.input)
        continue;
      InputPlan in;
      in.population = r.population;
      if (auto it = config.inputs.find(r.info.name);
          it != config.inputs.end() && !it->second.empty()) {
        const auto &evs = it->second[it->second.size() == 1 ? 0 : sample];
        for (const sim::Event &e : evs) {
          if (e.step < 0 || e.neuron < 0 || e.neuron >= r.info.size)
            fail(fmt::format("input '{}' sample {}: event (step {}, neuron "
                             "{}) is outside steps >= 0, neurons [0, {})",
                             r.info.name, sample, e.step, e.neuron,
                             r.info.size));
          if (e.step < config.steps)
            in.events.push_back(
                {e.step, e.neuron,
                 double(spikeCount(e.value, r.info.name, e.step))});
        }
        std::stable_sort(in.events.begin(), in.events.end(),
                         [](const sim::Event &a, const sim::Event &b) {
                           return a.step != b.step ? a.step < b.step
                                                   : a.neuron < b.neuron;
                         });
      }
      if (auto it = config.sources.find(r.info.name);
          it != config.sources.end()) {
        in.source = it->second.get();
        in.source->begin(sample);
        in.values.assign(size_t(r.info.size), 0.0);
      }
      inputs.push_back(std::move(in));
    }
    if (sink)
      sink->beginSample(sample);

    // Host spikes of step T go to the source cores (counts by population).
    using HostSpikes = std::map<int32_t, std::vector<int64_t>>;
    HostSpikes hostSpikes, nextHostSpikes;
    auto prepare = [&](int64_t T, HostSpikes &hs) {
      // Every tick fills the same populations' counts (no reallocation).
      for (InputPlan &in : inputs) {
        std::vector<int64_t> &counts = hs[in.population];
        counts.assign(size_t(p.populations[in.population].size), 0);
        for (; in.cursor < in.events.size() && in.events[in.cursor].step == T;
             ++in.cursor)
          counts[in.events[in.cursor].neuron] +=
              int64_t(in.events[in.cursor].value);
        if (in.source && T < config.steps) {
          std::fill(in.values.begin(), in.values.end(), 0.0);
          in.source->fill(T, in.values);
          for (size_t i = 0; i < in.values.size(); ++i)
            counts[i] +=
                spikeCount(in.values[i], p.populations[in.population].name, T);
        }
        for (int32_t k : p.populations[in.population].cores) {
          const Core &c = p.cores[k];
          appendReplay(cores[k]->replay(), counts.data(), c.lo, c.hi);
        }
      }
    };
    // Tick T's timer callbacks run in the pass of tick T - 1's packets: one
    // pass over the cores per tick (each core's order is unchanged).
    if (ticks > 0) {
      prepare(0, hostSpikes);
      pool.parallelFor(cores.size(), [&](size_t k) { cores[k]->timer(0); });
    }
    for (int64_t T = 0; T < ticks; ++T) {
      network.route(cores, T);

      if (sink) {
        // Record tick T of every node.
        for (size_t k = 0; k < nodes.size(); ++k) {
          const NodeRun &r = nodes[k];
          TickRecord &rec = records[k][size_t(T) % ringSize];
          rec.spikes.clear();
          const Population &pop = p.populations[r.population];
          std::vector<double> out;
          if (traced[k])
            out.assign(size_t(pop.size), 0.0);
          if (pop.source) {
            const std::vector<int64_t> &counts = hostSpikes[r.population];
            for (int64_t i = 0; i < pop.size; ++i)
              if (const int64_t c = counts[size_t(i)]) {
                rec.spikes.push_back({T, i, double(c)});
                if (traced[k])
                  out[i] = double(c);
              }
          } else {
            for (int32_t ck : pop.cores) {
              const Core &c = p.cores[ck];
              const std::vector<uint8_t> &z = cores[ck]->spiked();
              for (int64_t i = 0; i < c.hi - c.lo; ++i)
                if (z[i]) {
                  rec.spikes.push_back({T, c.lo + i, 1.0});
                  if (traced[k])
                    out[c.lo + i] = 1.0;
                }
            }
          }
          if (!traced[k])
            continue;
          rec.traces.assign(1, std::move(out));
          if (!r.neuron)
            continue;
          std::vector<double> v(size_t(pop.size)), syn(size_t(pop.size));
          const model::FixedFormat f = kNumberFormat;
          for (int32_t ck : pop.cores) {
            const Core &c = p.cores[ck];
            for (int64_t i = 0; i < c.hi - c.lo; ++i) {
              v[c.lo + i] = model::fixed::toDouble(cores[ck]->v()[i].raw(), f);
              syn[c.lo + i] =
                  model::fixed::toDouble(cores[ck]->syn()[i].raw(), f);
            }
          }
          rec.traces.push_back(std::move(v));
          if (params[r.population].hasSyn)
            rec.traces.push_back(std::move(syn));
        }
        // Step T - maxLatency of every node: its tick step + latency.
        const int64_t step = T - maxLatency;
        if (step >= 0) {
          for (size_t k = 0; k < nodes.size(); ++k) {
            TickRecord &rec =
                records[k][size_t(step + latency(nodes[k])) % ringSize];
            if (!rec.spikes.empty()) {
              for (sim::Event &e : rec.spikes)
                e.step = step;
              sink->spikes(k, rec.spikes);
            }
            if (traced[k])
              for (size_t v = 0; v < rec.traces.size(); ++v)
                sink->trace(k, v, step, rec.traces[v]);
          }
          sink->endStep(step);
        }
      }
      const bool more = T + 1 < ticks;
      if (more)
        prepare(T + 1, nextHostSpikes);
      pool.parallelFor(cores.size(), [&](size_t k) {
        cores[k]->window(T);
        if (more)
          cores[k]->timer(T + 1);
      });
      std::swap(hostSpikes, nextHostSpikes);
      if (config.progress && (T + 1) % 256 == 0)
        config.progress(sample * ticks + T + 1, total);
    }
    if (sink)
      sink->endSample(sample);
  }
  if (config.progress)
    config.progress(total, total);

  // Provenance and totals.
  prov = Provenance();
  prov.ticks = ticks;
  prov.samples = config.batch;
  prov.cyclesPerTick = costs.cyclesPerTick;
  sim::RunStats stats;
  stats.fixedPoint = true;
  for (size_t k = 0; k < cores.size(); ++k) {
    if (const PlasticRows *pr = cores[k]->plasticRows()) {
      stats.plasticUpdates += pr->counts.synapses;
      CoreProvenance &cp = cores[k]->prov;
      cp.plasticSynapses = pr->counts.synapses;
      cp.plasticPairs = pr->counts.pairs;
      cp.plasticCycles = pr->counts.cycles;
      cp.plasticLostUpdates = pr->counts.lostUpdates;
      cp.ringSaturations += pr->counts.ringSaturations;
    }
    prov.cores.push_back(cores[k]->prov);
    stats.synapticEvents += cores[k]->prov.synapticEvents;
    if (p.cores[k].kind == CoreKind::Neuron)
      stats.neuronUpdates +=
          (p.cores[k].hi - p.cores[k].lo) * ticks * config.batch;
    stats.saturations += cores[k]->ctx.stats.saturated;
    stats.roundedToZero += cores[k]->ctx.stats.roundedToZero;
  }
  learned = collectLearnedWeights(p, cores);
  prov.packets = network.packets;
  prov.hops = network.hops;
  prov.droppedPackets = network.dropped;
  prov.reinjectedPackets = network.reinjected;
  prov.maxLinkPacketsPerTick = network.maxLinkPacketsPerTick;
  std::vector<ChipXY> chips;
  for (const Core &c : p.cores)
    chips.push_back(c.chip);
  std::sort(chips.begin(), chips.end());
  prov.activeChips = std::unique(chips.begin(), chips.end()) - chips.begin();
  prov.activeCores = int64_t(p.cores.size());
  // Energy as the toolchain's report (§A.1): every chip of the machine idle
  // for the run, active cores over idle, one packet energy per router a
  // packet passes (its source router + one per hop).
  const Machine &m = p.machine;
  prov.seconds = double(ticks * config.batch) * double(m.timestepUs) * 1e-6;
  prov.energyIdleJ = double(m.numChips()) * m.energy.idleChipW * prov.seconds;
  prov.energyCoresJ =
      double(prov.activeCores) * m.energy.activeCoreW * prov.seconds;
  prov.energyPacketsJ = double(prov.packets + prov.hops) * m.energy.mcPacketJ();

  stats.steps = config.steps;
  stats.batch = config.batch;
  stats.dt = p.network.dt;
  stats.wallSeconds = std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - wallStart)
                          .count();
  return stats;
}

// ---------------------------------------------------------------------------
// Public face

SpinnEmulator::SpinnEmulator(std::shared_ptr<const SpinnPayload> payload,
                             EmulatorOptions options)
    : impl(std::make_unique<Impl>()) {
  if (!payload)
    fail("no payload");
  impl->payload = std::move(payload);
  impl->options = options;
  const Machine &m = impl->payload->machine;
  CoreCosts &c = impl->costs;
  c.neuronUpdate = m.cost.neuronUpdateCycles;
  c.synapticWord = m.cost.synapticWordCycles;
  c.spikeOverhead = m.cost.spikeOverheadCycles;
  c.dmaLatency = m.cost.dmaLatencyCycles;
  c.dmaBytesPerCycle = m.cost.dmaBytesPerCycle;
  c.popTableStep = options.costs.popTableStepCycles;
  c.send = options.costs.sendCycles;
  c.delayReceive = options.costs.delayReceiveCycles;
  c.inputBuffer = options.costs.inputBufferPackets;
  c.cyclesPerTick = m.cyclesPerTick();
  if (c.inputBuffer < 1)
    fail("input buffer of less than one packet");
  impl->check();
  impl->network = std::make_unique<Network>(*impl->payload, impl->options);
  impl->rows = std::make_unique<RowStore>(*impl->payload);
}

SpinnEmulator::~SpinnEmulator() = default;

std::vector<sim::NodeInfo> SpinnEmulator::nodes() const {
  std::vector<sim::NodeInfo> out;
  for (const NodeRun &r : impl->nodes)
    out.push_back(r.info);
  return out;
}

sim::RunStats SpinnEmulator::run(const sim::RunConfig &config) {
  return impl->run(config);
}

const Provenance &SpinnEmulator::provenance() const { return impl->prov; }

std::vector<sim::LearnedWeights> SpinnEmulator::networkWeights() const {
  return impl->learned;
}

std::vector<sim::LearnedWeights> SpinnEmulator::learnedWeights() const {
  const SpinnPayload &p = *impl->payload;
  std::vector<sim::LearnedWeights> out;
  for (const sim::LearnedWeights &lw : impl->learned) {
    const image::Node *net = nullptr, *orig = nullptr;
    for (const image::Node &n : p.network.nodes)
      if (n.name == lw.node)
        net = &n;
    for (const image::Node &n : p.reference.nodes)
      if (n.name == lw.node)
        orig = &n;
    if (!orig || !orig->f.count(image::keys::kWeight) ||
        (orig->kind != "affine" && orig->kind != "sparse_affine")) {
      out.push_back(lw); // no source node: `network`'s order
      continue;
    }
    // The source node's storage order; a synapse the machine does not
    // hold keeps its weight.
    const FloatArray &w0 = orig->f.at(image::keys::kWeight);
    sim::LearnedWeights o{lw.node, std::vector<double>(w0.size())};
    for (size_t k = 0; k < w0.size(); ++k)
      o.weights[k] = w0[k];
    const IntArray &indptr = net->i.at(image::keys::kIndptr),
                   &indices = net->i.at(image::keys::kIndices);
    const bool dense = orig->kind == "affine";
    const int64_t in =
        dense ? int64_t(w0.size()) / std::max<int64_t>(1, orig->outShape[0])
              : 0;
    for (int64_t j = 0; j + 1 < int64_t(indptr.size()); ++j)
      for (int64_t s = indptr[size_t(j)]; s < indptr[size_t(j + 1)]; ++s) {
        const int64_t i = indices[size_t(s)];
        int64_t at = -1;
        if (dense) {
          at = i * in + j;
        } else {
          const IntArray &optr = orig->i.at(image::keys::kIndptr),
                         &oidx = orig->i.at(image::keys::kIndices);
          for (int64_t t = optr[size_t(j)]; t < optr[size_t(j + 1)]; ++t)
            if (oidx[size_t(t)] == i)
              at = t;
        }
        if (at < 0 || at >= int64_t(o.weights.size()))
          fail(fmt::format("plastic node '{}': synapse {} -> {} is not in "
                           "the compiled model's node",
                           lw.node, j, i));
        o.weights[size_t(at)] = lw.weights[size_t(s)];
      }
    out.push_back(std::move(o));
  }
  return out;
}

void SpinnEmulator::addReport(sim::Report &report) const {
  addImageFacts(*impl->payload, report);
  addSpinnSection(report, impl->prov);
}

} // namespace nmc::spinn
