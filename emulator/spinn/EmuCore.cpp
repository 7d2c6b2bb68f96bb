//===- EmuCore.cpp - One application core of the SpiNNaker emulator -------===//
#include "EmuCore.h"
#include "EmuNeuronLoops.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace nmc::spinn::emu {

namespace {
constexpr model::FixedFormat kS1615 = kNumberFormat;
/// The neuron loops' arithmetic: model::FixedArith's in s16.15 rounded to
/// nearest (the core's ctx), with the format as constants and the counts
/// in locals until flush(), so that the whole update inlines into the loop
/// and keeps them in registers. Same results and counts as FixedArith.
class Arith {
public:
  using Number = Fixed;
  explicit Arith(model::FixedContext &ctx) : ctx(ctx) {}
  Arith(const Arith &) = delete;
  Arith &operator=(const Arith &) = delete;
  void flush() {
    ctx.stats.saturated += saturated;
    ctx.stats.rounded += rounded;
    ctx.stats.roundedToZero += roundedToZero;
    saturated = rounded = roundedToZero = 0;
  }
  [[gnu::always_inline]] Number add(Number a, Number b) {
    return Number::fromRaw(sat(a.raw() + b.raw()));
  }
  [[gnu::always_inline]] Number sub(Number a, Number b) {
    return Number::fromRaw(sat(a.raw() - b.raw()));
  }
  [[gnu::always_inline]] Number mul(Number a, Number b) {
    const int64_t p = a.raw() * b.raw();
    // fixed::roundShift, nearest: ties away from zero.
    const int64_t q = (p + kHalf - (p < 0)) >> kFrac;
    const bool inexact = (q << kFrac) != p; // fixed::countRounding
    rounded += inexact;
    roundedToZero += inexact & (q == 0);
    return Number::fromRaw(sat(q));
  }
  Number one() { return Number::fromRaw(int64_t(1) << kFrac); }

private:
  static constexpr int kFrac = kS1615.fracBits;
  static constexpr int64_t kHalf = int64_t(1) << (kFrac - 1);
  static constexpr int64_t kLo = kS1615.minRaw(), kHi = kS1615.maxRaw();
  [[gnu::always_inline]] int64_t sat(int64_t raw) {
    saturated += (raw > kHi) | (raw < kLo);
    return std::clamp(raw, kLo, kHi);
  }
  model::FixedContext &ctx;
  int64_t saturated = 0, rounded = 0, roundedToZero = 0;
};
static_assert(kNumberFormat.fracBits == 15 && kNumberFormat.intBits == 16,
              "Arith is s16.15's");
} // namespace

CoreSim::CoreSim(const Core &core, const CoreCosts &costs,
                 const NeuronParams *params, std::vector<uint8_t> routed,
                 const RowStore &rows, size_t index,
                 const SpinnPayload &payload)
    : core(core), costs(costs), routed(std::move(routed)), params(params),
      n(core.hi - core.lo) {
  words = rows.words();
  if (core.kind == CoreKind::Neuron)
    for (size_t e = 0; e < core.popTable.size(); ++e) {
      const PopTableEntry &pe = core.popTable[e];
      // DMA of the whole padded row (rowStride words).
      const Cycle cycles =
          costs.spikeOverhead + costs.dmaLatency +
          Cycle(std::ceil(double(pe.rowStride) * 4 / costs.dmaBytesPerCycle));
      entries.push_back({rows.rows(index, e), cycles,
                         uint32_t(rows.stride(index, e)), pe.neurons,
                         ~pe.mask});
    }
  buildMemo();
  ctx.format = kS1615;
  ctx.rounding = model::Rounding::Nearest;
  if (core.kind == CoreKind::Neuron) {
    const uint32_t slots = 1u << core.row.delayBits;
    slotMask = slots - 1;
    const RowFormat &f = core.row;
    fields = {f.typeBits + f.indexBits, (1u << f.delayBits) - 1, f.indexBits,
              (1u << f.typeBits) - 1, (1u << f.indexBits) - 1};
    ring.assign(size_t(slots) * 2 * size_t(n), 0);
    vState.assign(n, Fixed());
    synState.assign(n, Fixed());
    extState.assign(n, {});
    spikedNow.assign(n, 0);
    for (int t = 0; t < 2; ++t)
      if (!params->filter[t].empty())
        current[t].assign(n, Fixed());
    plastic = std::make_unique<PlasticRows>(payload, core, ctx);
    if (!plastic->active())
      plastic.reset();
    else if (!params->filterOrder.empty())
      throw std::runtime_error(
          "population '" + payload.populations[core.population].name +
          "' has plastic synapses and synapse filters; the spinnaker "
          "emulator supports plastic synapses onto delta-synapse neurons");
    // The array loops have no plastic input or post-spike histories.
    uniform = !plastic && uniformSlice();
  }
  if (core.kind == CoreKind::DelayExtension)
    resends.resize(size_t(core.stages) * size_t(core.stageTicks) + 1);
}

void CoreSim::startSample(const std::vector<double> *initialV, int64_t ticks) {
  endTick = ticks;
  if (plastic)
    plastic->startSample();
  freeAt = 0;
  lastTimer = -1;
  tickCycles = 0;
  tickReceived = 0;
  inbox.clear();
  newArrivals.clear();
  inboxHead = 0;
  buffer.clear();
  sends.clear();
  std::fill(ring.begin(), ring.end(), 0);
  std::fill(synState.begin(), synState.end(), Fixed());
  for (auto &c : current)
    std::fill(c.begin(), c.end(), Fixed());
  std::fill(extState.begin(), extState.end(), model::NeuronExtState<Fixed>{});
  std::fill(spikedNow.begin(), spikedNow.end(), 0);
  for (auto &r : resends)
    r.clear();
  for (int64_t i = 0; i < int64_t(vState.size()); ++i) {
    double v0 = 0;
    if (initialV)
      v0 = initialV->size() == 1 ? (*initialV)[0] : (*initialV)[core.lo + i];
    // As the reference converts initial states: nearest, saturated.
    vState[i] = Fixed::fromRaw(model::fixed::fromDouble(
        v0, kS1615, model::Rounding::Nearest, nullptr, &ctx.stats));
  }
}

void CoreSim::timer(int64_t tick) {
  sends.clear();
  const Cycle start = std::max(tick * costs.cyclesPerTick, freeAt);
  lastTimer = tick;
  tickCycles = 0;
  tickReceived = 0;
  ++prov.ticks;
  Cycle t = start;
  auto send = [&](uint32_t key, int64_t sendTick) {
    t += costs.send;
    sends.push_back({t, key, sendTick});
  };
  switch (core.kind) {
  case CoreKind::Neuron:
    neuronTimer(tick, start);
    return;
  case CoreKind::Source:
    if (routed[0])
      for (int64_t i : replayList)
        send(core.key | uint32_t(i), tick);
    replayList.clear();
    break;
  case CoreKind::DelayExtension: {
    auto &due = resends[size_t(tick) % resends.size()];
    // Stage order, then the order the spikes were received.
    std::stable_sort(due.begin(), due.end(), [](const auto &a, const auto &b) {
      return a.first < b.first;
    });
    for (auto [stage, i] : due)
      send(core.stageKeys[stage - 1] | i, tick);
    due.clear();
    break;
  }
  }
  timerDone(start, t);
}

/// One neuron's update done at cycle t: its cost, and its spike sent.
void CoreSim::neuronDone(int64_t i, bool spiked, int64_t tick, Cycle &t) {
  t += costs.neuronUpdate;
  spikedNow[i] = spiked;
  if (spiked && plastic)
    plastic->postSpike(i, tick);
  if (spiked && routed[0]) {
    t += costs.send;
    sends.push_back({t, core.key | uint32_t(i), tick});
  }
}

/// The timer callback of a tick ran from `start` to `end`.
void CoreSim::timerDone(Cycle start, Cycle end) {
  prov.packetsSent += int64_t(sends.size());
  tickCycles = end - start;
  freeAt = end;
}

[[gnu::flatten]] void CoreSim::neuronTimer(int64_t tick, Cycle start) {
  const NeuronParams &p = *params;
  if (uniform)
    return uniformTimer(tick, start);
  if (!p.filterOrder.empty())
    return filteredTimer(tick, start);
  Arith ar(ctx);
  const auto reset =
      p.subtract ? model::ResetMode::Subtract : model::ResetMode::ToValue;
  const size_t slot = size_t(tick) & slotMask;
  uint16_t *exc = &ring[(slot * 2 + kExcitatory) * n];
  uint16_t *inh = &ring[(slot * 2 + kInhibitory) * n];
  const int64_t lo = kS1615.minRaw(), hi = kS1615.maxRaw();
  Cycle t = start;
  for (int64_t i = 0; i < n; ++i) {
    // spinnaker.md §A.4: ring-buffer entry << shift is the s16.15 input.
    int64_t raw =
        (int64_t(exc[i]) << core.shiftExc) - (int64_t(inh[i]) << core.shiftInh);
    if (plastic)
      raw += plastic->takeInput(tick, i);
    exc[i] = inh[i] = 0;
    if (raw > hi || raw < lo) {
      ++prov.inputSaturations;
      raw = std::clamp(raw, lo, hi);
    }
    const int64_t g = core.lo + i;
    Fixed unused{};
    const Fixed z = model::stepNeuronExtWith(
        ar, p.coef[g], p.ext[g], p.hasSyn, p.adaptive, reset,
        Fixed::fromRaw(raw), p.hasSyn ? synState[i] : unused, vState[i],
        extState[i]);
    neuronDone(i, z != Fixed(), tick, t);
  }
  ar.flush();
  timerDone(start, t);
}

/// neuronTimer with exponential synapses (SpinnImage.h "Synapse
/// filters"): per type, the ring-buffer input (inhibitory negated) enters
/// the type's filter, I = (a*I) + x, as `network`'s LI node computes it;
/// the neuron reads the filters' sum in its input order.
[[gnu::flatten]] void CoreSim::filteredTimer(int64_t tick, Cycle start) {
  const NeuronParams &p = *params;
  Arith ar(ctx);
  const auto reset =
      p.subtract ? model::ResetMode::Subtract : model::ResetMode::ToValue;
  const size_t slot = size_t(tick) & slotMask;
  uint16_t *ring2[2] = {&ring[(slot * 2 + kExcitatory) * n],
                        &ring[(slot * 2 + kInhibitory) * n]};
  const int shift[2] = {core.shiftExc, core.shiftInh};
  const int64_t lo = kS1615.minRaw(), hi = kS1615.maxRaw();
  Cycle t = start;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t g = core.lo + i;
    for (int ty = 0; ty < 2; ++ty) {
      // spinnaker.md §A.4: ring-buffer entry << shift is the s16.15 input.
      int64_t raw = int64_t(ring2[ty][i]) << shift[ty];
      ring2[ty][i] = 0;
      if (p.filter[ty].empty())
        continue;
      if (ty == kInhibitory)
        raw = -raw;
      if (raw > hi || raw < lo) {
        ++prov.inputSaturations;
        raw = std::clamp(raw, lo, hi);
      }
      Fixed unused{};
      model::integrateNeuron(ar, p.filter[ty][g], false, Fixed::fromRaw(raw),
                             unused, current[ty][i]);
    }
    Fixed x = current[p.filterOrder[0]][i];
    for (size_t k = 1; k < p.filterOrder.size(); ++k)
      x = ar.add(x, current[p.filterOrder[k]][i]);
    Fixed unused{};
    const Fixed z =
        model::stepNeuronExtWith(ar, p.coef[g], p.ext[g], false, p.adaptive,
                                 reset, x, unused, vState[i], extState[i]);
    neuronDone(i, z != Fixed(), tick, t);
  }
  ar.flush();
  timerDone(start, t);
}

namespace {
bool sameCoefs(const model::DiscreteCoeffsT<Fixed> &a,
               const model::DiscreteCoeffsT<Fixed> &b) {
  return a.aSyn == b.aSyn && a.bSyn == b.bSyn && a.aMem == b.aMem &&
         a.cMemSyn == b.cMemSyn && a.cMemIn == b.cMemIn && a.cMem0 == b.cMem0 &&
         a.vThreshold == b.vThreshold && a.vReset == b.vReset;
}
} // namespace

bool CoreSim::uniformSlice() const {
  const NeuronParams &p = *params;
  if (p.hasSyn || p.adaptive || p.filterOrder.size() > 2)
    return false;
  for (int64_t g = core.lo; g < core.hi; ++g) {
    if (p.ext[g].refSteps != 0 || !sameCoefs(p.coef[g], p.coef[core.lo]))
      return false;
    for (int t = 0; t < 2; ++t)
      if (!p.filter[t].empty() &&
          !sameCoefs(p.filter[t][g], p.filter[t][core.lo]))
        return false;
  }
  return true;
}

/// The timer of a uniform slice (uniformSlice()): filteredTimer's or
/// neuronTimer's operations in EmuNeuronLoops' array loops (filters first,
/// type by type, then the neurons: each neuron's operations keep their
/// order), then the sends in neuron order at the same cycles (the i-th
/// neuron's update ends neuronUpdate * (i + 1) cycles in, each send before
/// it adds `send`).
void CoreSim::uniformTimer(int64_t tick, Cycle start) {
  const NeuronParams &p = *params;
  const size_t slot = size_t(tick) & slotMask;
  uint16_t *ring2[2] = {&ring[(slot * 2 + kExcitatory) * n],
                        &ring[(slot * 2 + kInhibitory) * n]};
  const int shift[2] = {core.shiftExc, core.shiftInh};
  static_assert(sizeof(Fixed) == sizeof(int64_t));
  auto raw = [](std::vector<Fixed> &x) {
    return reinterpret_cast<int64_t *>(x.data());
  };
  LoopCounts counts;
  const model::DiscreteCoeffsT<Fixed> &c = p.coef[core.lo];
  NeuronLoop l;
  l.aMem = c.aMem.raw();
  l.cIn = c.cMemIn.raw();
  l.c0 = c.cMem0.raw();
  l.th = c.vThreshold.raw();
  l.reset = c.vReset.raw();
  l.subtract = p.subtract;
  l.v = raw(vState);
  l.spiked = spikedNow.data();
  if (p.filterOrder.empty()) {
    // spinnaker.md §A.4: ring-buffer entry << shift is the s16.15 input.
    l.exc = ring2[kExcitatory];
    l.inh = ring2[kInhibitory];
    l.shiftExc = shift[kExcitatory];
    l.shiftInh = shift[kInhibitory];
  } else {
    for (int ty = 0; ty < 2; ++ty) {
      if (p.filter[ty].empty()) {
        std::fill(ring2[ty], ring2[ty] + n, 0);
        continue;
      }
      const model::DiscreteCoeffsT<Fixed> &f = p.filter[ty][core.lo];
      runFilterLoop({ring2[ty], shift[ty], ty == kInhibitory, f.aMem.raw(),
                     f.cMemIn.raw(), f.cMem0.raw(), raw(current[ty])},
                    n, counts);
    }
    l.x0 = raw(current[p.filterOrder[0]]);
    if (p.filterOrder.size() == 2)
      l.x1 = raw(current[p.filterOrder[1]]);
  }
  runNeuronLoop(l, n, counts);
  ctx.stats.saturated += counts.saturated;
  ctx.stats.rounded += counts.rounded;
  ctx.stats.roundedToZero += counts.roundedToZero;
  prov.inputSaturations += counts.inputSaturations;
  Cycle t = start + Cycle(n) * costs.neuronUpdate;
  if (routed[0]) {
    Cycle sent = 0;
    for (int64_t i = 0; i < n; ++i)
      if (spikedNow[i]) {
        ++sent;
        sends.push_back(
            {start + Cycle(i + 1) * costs.neuronUpdate + sent * costs.send,
             core.key | uint32_t(i), tick});
      }
    t += sent * costs.send;
  }
  timerDone(start, t);
}

Cycle CoreSim::packetCost(const Arrival &a) {
  switch (core.kind) {
  case CoreKind::Neuron:
    return neuronPacket(a);
  case CoreKind::DelayExtension:
    return delayPacket(a);
  case CoreKind::Source:
    break;
  }
  ++prov.failedLookups; // a spike source has no synapses
  return costs.popTableStep;
}

std::pair<int32_t, int32_t> CoreSim::search(uint32_t key) const {
  // §A.5: binary search over the entries sorted by key (sPyNNaker
  // population_table_binary_search_impl.c).
  const std::vector<PopTableEntry> &table = core.popTable;
  size_t lo = 0, hi = table.size();
  int32_t steps = 0;
  while (lo < hi) {
    ++steps;
    const size_t mid = (lo + hi) / 2;
    const PopTableEntry &m = table[mid];
    if ((key & m.mask) == m.key)
      return {int32_t(mid), steps};
    if (m.key < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return {-1, steps};
}

void CoreSim::buildMemo() {
  // With one prefix mask M for all entries and no key bits outside it,
  // the search's every compare depends on key & M only (a key of another
  // block compares with an entry's key as its block does), so its result
  // for the keys of one entry's block can be kept.
  const std::vector<PopTableEntry> &table = core.popTable;
  if (table.empty())
    return;
  const uint32_t m = table[0].mask, low = ~m;
  if (m == 0 || (low & (low + 1)) != 0)
    return;
  for (const PopTableEntry &e : table)
    if (e.mask != m || (e.key & low) != 0)
      return;
  size_t cap = 4;
  while (cap < 2 * table.size())
    cap *= 2;
  memo.assign(cap, {});
  memoShift = 32;
  for (size_t c = cap; c > 1; c /= 2)
    --memoShift;
  for (const PopTableEntry &e : table) {
    size_t h = memoSlot(e.key);
    while (memo[h].used && memo[h].key != e.key)
      h = (h + 1) & (memo.size() - 1);
    const auto [entry, steps] = search(e.key);
    memo[h] = {e.key, entry, steps, true};
  }
  memoMask = m;
  // When the entries' keys span few blocks, the search's result for every
  // block between the first and the last entry (those without an entry
  // too: it depends on key & m only), indexed directly.
  denseShift = std::popcount(low);
  denseFirst = table.front().key;
  const uint64_t blocks =
      (uint64_t(table.back().key - denseFirst) >> denseShift) + 1;
  if (blocks <= kMaxDenseBlocks)
    for (uint64_t b = 0; b < blocks; ++b) {
      const auto [entry, steps] =
          search(denseFirst + uint32_t(b << denseShift));
      dense.push_back({entry, steps});
    }
}

void CoreSim::lookup(Arrival &a) const {
  int32_t entry = -2, steps = 0;
  if (const uint64_t b =
          uint64_t((a.key & memoMask) - denseFirst) >> denseShift;
      !dense.empty() && (a.key & memoMask) >= denseFirst && b < dense.size()) {
    entry = dense[b].first;
    steps = dense[b].second;
  } else if (memoMask) {
    const uint32_t k = a.key & memoMask;
    for (size_t h = memoSlot(k); memo[h].used; h = (h + 1) & (memo.size() - 1))
      if (memo[h].key == k) {
        entry = memo[h].entry;
        steps = memo[h].steps;
        break;
      }
  }
  if (entry == -2)
    std::tie(entry, steps) = search(a.key);
  a.entry = entry;
  a.steps = steps;
  a.row = nullptr;
  if (entry < 0)
    return;
  const Entry &e = entries[size_t(entry)];
  const uint32_t i = a.key & e.indexMask;
  if (i >= e.neurons)
    return;
  a.row = e.rows + size_t(i) * e.stride;
  __builtin_prefetch(a.row);
}

void CoreSim::prefetchRing(size_t packets) const {
  // The rows' words land anywhere in the ring, which other cores' work
  // has evicted since this core's last tick: a small one is fetched
  // whole, ahead, rather than a miss at a time in the row loop, when the
  // packets outnumber its lines (a Poisson-driven core's burst, not a few
  // packets).
  constexpr size_t kMaxBytes = 4096, kLine = 64;
  const size_t bytes = ring.size() * sizeof(uint16_t);
  if (bytes > kMaxBytes || packets < bytes / kLine)
    return;
  const char *p = reinterpret_cast<const char *>(ring.data());
  for (size_t b = 0; b < bytes; b += kLine)
    __builtin_prefetch(p + b, 1);
}

Cycle CoreSim::neuronPacket(const Arrival &a) {
  Cycle c = Cycle(a.steps) * costs.popTableStep;
  if (!a.row) {
    ++prov.failedLookups;
    return c;
  }
  const uint32_t count = a.row->count;
  c += entries[size_t(a.entry)].cycles + Cycle(count) * costs.synapticWord;
  // The row loop: a synapse of delay d lands in slot sendTick + d; slots up
  // to lastTimer were consumed, so d <= lastTimer - sendTick is late.
  const WordFields f = fields;
  const int64_t lateUpTo = lastTimer - a.sendTick;
  const uint32_t *w = words + a.row->offset;
  uint16_t *rb = ring.data();
  const size_t nn = size_t(n);
  int64_t late = 0, saturated = 0;
  for (uint32_t k = 0; k < count; ++k) {
    const uint32_t word = w[k];
    const uint32_t d = (word >> f.delayShift) & f.delayMask;
    if (int64_t(d) <= lateUpTo) {
      ++late;
      continue;
    }
    const size_t slot = size_t(a.sendTick + d) & slotMask;
    const size_t idx = (slot * 2 + ((word >> f.typeShift) & f.typeMask)) * nn +
                       (word & f.indexMask);
    const uint32_t sum = uint32_t(rb[idx]) + (word >> 16);
    // §A.4: on a carry out of 16 bits the entry saturates.
    const bool over = sum > 0xFFFF;
    saturated += over;
    rb[idx] = uint16_t(over ? 0xFFFF : sum);
  }
  int64_t plasticEvents = 0;
  if (plastic && plastic->plasticOf(size_t(a.entry)) >= 0)
    c += plastic->processRow(
        size_t(a.entry), a.key & ~core.popTable[size_t(a.entry)].mask,
        a.sendTick, lateUpTo, endTick, late, plasticEvents);
  prov.lateSpikes += late;
  prov.ringSaturations += saturated;
  prov.synapticEvents += int64_t(count) - late + plasticEvents;
  return c;
}

Cycle CoreSim::delayPacket(const Arrival &a) {
  if ((a.key & core.mask) != core.key || int64_t(a.key & ~core.mask) >= n) {
    ++prov.failedLookups;
    return costs.delayReceive;
  }
  const uint32_t i = a.key & ~core.mask;
  for (int32_t s = 1; s <= core.stages; ++s) {
    if (!routed[s - 1])
      continue;
    const int64_t at = a.sendTick + int64_t(s) * core.stageTicks;
    if (at <= lastTimer) {
      ++prov.lateSpikes; // that stage's send already happened
      continue;
    }
    resends[size_t(at) % resends.size()].push_back({s, i});
  }
  return costs.delayReceive;
}

void CoreSim::window(int64_t tick) {
  const Cycle end = (tick + 1) * costs.cyclesPerTick;
  // The routing of this tick appended packets in delivery order; the inbox
  // is kept in (arrival, source, key, delivery) order.
  if (!newArrivals.empty()) {
    size_t old = 0;
    if (inboxHead == inbox.size()) { // all handled: take the new ones
      inbox.clear();
      inbox.swap(newArrivals);
    } else {
      inbox.erase(inbox.begin(), inbox.begin() + ptrdiff_t(inboxHead));
      old = inbox.size();
      inbox.insert(inbox.end(), newArrivals.begin(), newArrivals.end());
      newArrivals.clear();
    }
    inboxHead = 0;
    if (core.kind == CoreKind::Neuron) {
      // Two passes ahead of the processing, so the loads overlap: the
      // RowRefs, then (after the sort) the rows' first words.
      for (size_t k = old; k < inbox.size(); ++k)
        lookup(inbox[k]);
      prefetchRing(inbox.size() - old);
    }
    auto less = [](const Arrival &x, const Arrival &y) {
      if (x.cycle != y.cycle)
        return x.cycle < y.cycle;
      if (x.source != y.source)
        return x.source < y.source;
      if (x.key != y.key)
        return x.key < y.key;
      return x.seq < y.seq;
    };
    // Deliveries come nearly in order: often there is nothing to sort, or
    // two sorted runs (local packets, then those over links) to merge.
    const auto first = inbox.begin() + ptrdiff_t(old);
    const auto split = std::is_sorted_until(first, inbox.end(), less);
    if (split != inbox.end()) {
      if (std::is_sorted(split, inbox.end(), less)) {
        // Into a kept buffer (inplace_merge allocates one every time),
        // which becomes the inbox when it holds all of it.
        const size_t merged = size_t(inbox.end() - first);
        if (mergeScratch.size() < merged)
          mergeScratch.resize(merged);
        std::merge(first, split, split, inbox.end(), mergeScratch.begin(),
                   less);
        if (old == 0) {
          mergeScratch.resize(merged);
          inbox.swap(mergeScratch);
        } else {
          std::copy_n(mergeScratch.begin(), merged, first);
        }
      } else {
        std::sort(first, inbox.end(), less);
      }
    }
    if (core.kind == CoreKind::Neuron)
      for (size_t k = old; k < inbox.size(); ++k)
        if (const RowRef *r = inbox[k].row)
          for (uint32_t w = 0; w < r->count; w += 16)
            __builtin_prefetch(words + r->offset + w);
    if (old > 0 && less(inbox[old], inbox[old - 1]))
      std::inplace_merge(inbox.begin(), inbox.begin() + ptrdiff_t(old),
                         inbox.end(), less);
  }
  buffer.begin(inbox);
  // Starts buffered packets while the core is free at or before `until`
  // and the start is before the next timer event.
  auto run = [&](Cycle until) {
    while (!buffer.empty() && freeAt < end && freeAt <= until) {
      const Arrival &a = buffer.front();
      const Cycle start = std::max(freeAt, a.cycle);
      const Cycle c = packetCost(a);
      buffer.pop_front();
      freeAt = start + c;
      tickCycles += c;
    }
  };
  while (inboxHead < inbox.size() && inbox[inboxHead].cycle < end) {
    const Arrival &a = inbox[inboxHead++];
    run(a.cycle);
    ++tickReceived;
    ++prov.packetsReceived;
    if (buffer.empty() && freeAt <= a.cycle) {
      // An idle core starts the packet as it arrives: what buffering it
      // and starting it at the next run() would do, without the copies.
      prov.maxInputBuffer = std::max<int64_t>(prov.maxInputBuffer, 1);
      const Cycle c = packetCost(a);
      freeAt = a.cycle + c;
      tickCycles += c;
      continue;
    }
    if (int64_t(buffer.size()) >= costs.inputBuffer) {
      ++prov.inputOverflows;
      continue;
    }
    buffer.push_back(inboxHead - 1);
    prov.maxInputBuffer =
        std::max(prov.maxInputBuffer, int64_t(buffer.size()));
  }
  run(end);
  buffer.end();
  // spin1 counts an overrun when the next timer event finds the previous
  // tick's work still running (spinnaker.md §A.2).
  prov.overruns += freeAt > end;
  prov.maxSpikesPerTick = std::max(prov.maxSpikesPerTick, tickReceived);
  prov.maxCyclesPerTick = std::max(prov.maxCyclesPerTick, tickCycles);
  prov.totalCycles += tickCycles;
}

} // namespace nmc::spinn::emu
