//===- SpinnCores.cpp - Cores, facts and the parallel row build ----------===//
//
// One core per slice (source or neuron) in mapping order, then one
// delay-extension core per source slice with an extension; each neuron
// core's synaptic rows and pop table (SpinnRows.cpp) are built on a pool of
// worker threads, a core at a time, the result independent of the thread
// count.
//===----------------------------------------------------------------------===//
#include "SpinnRows.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <thread>

namespace nmc::spinn::layout {
namespace {

std::string num(int64_t v) { return std::to_string(v); }

/// Index of the slice of `pop` holding neuron `i`.
size_t sliceOf(const Population &pop, int64_t i) {
  auto it =
      std::upper_bound(pop.slices.begin(), pop.slices.end(), i,
                       [](int64_t v, const Slice &s) { return v < s.lo; });
  return size_t(it - pop.slices.begin()) - 1;
}

/// Explicit projection: its synapses bucketed by the post slice they
/// target (one pass over the matrix instead of one per core).
std::vector<std::vector<Synapse>> explicitBySlice(const Projection &proj,
                                                  const Population &post) {
  std::vector<std::vector<Synapse>> out(post.slices.size());
  const bool oneDelay = proj.delays.size() == 1;
  const bool plastic = proj.stdp.has_value();
  for (int64_t j = 0; j < proj.nPre; ++j)
    for (int64_t k = proj.indptr[j]; k < proj.indptr[j + 1]; ++k) {
      if (proj.codes[k] == 0 && !plastic)
        continue;
      const int64_t i = proj.indices[k];
      out[sliceOf(post, i)].push_back(
          {j, i, proj.types[k], proj.codes[k],
           oneDelay ? proj.delays[0] : proj.delays[k], plastic,
           plastic ? plasticRaw(proj.weights[k]) : 0});
    }
  return out;
}

/// A plastic projection: a rule whose taus are > 0 ticks and bounds
/// |w| < 512; explicit: one weight per synapse, |w| < 512 (s16.15 exact in
/// float32), codes and types 0, one delay >= 1; connector: a constant
/// delay, D >= 1.
std::string checkPlastic(const Layout &layout, const Projection &p) {
  if (!p.stdp)
    return "";
  const model::StdpParams &r = *p.stdp;
  if (!(r.tauPlus > 0) || !(r.tauMinus > 0) || !(r.wMin <= r.wMax) ||
      !(std::fabs(r.wMin) < 512.0) || !(std::fabs(r.wMax) < 512.0))
    return "plastic, with taus <= 0 or bounds outside -512 < w_min <= "
           "w_max < 512";
  if (p.connector) {
    // Weights (|w| < 512) and delays are checked per expanded synapse
    // (SpinnRows.cpp forEachPlastic).
    if (p.connector->delay.kind != model::Distribution::Kind::Constant)
      return "a plastic connector needs a constant delay (one hardware "
             "delay for all its synapses)";
    const int64_t d = plasticDelay(layout, p);
    if (d < 1)
      return "plastic, with hardware delay " + num(d) + " < 1";
    return "";
  }
  if (p.weights.size() != p.indices.size())
    return "plastic, with " + num(int64_t(p.weights.size())) + " weights for " +
           num(int64_t(p.indices.size())) + " synapses";
  for (double w : p.weights)
    if (!(std::fabs(w) < 512.0))
      return "plastic weight " + std::to_string(w) +
             " outside (-512, 512) (s16.15 exact in float32)";
  for (size_t k = 0; k < p.codes.size(); ++k)
    if (p.codes[k] || p.types[k])
      return "plastic, but synapse " + num(int64_t(k)) +
             " has a code or type (plastic weights are exact s16.15)";
  for (int64_t d : p.delays)
    if (d != p.delays.front() || d < 1)
      return "plastic, but its synapses' hardware delays differ or are < 1";
  return "";
}

/// What the builders index with: populations' slices cover [0, size) in
/// order, projections name existing populations of their sizes, explicit
/// matrices are well formed.
std::string checkLayout(const Layout &layout) {
  const int64_t nPops = int64_t(layout.populations.size());
  for (const Population &pop : layout.populations) {
    int64_t next = 0;
    for (const Slice &s : pop.slices) {
      if (s.lo != next || s.hi <= s.lo)
        return "population '" + pop.name + "': slice [" + num(s.lo) + ", " +
               num(s.hi) + ") does not continue at " + num(next);
      next = s.hi;
    }
    if (next != pop.size || pop.size < 1)
      return "population '" + pop.name + "': slices cover " + num(next) +
             " of " + num(pop.size) + " neurons";
  }
  for (const Projection &p : layout.projections) {
    const std::string name = "projection '" + p.name + "': ";
    if (p.pre < 0 || p.pre >= nPops || p.post < 0 || p.post >= nPops)
      return name + "pre or post population out of range";
    const Population &pre = layout.populations[p.pre],
                     &post = layout.populations[p.post];
    if (p.nPre != pre.size || p.nPost != post.size || post.source)
      return name + num(p.nPre) + " x " + num(p.nPost) +
             " does not match populations '" + pre.name + "' (" +
             num(pre.size) + ") and '" + post.name + "' (" + num(post.size) +
             (post.source ? ", a source" : "") + ")";
    if (p.connector) {
      if (p.connector->nPre != p.nPre || p.connector->nPost != p.nPost)
        return name + "connector is " + num(p.connector->nPre) + " x " +
               num(p.connector->nPost);
      if (std::string e = model::validateConnector(*p.connector); !e.empty())
        return name + e;
      if (std::string e = checkPlastic(layout, p); !e.empty())
        return name + e;
      continue;
    }
    const size_t nnz = p.indices.size();
    if (int64_t(p.indptr.size()) != p.nPre + 1 || p.indptr.front() != 0 ||
        p.indptr.back() != int64_t(nnz) || p.types.size() != nnz ||
        p.codes.size() != nnz ||
        (p.delays.size() != 1 && p.delays.size() != nnz))
      return name + "malformed CSR (indptr, indices, types, codes, delays)";
    for (int64_t j = 0; j < p.nPre; ++j)
      if (p.indptr[j + 1] < p.indptr[j])
        return name + "indptr decreases at " + num(j + 1);
    for (size_t k = 0; k < nnz; ++k)
      if (p.indices[k] < 0 || p.indices[k] >= p.nPost)
        return name + "index " + num(p.indices[k]) + " outside 0.." +
               num(p.nPost - 1);
    if (std::string e = checkPlastic(layout, p); !e.empty())
      return name + e;
  }
  // One plastic projection per (pre, post) pair: a row has one plastic
  // region (SpinnImage.h "Plastic rows"; sPyNNaker too has one synapse
  // dynamics per row).
  for (size_t a = 0; a < layout.projections.size(); ++a)
    for (size_t b = a + 1; b < layout.projections.size(); ++b) {
      const Projection &x = layout.projections[a], &y = layout.projections[b];
      if (x.stdp && y.stdp && x.pre == y.pre && x.post == y.post)
        return "projection '" + y.name + "': plastic projections '" + x.name +
               "' and '" + y.name + "' both connect '" +
               layout.populations[x.pre].name + "' to '" +
               layout.populations[x.post].name +
               "'; a row holds one plastic region, so SpiNNaker takes one "
               "plastic projection per pair of populations (merge them)";
    }
  return "";
}

/// Runs job(k, worker) for k = 0 .. n-1 on `threads` workers (the caller is
/// worker 0), jobs handed out in ascending order. Once stop() is true no
/// new job starts; every job below the highest started one has run.
template <class Job, class Stop>
void parallelFor(size_t n, unsigned threads, Job job, Stop stop) {
  std::atomic<size_t> next{0};
  auto work = [&](unsigned worker) {
    for (size_t k; !stop() && (k = next.fetch_add(1)) < n;)
      job(k, worker);
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < threads; ++w)
    pool.emplace_back(work, w);
  work(0);
  for (std::thread &t : pool)
    t.join();
}

class CoreBuilder {
public:
  CoreBuilder(const Layout &layout, SpinnPayload &out, int threads)
      : layout(layout), out(out), threads(threads) {}

  std::string run() {
    if (std::string e = checkLayout(layout); !e.empty())
      return e;
    out.machine = layout.machine;
    out.populations.clear();
    out.cores.clear();
    out.facts = {};
    out.facts.placementCost = layout.placementCost;
    out.facts.latencyClashes = layout.latencyClashes;
    // The plastic projections, in projection order (PopTableEntry::plastic
    // indexes this list).
    out.plastic.clear();
    for (const Projection &p : layout.projections)
      if (p.stdp)
        out.plastic.push_back({p.name, p.pre, p.post, *p.stdp,
                               plasticDelay(layout, p),
                               int64_t(p.indices.size())});
    std::vector<bool> plasticConnector;
    for (const Projection &p : layout.projections)
      if (p.stdp)
        plasticConnector.push_back(p.connector.has_value());
    detail::ExplicitSynapses explicitSyn;
    for (const Projection &p : layout.projections) {
      out.facts.zeroedWeights += p.zeroed;
      out.facts.saturatedWeights += p.saturated;
      explicitSyn.push_back(
          p.connector ? std::vector<std::vector<Synapse>>{}
                      : explicitBySlice(p, layout.populations[p.post]));
    }
    struct Job {
      size_t q, s, core;
    };
    std::vector<Job> jobs;
    for (size_t q = 0; q < layout.populations.size(); ++q) {
      const Population &pop = layout.populations[q];
      spinn::Population &op = out.populations.emplace_back();
      op.name = pop.name;
      op.source = pop.source;
      op.size = pop.size;
      op.latency = pop.latency;
      for (size_t s = 0; s < pop.slices.size(); ++s) {
        op.cores.push_back(int32_t(out.cores.size()));
        if (!pop.source)
          jobs.push_back({q, s, out.cores.size()});
        setCore(q, s, out.cores.emplace_back());
      }
    }
    // The rows of each neuron core, in parallel: a core's rows depend on
    // nothing but the layout, and the first error in core order wins, so
    // any thread count gives the same payload or the same error.
    const unsigned workers = std::max<unsigned>(
        1, std::min<size_t>(jobs.size(),
                            threads > 0 ? unsigned(threads)
                                        : std::thread::hardware_concurrency()));
    std::vector<detail::RowScratch> scratch(workers);
    std::vector<detail::CoreCounts> counts(jobs.size());
    std::vector<std::string> errors(jobs.size());
    std::atomic<bool> failed{false};
    parallelFor(
        jobs.size(), workers,
        [&](size_t k, unsigned w) {
          const Job &j = jobs[k];
          errors[k] = detail::buildNeuronRows(layout, j.q, j.s, explicitSyn,
                                              scratch[w], out.cores[j.core],
                                              counts[k]);
          if (!errors[k].empty())
            failed = true;
        },
        [&] { return failed.load(); });
    for (const std::string &e : errors)
      if (!e.empty())
        return e;
    for (const detail::CoreCounts &c : counts) {
      out.facts.synapses += c.synapses;
      out.facts.plasticSynapses += c.plastic;
      // A connector's plastic synapses are known once expanded.
      for (size_t k = 0; k < c.plasticOf.size(); ++k)
        if (plasticConnector[k])
          out.plastic[k].synapses += c.plasticOf[k];
      out.facts.zeroedWeights += c.zeroed;
      out.facts.saturatedWeights += c.saturated;
    }
    scratch.clear();
    for (size_t q = 0; q < layout.populations.size(); ++q)
      for (const Slice &s : layout.populations[q].slices)
        if (s.extension)
          if (std::string e = addExtension(q, s); !e.empty())
            return e;
    out.tables.clear();
    for (const RouterTableDesc &t : layout.tables)
      out.tables.push_back({t.chip, t.entries, t.uncompressed});
    return checkChipSdram();
  }

private:
  const Layout &layout;
  SpinnPayload &out;
  int threads;

  /// Everything of a source or neuron core but the rows.
  void setCore(size_t q, size_t s, Core &c) {
    const Population &pop = layout.populations[q];
    const Slice &slice = pop.slices[s];
    c.kind = pop.source ? CoreKind::Source : CoreKind::Neuron;
    c.chip = slice.chip;
    c.p = slice.p;
    c.population = int32_t(q);
    c.lo = slice.lo;
    c.hi = slice.hi;
    c.key = slice.key;
    c.mask = slice.mask;
    c.dtcmBytes = slice.dtcmBytes;
    c.sdramBytes = slice.sdramBytes;
  }

  std::string addExtension(size_t q, const Slice &s) {
    const Population &pop = layout.populations[q];
    const Slice::Extension &ext = *s.extension;
    // spinnaker.md §A.5: MAX_SLOTS = 8 stages.
    if (ext.keys.empty() || ext.keys.size() > 8 || ext.stageTicks < 1)
      return "slice [" + num(s.lo) + ", " + num(s.hi) + ") of '" + pop.name +
             "': delay extension with " + num(ext.keys.size()) + " stages of " +
             num(ext.stageTicks) + " ticks (1..8 stages of >= 1 tick)";
    Core &c = out.cores.emplace_back();
    c.kind = CoreKind::DelayExtension;
    c.chip = ext.chip;
    c.p = ext.p;
    c.population = int32_t(q);
    c.lo = s.lo;
    c.hi = s.hi;
    c.key = s.key;
    c.mask = s.mask;
    c.stages = int32_t(ext.keys.size());
    c.stageTicks = int32_t(ext.stageTicks);
    c.stageKeys = ext.keys;
    return "";
  }

  std::string checkChipSdram() {
    std::map<ChipXY, int64_t> bytes;
    for (const Core &c : out.cores)
      bytes[c.chip] += int64_t(c.sdram.size()) * 4;
    for (const auto &[chip, b] : bytes)
      if (b > layout.machine.chip.sdramUsableBytes)
        return "chip (" + num(chip.x) + ", " + num(chip.y) +
               "): synaptic "
               "rows take " +
               num(b) + " B of SDRAM, more than the " +
               num(layout.machine.chip.sdramUsableBytes) + " B usable (§A.1)";
    return "";
  }
};

} // namespace

std::string buildSpinnCores(const Layout &layout, SpinnPayload &out,
                            int threads) {
  return CoreBuilder(layout, out, threads).run();
}

std::string buildSpinnPayload(const Layout &layout,
                              const image::Image &quantized, SpinnPayload &out,
                              int threads) {
  if (std::string e = buildSpinnCores(layout, out, threads); !e.empty())
    return e;
  if (std::string e = buildSpinnNetwork(layout, quantized, out.network,
                                       out.facts.networkSynapsesOmitted);
      !e.empty())
    return e;
  for (size_t q = 0; q < layout.populations.size(); ++q)
    for (int t = 0; t < 2; ++t) {
      const std::string &f = layout.populations[q].filters[t];
      if (f.empty())
        continue;
      for (size_t k = 0; k < out.network.nodes.size(); ++k)
        if (out.network.nodes[k].name == f)
          out.populations[q].filter[t] = int32_t(k);
    }
  return "";
}

} // namespace nmc::spinn::layout
