//===- EmuPlastic.h - STDP on one core of the SpiNNaker emulator -*- C++
//-*-===//
//
// The plastic half of a neuron core (SpinnImage.h "Plastic rows";
// spinnaker.md §A.4-§A.5, §E): sPyNNaker's deferred, event-driven STDP.
// A pre spike's row is processed when its packet is handled: for each
// plastic synapse the updates of nmc/Model/Plasticity.h against the post
// neuron's history, the updated weight added to the 32-bit plastic ring
// slot of its arrival tick, the weights and the pre-trace header written
// back. Post spikes of a timer callback join the histories (the newest
// kMaxPostEvents per neuron and plastic projection, as sPyNNaker's
// post_events.h).
//
// Timing equals the fixed reference's on `network` (Plasticity.h with
// d = D): the row of pre neuron j's spike sent in tick T is processed in
// tick T's window (or later when the core is busy), and its updates use
// the post spikes with P = p + D <= T only, which all happened before
// tick T's window (D >= 1), and the pre trace as j's previous row left it.
// So processing the row at T instead of at arrival T + D changes nothing
// -- except at the end of a run: a spike whose synapses would arrive after
// the run's last tick (T + D >= ticks) never reaches the reference's plastic
// node, so the emulator leaves its row unprocessed too [deviation: the
// machine would process it and its saved weights would include those
// updates].
//
// Counts: the updates a lost history entry would have changed (history
// overflow; the weights then differ from the reference), the synapse
// visits, and the extra cycles (§E: plasticSynapseCycles per plastic
// synapse, plasticPostSpikeCycles per pair applied,
// plasticHistorySkipCycles per history entry stepped over).
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUPLASTIC_H
#define NMC_SPINN_EMUPLASTIC_H

#include "nmc/Model/FixedPoint.h"
#include "nmc/Model/Plasticity.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"

#include <array>
#include <cstdint>
#include <vector>

namespace nmc::spinn::emu {

/// The STDP part of a neuron core's provenance, summed into
/// CoreProvenance by the core.
struct PlasticCounts {
  int64_t synapses = 0;    ///< plastic synapse visits (row processing)
  int64_t pairs = 0;       ///< potentiations by a post spike applied
  int64_t lostUpdates = 0; ///< visits that needed an overflowed entry
  int64_t cycles = 0;      ///< extra cycles of the plastic work
  int64_t ringSaturations = 0;
};

class PlasticRows {
public:
  using Fixed = model::DynamicFixed;

  /// The plastic entries of neuron core `core` (none: inactive). Discretizes
  /// each rule (taus in ticks) in `ctx`, which must be the core's s16.15
  /// nearest context, as the fixed reference discretizes `network`'s.
  PlasticRows(const SpinnPayload &payload, const Core &core,
              model::FixedContext &ctx);

  bool active() const { return !local.empty(); }
  /// The plastic projection of pop-table entry e, or -1.
  int32_t plasticOf(size_t e) const { return entryLocal[e]; }

  /// Sample start: weights and pre traces from the image, no post spikes.
  void startSample();
  /// Post spike of local neuron i in the timer callback of `tick`.
  void postSpike(int64_t i, int64_t tick);

  /// Processes the plastic part of source neuron `i`'s row of entry `e`
  /// for the spike sent at `sendTick`: updates, then adds each weight whose
  /// slot is still to come (delay > lateUpTo) into the plastic ring, unless
  /// the synapses arrive at or after `endTick` (see the header). Adds the
  /// late synapses to `late`, the transmitted ones to `events`; returns
  /// the extra cycles.
  int64_t processRow(size_t e, uint32_t i, int64_t sendTick, int64_t lateUpTo,
                     int64_t endTick, int64_t &late, int64_t &events);

  /// The plastic input of local neuron i for `tick` (s16.15 raw), cleared.
  int64_t takeInput(int64_t tick, int64_t i) {
    int32_t &r = ring[(size_t(tick) & slotMask) * size_t(n) + size_t(i)];
    const int64_t v = r;
    r = 0;
    return v;
  }

  /// Calls f(projection, pre neuron, post neuron, weight raw) for every
  /// plastic synapse of the core, population-wide neuron indices.
  template <class Fn> void forEachWeight(Fn &&f) const;

  PlasticCounts counts;

private:
  struct PostEvent {
    int64_t p = 0; ///< the post spike's tick
    Fixed y;       ///< post trace just after it
  };
  /// The newest post spikes of one neuron, oldest first, and the tick of
  /// the newest one dropped (kNone: none dropped).
  struct History {
    std::array<PostEvent, kMaxPostEvents> ev;
    uint32_t count = 0;
    int64_t droppedP = kNone;
    model::Trace<Fixed> trace;
  };
  /// A plastic projection into this core.
  struct Local {
    int32_t projection = 0;
    model::StdpRuleT<Fixed> rule;
    int64_t delay = 1;
    std::vector<History> hist; ///< per local neuron
  };
  static constexpr int64_t kNone = INT64_MIN;

  Fixed update(model::FixedArith &ar, const Local &l, const History &h, Fixed w,
               int64_t T, int64_t last, const model::Trace<Fixed> &x,
               int64_t &cycles);

  const Core &core;
  model::FixedContext &ctx;
  const CostModel &cost;
  int64_t n = 0;
  uint32_t slotMask = 0;
  std::vector<uint32_t> sdram; ///< the core's SDRAM as the rows change it
  std::vector<Local> local;
  std::vector<int32_t> entryLocal;    ///< per pop-table entry: into local
  std::vector<int64_t> entrySourceLo; ///< first pre neuron of the entry
  std::vector<int32_t> ring;          ///< [slot][neuron], s16.15 raw
};

template <class Fn> void PlasticRows::forEachWeight(Fn &&f) const {
  const RowFormat fmt = core.row;
  for (size_t e = 0; e < core.popTable.size(); ++e) {
    if (entryLocal[e] < 0)
      continue;
    const PopTableEntry &pe = core.popTable[e];
    for (uint32_t i = 0; i < pe.neurons; ++i) {
      const uint32_t *row =
          sdram.data() + pe.address + size_t(i) * pe.rowStride;
      const uint32_t N = row[0];
      if (N == 0)
        continue;
      const uint32_t F = row[N + 1], P = row[N + 2];
      const uint32_t *ctrl = row + kRowHeaderWords + N + F;
      for (uint32_t k = 0; k < P; ++k) {
        const uint32_t c = plasticControl(ctrl, k);
        f(local[size_t(entryLocal[e])].projection,
          entrySourceLo[e] + int64_t(i), core.lo + int64_t(fmt.index(c)),
          int32_t(row[1 + kPreTraceWords + k]));
      }
    }
  }
}

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUPLASTIC_H
