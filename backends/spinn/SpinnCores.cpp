//===- SpinnCores.cpp - Synaptic rows, pop tables and cores --------------===//
//
// What sPyNNaker's data-spec writer (and, for connectors, the on-chip
// synapse expander) put into a neuron core's SDRAM (spinnaker.md §A.5):
// for every source slice - or delay stage of one - with synapses onto the
// core, a block of rows, one per source neuron, each 3 header words then
// one fixed word per synapse, padded to the block's longest row; the master
// population table lists the blocks sorted by key.
//===----------------------------------------------------------------------===//
#include "nmc/Backends/SpinnLayout.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"
#include "nmc/Target/SpiNNaker/WeightCoding.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace nmc::spinn::layout {
namespace {

std::string num(int64_t v) { return std::to_string(v); }

/// "core (x, y, p) of 'pop' [lo, hi)" for messages.
std::string coreName(const Population &pop, const Slice &s) {
  return "core (" + num(s.chip.x) + ", " + num(s.chip.y) + ", " + num(s.p) +
         ") of '" + pop.name + "' [" + num(s.lo) + ", " + num(s.hi) + ")";
}

/// Index of the slice of `pop` holding neuron `i`.
size_t sliceOf(const Population &pop, int64_t i) {
  auto it =
      std::upper_bound(pop.slices.begin(), pop.slices.end(), i,
                       [](int64_t v, const Slice &s) { return v < s.lo; });
  return size_t(it - pop.slices.begin()) - 1;
}

int shiftOf(const Population &post, uint32_t type) {
  return type == kInhibitory ? post.shiftInh : post.shiftExc;
}

/// Explicit projection: its synapses bucketed by the post slice they
/// target (one pass over the matrix instead of one per core).
std::vector<std::vector<Synapse>> explicitBySlice(const Projection &proj,
                                                  const Population &post) {
  std::vector<std::vector<Synapse>> out(post.slices.size());
  const bool oneDelay = proj.delays.size() == 1;
  for (int64_t j = 0; j < proj.nPre; ++j)
    for (int64_t k = proj.indptr[j]; k < proj.indptr[j + 1]; ++k) {
      if (proj.codes[k] == 0)
        continue;
      const int64_t i = proj.indices[k];
      out[sliceOf(post, i)].push_back(
          {j, i, proj.types[k], proj.codes[k],
           oneDelay ? proj.delays[0] : proj.delays[k]});
    }
  return out;
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
  }
  return "";
}

/// A block of rows: the synapses from one source slice (stage) onto a core.
struct Block {
  uint32_t key = 0, mask = 0, stage = 0;
  int32_t pre = 0;
  size_t slice = 0;
  std::vector<std::vector<uint32_t>> rows;
  std::set<int32_t> projections;
};

class CoreBuilder {
public:
  CoreBuilder(const Layout &layout, SpinnPayload &out)
      : layout(layout), out(out) {}

  std::string run() {
    if (std::string e = checkLayout(layout); !e.empty())
      return e;
    out.machine = layout.machine;
    out.populations.clear();
    out.cores.clear();
    out.facts = {};
    out.facts.placementCost = layout.placementCost;
    out.facts.latencyClashes = layout.latencyClashes;
    std::vector<std::vector<std::vector<Synapse>>> explicitSyn;
    for (const Projection &p : layout.projections) {
      out.facts.zeroedWeights += p.zeroed;
      out.facts.saturatedWeights += p.saturated;
      explicitSyn.push_back(
          p.connector ? std::vector<std::vector<Synapse>>{}
                      : explicitBySlice(p, layout.populations[p.post]));
    }
    for (size_t q = 0; q < layout.populations.size(); ++q) {
      const Population &pop = layout.populations[q];
      spinn::Population &op = out.populations.emplace_back();
      op.name = pop.name;
      op.source = pop.source;
      op.size = pop.size;
      op.latency = pop.latency;
      for (size_t s = 0; s < pop.slices.size(); ++s) {
        op.cores.push_back(int32_t(out.cores.size()));
        Core &c = out.cores.emplace_back();
        if (std::string e = fillCore(q, s, explicitSyn, c); !e.empty())
          return e;
      }
    }
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

  std::string
  fillCore(size_t q, size_t s,
           const std::vector<std::vector<std::vector<Synapse>>> &explicitSyn,
           Core &c) {
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
    if (pop.source)
      return "";
    c.shiftExc = pop.shiftExc;
    c.shiftInh = pop.shiftInh;
    // Row word format (spinn-common convention 2): n index bits, 1 type
    // bit, delay_bits delay bits, n + 1 + d <= 16 (§A.5 synapse_row.h).
    uint32_t n = 1;
    while ((int64_t(1) << n) < slice.hi - slice.lo)
      ++n;
    if (slice.delayBits < 1 || n + 1 + slice.delayBits > 16)
      return coreName(pop, slice) + ": row format needs " + num(n) +
             " index bits + 1 type bit + delay_bits " + num(slice.delayBits) +
             " <= 16 bits, with delay_bits >= 1";
    c.row = {n, 1, uint32_t(slice.delayBits)};

    std::map<std::tuple<int32_t, size_t, uint32_t>, Block> blocks;
    for (size_t pi = 0; pi < layout.projections.size(); ++pi) {
      const Projection &proj = layout.projections[pi];
      if (proj.post != int32_t(q))
        continue;
      std::vector<Synapse> connectorSyn;
      const std::vector<Synapse> *syn = nullptr;
      if (proj.connector) {
        Coding coding;
        if (std::string e = synapsesOnto(layout, proj, slice.lo, slice.hi,
                                         connectorSyn, coding);
            !e.empty())
          return e;
        out.facts.zeroedWeights += coding.zeroed;
        out.facts.saturatedWeights += coding.saturated;
        syn = &connectorSyn;
      } else {
        syn = &explicitSyn[pi][s];
      }
      if (std::string e =
              addSynapses(pop, slice, c.row, int32_t(pi), *syn, blocks);
          !e.empty())
        return e;
    }
    return layoutRows(pop, slice, blocks, c);
  }

  std::string
  addSynapses(const Population &post, const Slice &slice, const RowFormat &row,
              int32_t pi, const std::vector<Synapse> &syn,
              std::map<std::tuple<int32_t, size_t, uint32_t>, Block> &blocks) {
    const Projection &proj = layout.projections[pi];
    const Population &pre = layout.populations[proj.pre];
    const int64_t maxOnCore = (int64_t(1) << slice.delayBits) - 1;
    for (const Synapse &y : syn) {
      const size_t ps = sliceOf(pre, y.source);
      const Slice &src = pre.slices[ps];
      auto where = [&]() {
        return "projection '" + proj.name + "': synapse " + num(y.source) +
               " -> " + num(y.target) + " onto " + coreName(post, slice);
      };
      if (y.delay < 1)
        return where() + " has hardware delay " + num(y.delay) +
               "; SpiNNaker delivers a spike 1 tick after it is sent at the "
               "earliest (delay_steps must be >= 1)";
      int64_t stage = 0, delay = y.delay;
      if (y.delay > maxOnCore) {
        // spinn-common convention 4: stage s = ceil((D - M) / S), residual
        // D - s S on the core.
        if (!src.extension)
          return where() + " has hardware delay " + num(y.delay) +
                 ", above the core's " + num(maxOnCore) +
                 " ring-buffer slots, and source slice [" + num(src.lo) + ", " +
                 num(src.hi) + ") of '" + pre.name + "' has no delay extension";
        const Slice::Extension &ext = *src.extension;
        const int64_t st = ext.stageTicks;
        stage = (y.delay - maxOnCore + st - 1) / st;
        delay = y.delay - stage * st;
        if (stage > int64_t(ext.keys.size()) || delay < 1)
          return where() + " has hardware delay " + num(y.delay) +
                 ", more than the delay extension's " + num(ext.keys.size()) +
                 " stages of " + num(st) + " ticks plus the core's " +
                 num(maxOnCore) +
                 " can deliver (or stage_ticks > the core's maximum)";
      }
      if (y.type > kInhibitory || y.code > uint32_t(kMaxWeightCode))
        return where() + ": type " + num(y.type) + " / code " + num(y.code) +
               " outside 0..1 / 0..65535";
      Block &b = blocks[{proj.pre, ps, uint32_t(stage)}];
      if (b.rows.empty()) {
        b.rows.resize(src.hi - src.lo);
        b.pre = proj.pre;
        b.slice = ps;
        b.stage = uint32_t(stage);
        b.mask = src.mask;
        b.key = stage ? src.extension->keys[stage - 1] : src.key;
      }
      b.projections.insert(pi);
      b.rows[y.source - src.lo].push_back(row.encode(
          y.code, uint32_t(delay), y.type, uint32_t(y.target - slice.lo)));
    }
    return "";
  }

  std::string
  layoutRows(const Population &post, const Slice &slice,
             std::map<std::tuple<int32_t, size_t, uint32_t>, Block> &blocks,
             Core &c) {
    std::vector<Block *> order;
    for (auto &[k, b] : blocks)
      order.push_back(&b);
    std::stable_sort(order.begin(), order.end(),
                     [](Block *a, Block *b) { return a->key < b->key; });
    for (Block *b : order) {
      const Population &pre = layout.populations[b->pre];
      const Slice &src = pre.slices[b->slice];
      std::string from =
          "source slice [" + num(src.lo) + ", " + num(src.hi) + ") of '" +
          pre.name + "'" +
          (b->stage ? " (delay stage " + num(b->stage) + ")" : std::string());
      if (!c.popTable.empty() && c.popTable.back().key == b->key)
        return coreName(post, slice) + ": " + from + " has key " + num(b->key) +
               ", which another block onto it also has";
      size_t longest = 0;
      for (size_t i = 0; i < b->rows.size(); ++i) {
        longest = std::max(longest, b->rows[i].size());
        if (b->rows[i].size() > kMaxRowSynapses) {
          std::string names;
          for (int32_t pi : b->projections)
            names += (names.empty() ? "'" : ", '") +
                     layout.projections[pi].name + "'";
          return "projection " + names + ": the row of neuron " +
                 num(src.lo + int64_t(i)) + " of '" + pre.name + "' onto " +
                 coreName(post, slice) + " has " + num(b->rows[i].size()) +
                 " synapses, more than a row holds (" + num(kMaxRowSynapses) +
                 ", §A.3)";
        }
      }
      PopTableEntry e;
      e.key = b->key;
      e.mask = b->mask;
      e.rowStride = uint32_t(kRowHeaderWords + longest);
      e.neurons = uint32_t(src.hi - src.lo);
      e.delayStage = b->stage;
      const uint64_t end =
          uint64_t(c.sdram.size()) + uint64_t(e.rowStride) * e.neurons;
      if (end > UINT32_MAX)
        return coreName(post, slice) + ": synaptic rows exceed 2^32 words";
      e.address = uint32_t(c.sdram.size());
      for (const std::vector<uint32_t> &r : b->rows) {
        const size_t at = c.sdram.size();
        c.sdram.resize(at + e.rowStride, 0u);
        c.sdram[at + kRowFixedCountWord] = uint32_t(r.size());
        std::copy(r.begin(), r.end(), c.sdram.begin() + at + kRowHeaderWords);
        out.facts.synapses += int64_t(r.size());
      }
      c.popTable.push_back(e);
    }
    return "";
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

std::string synapsesOnto(const Layout &layout, const Projection &proj,
                         int64_t lo, int64_t hi, std::vector<Synapse> &out,
                         Coding &coding) {
  out.clear();
  if (!proj.connector) {
    const bool oneDelay = proj.delays.size() == 1;
    for (int64_t j = 0; j < proj.nPre; ++j)
      for (int64_t k = proj.indptr[j]; k < proj.indptr[j + 1]; ++k)
        if (proj.indices[k] >= lo && proj.indices[k] < hi && proj.codes[k])
          out.push_back({j, proj.indices[k], proj.types[k], proj.codes[k],
                         oneDelay ? proj.delays[0] : proj.delays[k]});
    return "";
  }
  model::ExpandedConnector x;
  if (std::string e =
          model::expandConnector(*proj.connector, lo, hi, layout.dt, x);
      !e.empty())
    return "projection '" + proj.name + "': " + e;
  const Population &post = layout.populations[proj.post];
  for (int64_t j = 0; j < proj.nPre; ++j)
    for (int64_t k = x.indptr[j]; k < x.indptr[j + 1]; ++k) {
      const double w = x.weights[k];
      if (w == 0.0)
        continue;
      const uint32_t type = synapseTypeOf(w);
      const WeightCode wc = encodeWeight(w, shiftOf(post, type));
      coding.zeroed += wc.zeroed;
      coding.saturated += wc.saturated;
      if (!wc.code)
        continue;
      const int64_t steps = x.delaySteps.empty() ? 0 : x.delaySteps[k];
      out.push_back({j, x.indices[k], type, wc.code, steps + proj.delayOffset});
    }
  return "";
}

std::string buildSpinnCores(const Layout &layout, SpinnPayload &out) {
  return CoreBuilder(layout, out).run();
}

std::string buildSpinnPayload(const Layout &layout,
                              const image::Image &quantized,
                              SpinnPayload &out) {
  if (std::string e = buildSpinnCores(layout, out); !e.empty())
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
