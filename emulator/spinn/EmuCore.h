//===- EmuCore.h - One application core of the SpiNNaker emulator -*- C++ -*-//
//
// A core is a sequential processor with a cycle timeline (cycle 0 = the
// start of tick 0 of a sample; tick T's timer event is at T*C). Per tick the
// emulator calls timer(T) (neuron update / spike replay / re-sends: the
// timer callback runs first when the core is free), then, once the routers
// have delivered the packets, window(T): the packets that arrive before the
// next timer event enter the input buffer and are processed one at a time,
// in arrival order, as long as they start before (T+1)*C; the rest wait
// for after the next timer callback. Nothing here is shared between cores,
// so the emulator runs cores on any threads.
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUCORE_H
#define NMC_SPINN_EMUCORE_H

#include "EmuPlastic.h"
#include "EmuRows.h"
#include "nmc/Model/NeuronModel.h"
#include "nmc/Target/SpiNNaker/Emulator.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace nmc::spinn::emu {

using Cycle = int64_t;
using Fixed = model::DynamicFixed;

/// A packet reaching a core.
struct Arrival {
  Cycle cycle = 0;      ///< arrival, core cycles
  int64_t sendTick = 0; ///< tick it was sent in (the key's time colour)
  uint32_t key = 0;
  int32_t source = 0; ///< sending core
  int64_t seq = 0;    ///< delivery order (a total tie-break)
  /// Neuron cores, looked up when the packet arrives: the master-
  /// population-table entry of `key` (-1: none), the binary search's
  /// steps and the row (null: no entry or no such row).
  int32_t entry = -1;
  int32_t steps = 0;
  const RowRef *row = nullptr;
};

/// A packet a core sends.
struct Send {
  Cycle cycle = 0;
  uint32_t key = 0;
  int64_t sendTick = 0;
};

/// What a neuron core needs of its population's `network` node.
struct NeuronParams {
  bool hasSyn = false, adaptive = false, subtract = false;
  /// Per neuron of the population (converted once to s16.15).
  std::vector<model::DiscreteCoeffsT<Fixed>> coef;
  std::vector<model::NeuronExtT<Fixed>> ext;
  /// Exponential synapses (SpinnImage.h "Synapse filters"): per synapse
  /// type the LI filter's coefficients per neuron (empty: delta), and the
  /// types in the order the neuron adds the filters' outputs (empty: no
  /// filters).
  std::vector<model::DiscreteCoeffsT<Fixed>> filter[2];
  std::vector<int> filterOrder;
};

/// The cost constants a core uses, in cycles.
struct CoreCosts {
  int64_t neuronUpdate = 0, synapticWord = 0, spikeOverhead = 0, dmaLatency = 0,
          popTableStep = 0, send = 0, delayReceive = 0;
  double dmaBytesPerCycle = 1;
  int64_t inputBuffer = 256;
  int64_t cyclesPerTick = 0;
};

/// A FIFO of arrivals (the input buffer): a ring that grows by doubling.
class ArrivalRing {
public:
  bool empty() const { return n == 0; }
  size_t size() const { return n; }
  void clear() { head = n = 0; }
  const Arrival &front() const { return v[head]; }
  void pop_front() {
    head = (head + 1) & (v.size() - 1);
    --n;
  }
  void push_back(const Arrival &a) {
    if (n == v.size()) {
      std::vector<Arrival> w(std::max<size_t>(16, v.size() * 2));
      for (size_t i = 0; i < n; ++i)
        w[i] = v[(head + i) & (v.size() - 1)];
      v.swap(w);
      head = 0;
    }
    v[(head + n) & (v.size() - 1)] = a;
    ++n;
  }

private:
  std::vector<Arrival> v;
  size_t head = 0, n = 0;
};

/// The input buffer: packets arrived and not started, in arrival order.
/// Those that arrive in the current window stay in its inbox and are
/// buffered by index (no copy per packet, the common case: a core busy
/// with a burst); at the window's end the rest are copied out, and the next
/// window starts them first.
class InputBuffer {
public:
  bool empty() const { return size() == 0; }
  size_t size() const { return carried.size() + (fresh.size() - freshHead); }
  void clear() {
    carried.clear();
    fresh.clear();
    freshHead = 0;
  }
  /// A window over `inbox` begins (unchanged until end()).
  void begin(const std::vector<Arrival> &box) { inbox = &box; }
  const Arrival &front() const {
    return carried.empty() ? (*inbox)[fresh[freshHead]] : carried.front();
  }
  void pop_front() {
    if (carried.empty())
      ++freshHead;
    else
      carried.pop_front();
  }
  /// Buffers the inbox's packet `index`.
  void push_back(size_t index) { fresh.push_back(uint32_t(index)); }
  /// The window ends: its packets still buffered leave the inbox.
  void end() {
    for (size_t i = freshHead; i < fresh.size(); ++i)
      carried.push_back((*inbox)[fresh[i]]);
    fresh.clear();
    freshHead = 0;
  }

private:
  ArrivalRing carried;
  std::vector<uint32_t> fresh;
  size_t freshHead = 0;
  const std::vector<Arrival> *inbox = nullptr;
};

class CoreSim {
public:
  /// `routed[k]`: key k of the core (its own; a delay extension's stage
  /// keys) has a route at its chip. sPyNNaker sends nothing under a key
  /// without outgoing edges (there is no such key), so neither does this.
  /// `rows`: the row store holding core `index`'s rows; `payload`: the
  /// image the core is payload.cores[index] of.
  CoreSim(const Core &core, const CoreCosts &costs, const NeuronParams *params,
          std::vector<uint8_t> routed, const RowStore &rows, size_t index,
          const SpinnPayload &payload);

  /// Sample start: state, ring buffers, timeline and queues cleared;
  /// initial membrane values (population-wide: 1 or population size).
  /// `ticks`: the sample's length (plastic rows whose synapses arrive
  /// after it are not processed, EmuPlastic.h).
  void startSample(const std::vector<double> *initialV,
                   int64_t ticks = std::numeric_limits<int64_t>::max());
  /// Source cores: the spikes to replay at tick T, as local neuron indices
  /// (repeats send several packets), ascending.
  std::vector<int64_t> &replay() { return replayList; }
  /// The timer callback of tick T; fills outbox().
  void timer(int64_t tick);
  /// Packets delivered for this core by the routing of a tick.
  std::vector<Arrival> &delivered() { return newArrivals; }
  /// Handles the packets arriving before (T+1)*C; ends tick T's accounts.
  void window(int64_t tick);

  std::vector<Send> &outbox() { return sends; }
  /// Neuron cores: outputs of the last timer callback (per local neuron).
  const std::vector<uint8_t> &spiked() const { return spikedNow; }
  const std::vector<Fixed> &v() const { return vState; }
  const std::vector<Fixed> &syn() const { return synState; }
  /// Neuron cores: the synaptic current of type t (exponential synapses).
  const std::vector<Fixed> &filterState(int t) const { return current[t]; }

  /// Neuron cores with plastic rows: their STDP state (else null).
  const PlasticRows *plasticRows() const { return plastic.get(); }

  CoreProvenance prov;
  model::FixedContext ctx; ///< the core's s16.15 arithmetic and its counts

private:
  Cycle packetCost(const Arrival &a);
  /// Looks up `a`'s pop-table entry and row; prefetches the row's RowRef.
  void lookup(Arrival &a) const;
  /// The pop-table search: (entry or -1, steps).
  std::pair<int32_t, int32_t> search(uint32_t key) const;
  void buildMemo();
  size_t memoSlot(uint32_t key) const {
    return size_t((key * 0x9E3779B1u) >> memoShift);
  }
  /// Prefetches the ring buffers (when small) for a window's `packets`.
  void prefetchRing(size_t packets) const;
  Cycle neuronPacket(const Arrival &a);
  Cycle delayPacket(const Arrival &a);
  void neuronTimer(int64_t tick, Cycle start);
  void filteredTimer(int64_t tick, Cycle start);
  void neuronDone(int64_t i, bool spiked, int64_t tick, Cycle &t);
  void timerDone(Cycle start, Cycle end);
  /// neuronTimer/filteredTimer for a slice whose neurons (and filters)
  /// share their coefficients and have no refractory period, adaptive
  /// threshold or synaptic current: the same operations in array loops.
  void uniformTimer(int64_t tick, Cycle start);
  /// Whether uniformTimer applies (decided once).
  bool uniformSlice() const;

  const Core &core;
  CoreCosts costs;
  const uint32_t *words = nullptr; ///< the row store's words
  /// Per pop-table entry, what a packet's lookup and processing read of
  /// it, in one small array: the core's data is cold at every tick's first
  /// packets, so one line per packet rather than one per field's vector.
  struct Entry {
    const RowRef *rows = nullptr; ///< RowStore::rows
    Cycle cycles = 0;             ///< overhead + DMA of a row
    uint32_t stride = 0;          ///< RowStore::stride
    uint32_t neurons = 0;         ///< PopTableEntry::neurons
    uint32_t indexMask = 0;       ///< ~PopTableEntry::mask
  };
  std::vector<Entry> entries;
  /// search() of each entry's key, by key & memoMask (0: no memo).
  struct Memo {
    uint32_t key = 0;
    int32_t entry = -1, steps = 0;
    bool used = false;
  };
  std::vector<Memo> memo;
  uint32_t memoMask = 0;
  /// search() of every block key denseFirst + (b << denseShift) up to the
  /// last entry's (empty: too many blocks, use `memo`).
  static constexpr uint64_t kMaxDenseBlocks = 4096;
  std::vector<std::pair<int32_t, int32_t>> dense;
  uint32_t denseFirst = 0;
  int denseShift = 0;
  int memoShift = 32;
  std::vector<uint8_t> routed;
  const NeuronParams *params;
  int64_t n = 0; ///< neurons of the slice

  Cycle freeAt = 0;         ///< the core is busy until
  int64_t lastTimer = -1;   ///< last tick whose timer callback ran
  Cycle tickCycles = 0;     ///< work of the current tick
  int64_t tickReceived = 0; ///< packets that arrived in the current tick
  std::vector<Arrival> inbox, newArrivals, mergeScratch;
  size_t inboxHead = 0;
  InputBuffer buffer;
  std::vector<Send> sends;
  std::vector<int64_t> replayList;

  // Neuron cores. Ring layout [slot][type][neuron], 2^delayBits slots.
  std::vector<uint16_t> ring;
  uint32_t slotMask = 0;
  /// The synaptic word's fields (core.row) as shifts and masks, once.
  struct WordFields {
    uint32_t delayShift = 0, delayMask = 0, typeShift = 0, typeMask = 0,
             indexMask = 0;
  } fields;
  std::vector<Fixed> vState, synState;
  std::vector<Fixed> current[2]; ///< exponential synapses' state per type
  std::vector<model::NeuronExtState<Fixed>> extState;
  std::vector<uint8_t> spikedNow;
  bool uniform = false; ///< uniformSlice()
  std::unique_ptr<PlasticRows> plastic;
  int64_t endTick = std::numeric_limits<int64_t>::max();

  // Delay-extension cores: resends[tick % horizon] = (stage, neuron).
  std::vector<std::vector<std::pair<int32_t, uint32_t>>> resends;
};

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUCORE_H
