//===- Emulator.h - The SpiNNaker machine emulator --------------*- C++ -*-===//
//
// Runs a SpinnPayload (SpinnImage.h) as the machine would: every application
// core is an event-driven model with a cycle budget per timer tick, every
// chip's router forwards multicast packets hop by hop. Per tick:
//   1. timer event at tick*C (C = Machine::cyclesPerTick()): each neuron
//      core updates its neurons (the reference-fixed arithmetic, input =
//      this tick's ring-buffer slot), spikes leave as computed; source
//      cores replay the host's spikes, delay-extension cores re-send;
//   2. the packets go through the routers (router tables, default routing,
//      per-hop latency, link serialization, drops / re-injection);
//   3. each core handles the packets that reach it, one at a time: input
//      buffer, master-population-table search, row DMA, row processing into
//      the ring buffers (late synapses skipped).
// What it reports is what SpiNNaker's provenance reports (Provenance).
// docs/targets/spinnaker.md "Emulator and cost model" defines every step
// and cost; constants come from Machine::cost (§E) or EmulatorCosts
// ([assumed], nmc's own).
//
// Threads work over cores inside each phase; the routing phase is one
// deterministic discrete-event loop, so spikes AND provenance are identical
// for any thread count. Errors (a payload the emulator cannot run, a bad
// run configuration) throw std::runtime_error naming the node or core.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SPINNAKER_EMULATOR_H
#define NMC_TARGET_SPINNAKER_EMULATOR_H

#include "nmc/Sim/Report.h"
#include "nmc/Sim/Simulator.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nmc::spinn {

/// Emulator constants no source gives (all [assumed]; documented in
/// docs/targets/spinnaker.md "Emulator and cost model").
struct EmulatorCosts {
  /// Cycles per step of the master-population-table binary search
  /// (§E: population_table_get_first_address is 99 instructions in all).
  int32_t popTableStepCycles = 10;
  /// Cycles a core spends to send one packet (spin1_send_mc_packet).
  int32_t sendCycles = 20;
  /// Cycles a delay-extension core spends per received spike.
  int32_t delayReceiveCycles = 50;
  /// Input (spike) buffer of a core, packets (§A.5 incoming_spike_buffer_size).
  int32_t inputBufferPackets = 256;
  /// A packet blocked longer than this at a router is dropped (§A.6 wait2).
  double waitLimitNs = 10000;
  /// The monitor re-injects a dropped packet this long after the drop.
  double reinjectDelayNs = 1000;
  friend bool operator==(const EmulatorCosts &, const EmulatorCosts &) =
      default;
};

struct EmulatorOptions {
  /// Worker threads (0 = std::thread::hardware_concurrency()).
  unsigned threads = 0;
  /// Dropped packets are re-injected by the monitor (§A.6 enable_reinjection).
  bool reinjection = false;
  /// Report raw hardware ticks (for comparison with `network`) instead of
  /// re-timing each population by its latency to the reference's steps.
  bool hardwareTicks = false;
  EmulatorCosts costs;
  std::string title; ///< RunInfo::title
};

/// One core's provenance over a run (all samples).
struct CoreProvenance {
  CoreKind kind = CoreKind::Neuron;
  ChipXY chip;
  int32_t p = 0;
  std::string population;
  int64_t lo = 0, hi = 0;
  /// Timer ticks whose work (neuron update and the packets that arrived
  /// during the tick) was still running when the next tick began.
  int64_t overruns = 0;
  /// Synapses skipped because their slot was already consumed (and, on a
  /// delay-extension core, stages whose send tick had passed).
  int64_t lateSpikes = 0;
  int64_t inputOverflows = 0;   ///< packets lost: input buffer full
  int64_t ringSaturations = 0;  ///< ring-buffer adds clamped to 0xFFFF
  int64_t inputSaturations = 0; ///< neuron inputs clamped to s16.15
  int64_t failedLookups = 0;    ///< packets matching no pop-table entry
  int64_t noRoutePackets = 0;   ///< sent packets the local router dropped
  int64_t packetsSent = 0, packetsReceived = 0;
  int64_t synapticEvents = 0; ///< synaptic words applied
  int64_t maxSpikesPerTick = 0; ///< packets received in one tick, most
  int64_t maxInputBuffer = 0;   ///< input-buffer fill, most
  int64_t maxCyclesPerTick = 0; ///< cycles of work of one tick, most
  int64_t totalCycles = 0;      ///< of all ticks
  int64_t ticks = 0;            ///< ticks run (all samples)
  // STDP (plastic rows, EmuPlastic.h).
  int64_t plasticSynapses = 0; ///< plastic synapse visits
  int64_t plasticPairs = 0;    ///< potentiations by a post spike applied
  int64_t plasticCycles = 0;   ///< cycles of plastic work (in totalCycles)
  /// Updates that needed a post spike the 16-entry history had dropped
  /// (the weights then differ from the fixed reference's).
  int64_t plasticLostUpdates = 0;
};

/// A run's provenance and costs (totals over all samples).
struct Provenance {
  std::vector<CoreProvenance> cores; ///< SpinnPayload::cores order
  int64_t ticks = 0;                 ///< per sample
  int64_t samples = 0;
  int64_t cyclesPerTick = 0;
  int64_t packets = 0;         ///< packets injected by cores
  int64_t hops = 0;            ///< link traversals
  int64_t droppedPackets = 0;  ///< at routers (blocked too long)
  int64_t reinjectedPackets = 0;
  int64_t maxLinkPacketsPerTick = 0; ///< one tick's spikes on one link, most
  int64_t activeChips = 0, activeCores = 0;
  double seconds = 0; ///< machine time: ticks x samples x timestep
  double energyIdleJ = 0, energyCoresJ = 0, energyPacketsJ = 0;

  CoreProvenance totals() const; ///< sums; maxima for the max fields
  /// No packet dropped or lost, nothing late, nothing saturated, no post
  /// spike history overflowed: the spikes (and learned weights) equal
  /// `network`'s bit for bit.
  bool bitExactEligible() const;
  double energyJ() const {
    return energyIdleJ + energyCoresJ + energyPacketsJ;
  }
  /// Largest cycles of one tick over C: the slow-down a real-time run needs.
  double realTimeFactor() const;
};

/// The SpiNNaker emulator behind the common Simulator interface.
class SpinnEmulator : public sim::Simulator {
public:
  /// Checks what the emulator relies on (cores against populations and
  /// `network`, pop tables, rows); throws naming the core or node.
  SpinnEmulator(std::shared_ptr<const SpinnPayload> payload,
                EmulatorOptions options = {});
  ~SpinnEmulator() override;

  /// `network`'s input, neuron and output nodes, in its order.
  std::vector<sim::NodeInfo> nodes() const override;
  sim::RunStats run(const sim::RunConfig &config) override;
  /// The "spinnaker" section (provenance totals, energy, real-time factor,
  /// bit-exact eligibility) and a per-core table.
  void addReport(sim::Report &report) const override;
  /// The plastic nodes' weights after the last run in the compiled
  /// model's storage order (SpinnPayload::reference's node: affine
  /// [out, in], sparse CSR; a synapse the machine does not hold keeps its
  /// weight), or `network`'s when the image keeps no reference; none for a
  /// node whose synapses `network` omitted.
  std::vector<sim::LearnedWeights> learnedWeights() const override;
  /// The same weights as `network`'s sparse_affine nodes hold them (CSR by
  /// source): what the reference-fixed engine reports on `network`.
  std::vector<sim::LearnedWeights> networkWeights() const;

  const Provenance &provenance() const;

  struct Impl;

private:
  std::unique_ptr<Impl> impl;
};

/// Adds the "spinnaker" section of `prov` to `report`.
void addSpinnSection(sim::Report &report, const Provenance &prov);

} // namespace nmc::spinn

#endif // NMC_TARGET_SPINNAKER_EMULATOR_H
