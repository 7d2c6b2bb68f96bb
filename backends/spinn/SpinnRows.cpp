//===- SpinnRows.cpp - One neuron core's rows and pop table --------------===//
//
// What sPyNNaker's data-spec writer (and, for connectors, the on-chip
// synapse expander) put into a neuron core's SDRAM (spinnaker.md §A.5):
// for every source slice - or delay stage of one - with synapses onto the
// core, a block of rows, one per source neuron, each 3 header words then
// one fixed word per synapse, padded to the block's longest row; the master
// population table lists the blocks sorted by key.
//
// A row receives its words projection by projection (graph order), each
// projection's in its source-major order. Instead of a vector per row, the
// core's synapses are listed once (word, row) in that order, the rows
// counted, the blocks laid out, and the words dropped into the SDRAM
// allocated once at its final size.
//===----------------------------------------------------------------------===//
#include "SpinnRows.h"

#include "nmc/Target/SpiNNaker/WeightCoding.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include <sys/mman.h>

namespace nmc::spinn::layout {
namespace {

std::string num(int64_t v) { return std::to_string(v); }

/// "core (x, y, p) of 'pop' [lo, hi)" for messages.
std::string coreName(const Population &pop, const Slice &s) {
  return "core (" + num(s.chip.x) + ", " + num(s.chip.y) + ", " + num(s.p) +
         ") of '" + pop.name + "' [" + num(s.lo) + ", " + num(s.hi) + ")";
}

int shiftOf(const Population &post, uint32_t type) {
  return type == kInhibitory ? post.shiftInh : post.shiftExc;
}

/// Calls f(source, target, type, code, hardware delay) for every synapse of
/// `x` (an expansion of `proj`'s connector) with a non-zero code, sources
/// ascending, coding each weight with the post population's shift of its
/// type; zeroed and saturated weights are counted into `coding`. Stops when
/// f returns false.
template <class F>
void forEachCoded(const Layout &layout, const Projection &proj,
                  const model::ExpandedConnector &x, Coding &coding, F &&f) {
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
      if (!f(j, int64_t(x.indices[k]), type, wc.code,
             steps + proj.delayOffset))
        return;
    }
}

/// Calls f(synapse) for every synapse of `x` (an expansion of plastic
/// connector `proj`), sources ascending, zero weights too: plastic, raw
/// s16.15 weight, the one hardware delay D. Returns "" or the first error
/// (a weight |w| >= 512, a synapse of another delay, or f's).
template <class F>
std::string forEachPlastic(const Layout &layout, const Projection &proj,
                           const model::ExpandedConnector &x, F &&f) {
  const int64_t delay = plasticDelay(layout, proj);
  for (int64_t j = 0; j < proj.nPre; ++j)
    for (int64_t k = x.indptr[j]; k < x.indptr[j + 1]; ++k) {
      const double w = x.weights[k];
      const int64_t i = x.indices[k];
      const int64_t d =
          (x.delaySteps.empty() ? 0 : x.delaySteps[k]) + proj.delayOffset;
      if (!(std::fabs(w) < 512.0))
        return "projection '" + proj.name + "': plastic weight " +
               std::to_string(w) + " of synapse " + num(j) + " -> " + num(i) +
               " outside (-512, 512) (an s16.15 weight must be exact in "
               "float32 for the image's network)";
      if (d != delay)
        return "projection '" + proj.name + "': plastic synapse " + num(j) +
               " -> " + num(i) + " has hardware delay " + num(d) + ", not " +
               num(delay) + " (a plastic connector has one delay)";
      if (std::string e = f(Synapse{j, i, 0, 0, d, true, plasticRaw(w)});
          !e.empty())
        return e;
    }
  return "";
}

/// `words` zeroed words in `v` (empty before), on 2 MB pages where the OS
/// gives them (THP "madvise"): 2.8 GB of rows at full-scale PD14 were
/// ~700 k page faults of 4 kB.
void allocateZeroed(std::vector<uint32_t> &v, size_t words) {
  v.reserve(words);
#ifdef MADV_HUGEPAGE
  constexpr uintptr_t kHugePage = uintptr_t(2) << 20;
  const uintptr_t begin = reinterpret_cast<uintptr_t>(v.data()),
                  end = begin + words * sizeof(uint32_t);
  const uintptr_t lo = (begin + kHugePage - 1) & ~(kHugePage - 1),
                  hi = end & ~(kHugePage - 1);
  if (hi > lo)
    madvise(reinterpret_cast<void *>(lo), hi - lo, MADV_HUGEPAGE);
#endif
  v.resize(words);
}

using detail::CoreCounts;
using detail::RowScratch;

/// The rows of one neuron core (see the file comment).
class RowBuilder {
public:
  RowBuilder(const Layout &layout, size_t q, size_t s, RowScratch &sc, Core &c)
      : layout(layout), pop(layout.populations[q]), slice(pop.slices[s]),
        q(int32_t(q)), sc(sc), c(c) {}

  std::string run(const detail::ExplicitSynapses &explicitSyn,
                  CoreCounts &counts) {
    plasticOf = &counts.plasticOf;
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
    maxOnCore = (int64_t(1) << slice.delayBits) - 1;
    stageSlots = 1;
    for (const Population &p : layout.populations)
      for (const Slice &sl : p.slices)
        if (sl.extension)
          stageSlots = std::max(stageSlots, 1 + sl.extension->keys.size());
    sc.words.clear();
    sc.rowOf.clear();
    sc.rowCount.clear();
    sc.plasticWeights.clear();
    sc.plasticControls.clear();
    sc.plasticRowOf.clear();
    sc.plasticCount.clear();
    sc.plasticIndex.assign(layout.projections.size(), -1);
    for (size_t pi = 0, k = 0; pi < layout.projections.size(); ++pi)
      if (layout.projections[pi].stdp)
        sc.plasticIndex[pi] = int32_t(k++);
    sc.blocks.clear();
    sc.blockOf.resize(layout.populations.size());
    for (std::vector<int32_t> &b : sc.blockOf)
      b.clear();

    for (size_t pi = 0; pi < layout.projections.size(); ++pi) {
      const Projection &proj = layout.projections[pi];
      if (proj.post != q)
        continue;
      if (std::string e = addProjection(int32_t(pi), explicitSyn, counts);
          !e.empty())
        return e;
    }
    if (std::string e = layoutBlocks(); !e.empty())
      return e;
    fill();
    counts.synapses +=
        int64_t(sc.words.size()) + int64_t(sc.plasticWeights.size());
    counts.plastic += int64_t(sc.plasticWeights.size());
    return "";
  }

private:
  const Layout &layout;
  const Population &pop;
  const Slice &slice;
  const int32_t q;
  RowScratch &sc;
  Core &c;
  int64_t maxOnCore = 0;
  size_t stageSlots = 1;
  std::vector<int64_t> *plasticOf = nullptr; ///< CoreCounts::plasticOf

  std::string addProjection(int32_t pi,
                            const detail::ExplicitSynapses &explicitSyn,
                            CoreCounts &counts) {
    const Projection &proj = layout.projections[pi];
    const Population &pre = layout.populations[proj.pre];
    std::vector<int32_t> &blockOf = sc.blockOf[proj.pre];
    if (blockOf.empty())
      blockOf.assign(pre.slices.size() * stageSlots, -1);
    size_t ps = 0; // sources come ascending: the slice only moves forward
    std::string error;
    auto add = [&](int64_t j, int64_t i, uint32_t type, uint32_t code,
                   int64_t d) {
      while (j >= pre.slices[ps].hi)
        ++ps;
      error = addSynapse(pi, pre, ps, blockOf, j, i, type, code, d);
      return error.empty();
    };
    if (proj.connector) {
      if (std::string e = model::expandConnector(*proj.connector, slice.lo,
                                                 slice.hi, layout.dt,
                                                 sc.expanded);
          !e.empty())
        return "projection '" + proj.name + "': " + e;
      if (proj.stdp)
        return forEachPlastic(
            layout, proj, sc.expanded, [&](const Synapse &y) {
              while (y.source >= pre.slices[ps].hi)
                ++ps;
              return addPlasticSynapse(pi, pre, ps, blockOf, y);
            });
      Coding coding;
      forEachCoded(layout, proj, sc.expanded, coding, add);
      counts.zeroed += coding.zeroed;
      counts.saturated += coding.saturated;
      return error;
    }
    const size_t s = size_t(&slice - pop.slices.data());
    for (const Synapse &y : explicitSyn[pi][s]) {
      if (y.plastic) {
        while (y.source >= pre.slices[ps].hi)
          ++ps;
        error = addPlasticSynapse(pi, pre, ps, blockOf, y);
        if (!error.empty())
          return error;
        continue;
      }
      if (!add(y.source, y.target, y.type, y.code, y.delay))
        return error;
    }
    return "";
  }

  /// The block of source slice `ps` (delay stage `stage`), made on first
  /// use.
  RowScratch::Block &blockFor(int32_t pi, const Population &pre, size_t ps,
                              std::vector<int32_t> &blockOf, int64_t stage) {
    const Slice &src = pre.slices[ps];
    int32_t &b = blockOf[ps * stageSlots + size_t(stage)];
    if (b < 0) {
      b = int32_t(sc.blocks.size());
      RowScratch::Block &blk = sc.blocks.emplace_back();
      blk.pre = layout.projections[pi].pre;
      blk.slice = ps;
      blk.stage = uint32_t(stage);
      blk.mask = src.mask;
      blk.key = stage ? src.extension->keys[stage - 1] : src.key;
      blk.firstRow = uint32_t(sc.rowCount.size());
      blk.rows = uint32_t(src.hi - src.lo);
      sc.rowCount.resize(sc.rowCount.size() + blk.rows, 0);
    }
    RowScratch::Block &blk = sc.blocks[b];
    if (blk.projections.empty() || blk.projections.back() != pi)
      blk.projections.push_back(pi);
    return blk;
  }

  /// Lists plastic synapse y (SpinnImage.h "Plastic rows"): its s16.15
  /// weight and its control word `delay | type 0 | index` in the row of its
  /// source in the stage-0 block (plastic synapses are never delayed by an
  /// extension core).
  std::string addPlasticSynapse(int32_t pi, const Population &pre, size_t ps,
                                std::vector<int32_t> &blockOf,
                                const Synapse &y) {
    const Projection &proj = layout.projections[pi];
    if (y.delay < 1 || y.delay > maxOnCore)
      return "projection '" + proj.name + "': plastic synapse " +
             num(y.source) + " -> " + num(y.target) + " onto " +
             coreName(pop, slice) + " has hardware delay " + num(y.delay) +
             ", outside the core's on-core 1.." + num(maxOnCore) +
             " (plastic synapses cannot use a delay extension)";
    RowScratch::Block &blk = blockFor(pi, pre, ps, blockOf, 0);
    const int32_t k = sc.plasticIndex[pi];
    if (blk.plastic >= 0 && blk.plastic != k)
      return "projection '" + proj.name + "': plastic projections '" +
             layout
                 .projections[size_t(std::find(sc.plasticIndex.begin(),
                                               sc.plasticIndex.end(),
                                               blk.plastic) -
                                     sc.plasticIndex.begin())]
                 .name +
             "' and '" + proj.name + "' share the rows of '" + pre.name +
             "' onto " + coreName(pop, slice) +
             "; a row holds one plastic region";
    blk.plastic = k;
    if (plasticOf->size() <= size_t(k))
      plasticOf->resize(size_t(k) + 1, 0);
    ++(*plasticOf)[size_t(k)];
    if (sc.plasticCount.size() < sc.rowCount.size())
      sc.plasticCount.resize(sc.rowCount.size(), 0);
    const uint32_t row = blk.firstRow + uint32_t(y.source - pre.slices[ps].lo);
    ++sc.plasticCount[row];
    sc.plasticRowOf.push_back(row);
    sc.plasticWeights.push_back(y.raw);
    // The low 16 bits of a fixed word with weight 0 (d + t + n <= 16).
    sc.plasticControls.push_back(uint16_t(
        c.row.encode(0, uint32_t(y.delay), 0, uint32_t(y.target - slice.lo))));
    return "";
  }

  /// Lists synapse j -> i (hardware delay d) under its block and row.
  std::string addSynapse(int32_t pi, const Population &pre, size_t ps,
                         std::vector<int32_t> &blockOf, int64_t j, int64_t i,
                         uint32_t type, uint32_t code, int64_t d) {
    const Slice &src = pre.slices[ps];
    auto where = [&]() {
      return "projection '" + layout.projections[pi].name + "': synapse " +
             num(j) + " -> " + num(i) + " onto " + coreName(pop, slice);
    };
    if (d < 1)
      return where() + " has hardware delay " + num(d) +
             "; SpiNNaker delivers a spike 1 tick after it is sent at the "
             "earliest (delay_steps must be >= 1)";
    int64_t stage = 0, delay = d;
    if (d > maxOnCore) {
      // spinn-common convention 4: stage s = ceil((D - M) / S), residual
      // D - s S on the core.
      if (!src.extension)
        return where() + " has hardware delay " + num(d) +
               ", above the core's " + num(maxOnCore) +
               " ring-buffer slots, and source slice [" + num(src.lo) + ", " +
               num(src.hi) + ") of '" + pre.name + "' has no delay extension";
      const Slice::Extension &ext = *src.extension;
      const int64_t st = ext.stageTicks;
      stage = st > 0 ? (d - maxOnCore + st - 1) / st : INT64_MAX;
      delay = st > 0 ? d - stage * st : 0;
      if (stage > int64_t(ext.keys.size()) || delay < 1)
        return where() + " has hardware delay " + num(d) +
               ", more than the delay extension's " + num(ext.keys.size()) +
               " stages of " + num(st) + " ticks plus the core's " +
               num(maxOnCore) +
               " can deliver (or stage_ticks > the core's maximum)";
    }
    if (type > kInhibitory || code > uint32_t(kMaxWeightCode))
      return where() + ": type " + num(type) + " / code " + num(code) +
             " outside 0..1 / 0..65535";
    RowScratch::Block &blk = blockFor(pi, pre, ps, blockOf, stage);
    const uint32_t row = blk.firstRow + uint32_t(j - src.lo);
    ++sc.rowCount[row];
    sc.rowOf.push_back(row);
    sc.words.push_back(
        c.row.encode(code, uint32_t(delay), type, uint32_t(i - slice.lo)));
    return "";
  }

  /// Pop table: the blocks sorted by key (ties by source population, slice
  /// and stage), each with the stride of its longest row; rowStart.
  std::string layoutBlocks() {
    sc.order.resize(sc.blocks.size());
    std::iota(sc.order.begin(), sc.order.end(), size_t(0));
    std::sort(sc.order.begin(), sc.order.end(), [&](size_t a, size_t b) {
      const RowScratch::Block &x = sc.blocks[a], &y = sc.blocks[b];
      return std::tie(x.key, x.pre, x.slice, x.stage) <
             std::tie(y.key, y.pre, y.slice, y.stage);
    });
    sc.rowStart.resize(sc.rowCount.size());
    sc.plasticCount.resize(sc.rowCount.size(), 0);
    c.popTable.clear();
    c.popTable.reserve(sc.blocks.size());
    uint64_t words = 0;
    for (size_t bi : sc.order) {
      const RowScratch::Block &b = sc.blocks[bi];
      const Population &pre = layout.populations[b.pre];
      const Slice &src = pre.slices[b.slice];
      std::string from =
          "source slice [" + num(src.lo) + ", " + num(src.hi) + ") of '" +
          pre.name + "'" +
          (b.stage ? " (delay stage " + num(b.stage) + ")" : std::string());
      if (!c.popTable.empty() && c.popTable.back().key == b.key)
        return coreName(pop, slice) + ": " + from + " has key " + num(b.key) +
               ", which another block onto it also has";
      uint32_t longest = 0; // words after the 3 header words
      for (uint32_t i = 0; i < b.rows; ++i) {
        const uint32_t fixed = sc.rowCount[b.firstRow + i],
                       plastic = sc.plasticCount[b.firstRow + i];
        const uint32_t count = fixed + plastic;
        longest = std::max(longest, fixed + plasticWords(plastic));
        if (count > kMaxRowSynapses) {
          std::string names;
          for (int32_t pi : b.projections)
            names += (names.empty() ? "'" : ", '") +
                     layout.projections[pi].name + "'";
          return "projection " + names + ": the row of neuron " +
                 num(src.lo + int64_t(i)) + " of '" + pre.name + "' onto " +
                 coreName(pop, slice) + " has " + num(count) +
                 " synapses, more than a row holds (" + num(kMaxRowSynapses) +
                 ", §A.3)";
        }
      }
      PopTableEntry e;
      e.key = b.key;
      e.mask = b.mask;
      e.rowStride = kRowHeaderWords + longest;
      e.neurons = b.rows;
      e.delayStage = b.stage;
      e.plastic = b.plastic;
      const uint64_t end = words + uint64_t(e.rowStride) * e.neurons;
      if (end > UINT32_MAX)
        return coreName(pop, slice) + ": synaptic rows exceed 2^32 words";
      e.address = uint32_t(words);
      for (uint32_t i = 0; i < b.rows; ++i)
        sc.rowStart[b.firstRow + i] = e.address + i * e.rowStride;
      words = end;
      c.popTable.push_back(e);
    }
    c.sdram.clear();
    c.sdram.shrink_to_fit();
    allocateZeroed(c.sdram, words);
    return "";
  }

  /// Words of a row's plastic part beyond the 3 header words: the
  /// pre-trace header, P weights, ceil(P / 2) control words.
  static uint32_t plasticWords(uint32_t p) {
    return p ? kPreTraceWords + p + (p + 1) / 2 : 0;
  }

  /// Headers (fixed-word counts), then the words in listing order. A row
  /// with plastic synapses (SpinnImage.h "Plastic rows"): N = 2 + P, the
  /// pre-trace header (kNeverSpiked, 0), P weights, F, P, the fixed words,
  /// the control words two per word (low half first).
  void fill() {
    uint32_t *sdram = c.sdram.data();
    const bool anyPlastic = !sc.plasticWeights.empty();
    // Per row: next plastic weight word and the first control word.
    std::vector<uint32_t> weightAt, controlAt, controls;
    if (anyPlastic) {
      weightAt.assign(sc.rowCount.size(), 0);
      controlAt.assign(sc.rowCount.size(), 0);
      controls.assign(sc.rowCount.size(), 0);
    }
    for (size_t r = 0; r < sc.rowCount.size(); ++r) {
      const uint32_t base = sc.rowStart[r], fixed = sc.rowCount[r];
      const uint32_t p = anyPlastic ? sc.plasticCount[r] : 0;
      if (!p) {
        sdram[base + kRowFixedCountWord] = fixed;
        sc.rowStart[r] = base + kRowHeaderWords;
        continue;
      }
      const uint32_t n = kPreTraceWords + p;
      sdram[base] = n;
      sdram[base + 1] = uint32_t(kNeverSpiked);
      sdram[base + 2] = 0; // x = 0
      sdram[base + n + 1] = fixed;
      sdram[base + n + 2] = p;
      weightAt[r] = base + 1 + kPreTraceWords;
      sc.rowStart[r] = base + n + 3;
      controlAt[r] = base + n + 3 + fixed;
    }
    // rowStart is now each row's next free fixed word.
    const size_t n = sc.words.size();
    for (size_t k = 0; k < n; ++k)
      sdram[sc.rowStart[sc.rowOf[k]]++] = sc.words[k];
    for (size_t k = 0; k < sc.plasticWeights.size(); ++k) {
      const uint32_t r = sc.plasticRowOf[k];
      sdram[weightAt[r]++] = uint32_t(sc.plasticWeights[k]);
      setPlasticControl(sdram + controlAt[r], controls[r]++,
                        uint32_t(sc.plasticControls[k]));
    }
  }
};

} // namespace

std::string detail::buildNeuronRows(const Layout &layout, size_t q, size_t s,
                                    const ExplicitSynapses &explicitSyn,
                                    RowScratch &scratch, Core &c,
                                    CoreCounts &counts) {
  return RowBuilder(layout, q, s, scratch, c).run(explicitSyn, counts);
}

int32_t plasticRaw(double w) { return int32_t(std::llround(w * 32768.0)); }

int64_t plasticDelay(const Layout &layout, const Projection &proj) {
  if (!proj.connector)
    return proj.delays.empty() ? 1 : proj.delays.front();
  // Connector.h: a delay of d seconds is round(d / dt) steps (half away
  // from zero, as std::llround); a plastic connector's delay is constant.
  const model::Distribution &d = proj.connector->delay;
  const int64_t steps = d.kind == model::Distribution::Kind::Constant
                            ? int64_t(std::llround(d.a / layout.dt))
                            : 0;
  return steps + proj.delayOffset;
}

std::string synapsesOnto(const Layout &layout, const Projection &proj,
                         int64_t lo, int64_t hi, std::vector<Synapse> &out,
                         Coding &coding) {
  out.clear();
  if (!proj.connector) {
    const bool oneDelay = proj.delays.size() == 1;
    const bool plastic = proj.stdp.has_value();
    for (int64_t j = 0; j < proj.nPre; ++j)
      for (int64_t k = proj.indptr[j]; k < proj.indptr[j + 1]; ++k)
        if (proj.indices[k] >= lo && proj.indices[k] < hi &&
            (proj.codes[k] || plastic))
          out.push_back({j, proj.indices[k], proj.types[k], proj.codes[k],
                         oneDelay ? proj.delays[0] : proj.delays[k], plastic,
                         plastic ? plasticRaw(proj.weights[k]) : 0});
    return "";
  }
  model::ExpandedConnector x;
  if (std::string e =
          model::expandConnector(*proj.connector, lo, hi, layout.dt, x);
      !e.empty())
    return "projection '" + proj.name + "': " + e;
  out.reserve(x.indices.size());
  if (proj.stdp)
    return forEachPlastic(layout, proj, x, [&](const Synapse &y) {
      out.push_back(y);
      return std::string();
    });
  forEachCoded(layout, proj, x, coding,
               [&](int64_t j, int64_t i, uint32_t type, uint32_t code,
                   int64_t d) {
                 out.push_back({j, i, type, code, d});
                 return true;
               });
  return "";
}

} // namespace nmc::spinn::layout
