//===- EmuPlastic.cpp - STDP on one core of the SpiNNaker emulator --------===//
#include "EmuPlastic.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace nmc::spinn::emu {

namespace {
[[noreturn]] void fail(const Core &core, const std::string &what) {
  throw std::runtime_error("core (" + std::to_string(core.chip.x) + "," +
                           std::to_string(core.chip.y) + "," +
                           std::to_string(core.p) + "): " + what);
}
} // namespace

PlasticRows::PlasticRows(const SpinnPayload &payload, const Core &core,
                         model::FixedContext &ctx)
    : core(core), ctx(ctx), cost(payload.machine.cost), n(core.hi - core.lo) {
  entryLocal.assign(core.popTable.size(), -1);
  entrySourceLo.assign(core.popTable.size(), 0);
  const uint32_t slots = 1u << core.row.delayBits;
  slotMask = slots - 1;
  // The rules in the core's arithmetic, as the fixed reference discretizes
  // `network`'s (fromDouble in the run's context; taus already in ticks).
  model::FixedContextScope scope(ctx);
  for (size_t e = 0; e < core.popTable.size(); ++e) {
    const PopTableEntry &pe = core.popTable[e];
    if (pe.plastic < 0)
      continue;
    if (size_t(pe.plastic) >= payload.plastic.size() || pe.delayStage != 0)
      fail(core, "pop-table entry " + std::to_string(e) +
                     " names plastic projection " + std::to_string(pe.plastic) +
                     " (of " + std::to_string(payload.plastic.size()) +
                     ") or is a delay stage");
    const PlasticProjection &pp = payload.plastic[size_t(pe.plastic)];
    if (pp.post != core.population || pp.delay < 1 ||
        pp.delay >= int64_t(slots))
      fail(core, "plastic projection '" + pp.name +
                     "' does not feed this core's population with an "
                     "on-core delay (D = " +
                     std::to_string(pp.delay) + ")");
    auto it = std::find_if(local.begin(), local.end(), [&](const Local &l) {
      return l.projection == pe.plastic;
    });
    if (it == local.end()) {
      Local l;
      l.projection = pe.plastic;
      l.rule = model::discretizeStdp<Fixed>(pp.rule, 1.0);
      l.delay = pp.delay;
      l.hist.resize(size_t(n));
      local.push_back(std::move(l));
      it = local.end() - 1;
    }
    entryLocal[e] = int32_t(it - local.begin());
    bool found = false;
    for (const Core &c : payload.cores)
      if (c.kind != CoreKind::DelayExtension && c.key == pe.key &&
          c.mask == pe.mask) {
        entrySourceLo[e] = c.lo;
        found = true;
        break;
      }
    if (!found)
      fail(core, "plastic pop-table entry " + std::to_string(e) +
                     " matches no sending core");
    // The rows' plastic synapses target this core's neurons with delay D
    // (their layout was checked with the payload: rowParts).
    for (uint32_t i = 0; i < pe.neurons; ++i) {
      const uint32_t *row =
          core.sdram.data() + pe.address + size_t(i) * pe.rowStride;
      RowParts parts;
      if (const char *bad = rowParts(row, pe.rowStride, parts))
        fail(core, "row " + std::to_string(i) + " of entry " +
                       std::to_string(e) + " has " + bad);
      for (uint32_t k = 0; k < parts.plastic; ++k) {
        const uint32_t c = plasticControl(row + parts.controlsAt(), k);
        if (int64_t(core.row.index(c)) >= n ||
            int64_t(core.row.delay(c)) != pp.delay)
          fail(core, "plastic synapse " + std::to_string(k) + " of row " +
                         std::to_string(i) + " of entry " + std::to_string(e) +
                         ": neuron " + std::to_string(core.row.index(c)) +
                         ", delay " + std::to_string(core.row.delay(c)) +
                         " (expected < " + std::to_string(n) + ", " +
                         std::to_string(pp.delay) + ")");
      }
    }
  }
  if (active())
    ring.assign(size_t(slots) * size_t(n), 0);
}

void PlasticRows::startSample() {
  if (!active())
    return;
  sdram = core.sdram;
  std::fill(ring.begin(), ring.end(), 0);
  for (Local &l : local)
    std::fill(l.hist.begin(), l.hist.end(), History{});
}

void PlasticRows::postSpike(int64_t i, int64_t tick) {
  model::FixedArith ar(ctx);
  for (Local &l : local) {
    History &h = l.hist[size_t(i)];
    // The post spike counts at P = p + D (dendritic delay, Plasticity.h).
    model::traceSpike(ar, l.rule.pairing, l.rule.eMinus, h.trace,
                      tick + l.delay);
    if (h.count == kMaxPostEvents) {
      // post_events.h: a full history drops its oldest entry.
      h.droppedP = h.ev[0].p;
      std::copy(h.ev.begin() + 1, h.ev.end(), h.ev.begin());
      --h.count;
    }
    h.ev[h.count++] = {tick, h.trace.value};
  }
}

PlasticRows::Fixed PlasticRows::update(model::FixedArith &ar, const Local &l,
                                       const History &h, Fixed w, int64_t T,
                                       int64_t last,
                                       const model::Trace<Fixed> &x,
                                       int64_t &cycles) {
  const int64_t D = l.delay;
  // Entries with P = p + D <= T are ev[0, end): walk back over the newer.
  uint32_t end = h.count;
  while (end > 0 && h.ev[end - 1].p + D > T) {
    --end;
    cycles += cost.plasticHistorySkipCycles;
  }
  const bool dropped = h.droppedP != kNone;
  if (end == 0) {
    // No post spike with P <= T kept: a dropped one would have depressed.
    counts.lostUpdates += dropped && h.droppedP + D <= T;
    return w;
  }
  if (last == kNone) {
    // x = 0: each potentiation only clips (Plasticity.h); once is enough.
    w = model::clampWeight(w, l.rule.wMin, l.rule.wMax);
  } else {
    // (1) potentiation by each post spike with T_last < P <= T, oldest
    // first, with the pre trace as T_last's spike left it.
    uint32_t begin = end;
    while (begin > 0 && h.ev[begin - 1].p + D > last)
      --begin;
    counts.lostUpdates += begin == 0 && dropped && h.droppedP + D > last;
    for (uint32_t k = begin; k < end; ++k) {
      w = model::potentiate(ar, l.rule, w,
                            model::traceAt(ar, l.rule.ePlus, x, h.ev[k].p + D));
      cycles += cost.plasticPostSpikeCycles;
      ++counts.pairs;
    }
  }
  // (2) depression with y(T) of the last post spike with P <= T.
  const PostEvent &e = h.ev[end - 1];
  return model::depress(ar, l.rule, w,
                        ar.mul(e.y, l.rule.eMinus(T - (e.p + D))));
}

int64_t PlasticRows::processRow(size_t e, uint32_t i, int64_t sendTick,
                                int64_t lateUpTo, int64_t endTick,
                                int64_t &late, int64_t &events) {
  const PopTableEntry &pe = core.popTable[e];
  uint32_t *row = sdram.data() + pe.address + size_t(i) * pe.rowStride;
  const uint32_t N = row[0];
  if (N == 0)
    return 0;
  const Local &l = local[size_t(entryLocal[e])];
  if (sendTick + l.delay >= endTick)
    return 0; // arrives after the run (header comment)
  const uint32_t F = row[N + 1], P = row[N + 2];
  const uint32_t *ctrl = row + kRowHeaderWords + N + F;
  uint32_t *weights = row + 1 + kPreTraceWords;
  const int32_t lastWord = int32_t(row[1]);
  const int64_t last = lastWord == kNeverSpiked ? kNone : lastWord;
  model::Trace<Fixed> x{Fixed::fromRaw(int32_t(row[2])),
                        last == kNone ? 0 : last};
  model::FixedArith ar(ctx);
  // A second packet of the same tick (an input channel with a count > 1)
  // transmits again; the reference's pre spike of that step updated once.
  const bool updates = last != sendTick;
  int64_t cycles = 0;
  const size_t nn = size_t(n);
  for (uint32_t k = 0; k < P; ++k) {
    const uint32_t c = plasticControl(ctrl, k);
    const uint32_t idx = core.row.index(c), d = core.row.delay(c);
    Fixed w = Fixed::fromRaw(int32_t(weights[k]));
    if (updates) {
      w = update(ar, l, l.hist[idx], w, sendTick, last, x, cycles);
      weights[k] = uint32_t(int32_t(w.raw()));
    }
    cycles += cost.plasticSynapseCycles;
    ++counts.synapses;
    if (int64_t(d) <= lateUpTo) {
      ++late;
      continue;
    }
    ++events;
    int32_t &r = ring[(size_t(sendTick + d) & slotMask) * nn + idx];
    int64_t sum = int64_t(r) + w.raw();
    if (sum > std::numeric_limits<int32_t>::max() ||
        sum < std::numeric_limits<int32_t>::min()) {
      ++counts.ringSaturations;
      sum = std::clamp<int64_t>(sum, std::numeric_limits<int32_t>::min(),
                                std::numeric_limits<int32_t>::max());
    }
    r = int32_t(sum);
  }
  if (updates) {
    // After the row, x takes the spike of T (Plasticity.h).
    model::traceSpike(ar, l.rule.pairing, l.rule.ePlus, x, sendTick);
    row[1] = uint32_t(int32_t(sendTick));
    row[2] = uint32_t(int32_t(x.value.raw()));
  }
  counts.cycles += cycles;
  return cycles;
}

} // namespace nmc::spinn::emu
