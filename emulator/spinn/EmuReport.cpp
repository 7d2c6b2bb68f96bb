//===- EmuReport.cpp - Provenance totals and the "spinnaker" section ------===//
#include "nmc/Target/SpiNNaker/Emulator.h"

#include <algorithm>

namespace nmc::spinn {

CoreProvenance Provenance::totals() const {
  CoreProvenance t;
  for (const CoreProvenance &c : cores) {
    t.overruns += c.overruns;
    t.lateSpikes += c.lateSpikes;
    t.inputOverflows += c.inputOverflows;
    t.ringSaturations += c.ringSaturations;
    t.inputSaturations += c.inputSaturations;
    t.failedLookups += c.failedLookups;
    t.noRoutePackets += c.noRoutePackets;
    t.packetsSent += c.packetsSent;
    t.packetsReceived += c.packetsReceived;
    t.synapticEvents += c.synapticEvents;
    t.maxSpikesPerTick = std::max(t.maxSpikesPerTick, c.maxSpikesPerTick);
    t.maxInputBuffer = std::max(t.maxInputBuffer, c.maxInputBuffer);
    t.maxCyclesPerTick = std::max(t.maxCyclesPerTick, c.maxCyclesPerTick);
    t.totalCycles += c.totalCycles;
    t.ticks += c.ticks;
    t.plasticSynapses += c.plasticSynapses;
    t.plasticPairs += c.plasticPairs;
    t.plasticCycles += c.plasticCycles;
    t.plasticLostUpdates += c.plasticLostUpdates;
  }
  return t;
}

bool Provenance::bitExactEligible() const {
  const CoreProvenance t = totals();
  return droppedPackets == 0 && t.noRoutePackets == 0 && t.lateSpikes == 0 &&
         t.inputOverflows == 0 && t.ringSaturations == 0 &&
         t.inputSaturations == 0 && t.failedLookups == 0 &&
         t.plasticLostUpdates == 0;
}

double Provenance::realTimeFactor() const {
  return cyclesPerTick > 0
             ? double(totals().maxCyclesPerTick) / double(cyclesPerTick)
             : 0.0;
}

void addSpinnSection(sim::Report &report, const Provenance &prov) {
  using sim::Unit;
  const CoreProvenance t = prov.totals();
  sim::Section &s = report.section("spinnaker");
  const double meanCycles =
      t.ticks ? double(t.totalCycles) / double(t.ticks) : 0.0;
  s.add("bit_exact_eligible", prov.bitExactEligible(), Unit::None,
        "no drop, late spike, overflow or saturation: spikes equal the "
        "fixed-point network's")
      .add("ticks", prov.ticks, Unit::Steps, "hardware ticks per sample")
      .add("cycles_per_tick_budget", prov.cyclesPerTick, Unit::Cycles)
      .add("cycles_per_tick_max", t.maxCyclesPerTick, Unit::Cycles,
           "one core's work of one tick, most")
      .add("cycles_per_tick_mean", meanCycles, Unit::Cycles,
           "over cores and ticks")
      .add("real_time_factor", prov.realTimeFactor(), Unit::None,
           "largest cycles of a tick / budget (> 1: not real time)")
      .add("timer_overruns", t.overruns, Unit::Count)
      .add("late_spikes", t.lateSpikes, Unit::Count)
      .add("input_buffer_overflows", t.inputOverflows, Unit::Count)
      .add("max_input_buffer", t.maxInputBuffer, Unit::Count)
      .add("ring_buffer_saturations", t.ringSaturations, Unit::Count)
      .add("input_saturations", t.inputSaturations, Unit::Count,
           "neuron inputs clamped to s16.15")
      .add("failed_pop_table_lookups", t.failedLookups, Unit::Count)
      .add("max_spikes_per_tick", t.maxSpikesPerTick, Unit::Count,
           "packets one core received in one tick, most")
      .add("packets", prov.packets, Unit::Count, "sent by cores")
      .add("hops", prov.hops, Unit::Count, "link traversals")
      .add("dropped_packets", prov.droppedPackets + t.noRoutePackets,
           Unit::Count, "blocked too long, or no route at the source chip")
      .add("reinjected_packets", prov.reinjectedPackets, Unit::Count)
      .add("max_link_packets_per_tick", prov.maxLinkPacketsPerTick, Unit::Count)
      .add("synaptic_events", t.synapticEvents, Unit::Count)

      .add("active_chips", prov.activeChips, Unit::Count)
      .add("active_cores", prov.activeCores, Unit::Count)
      .add("machine_time", prov.seconds, Unit::Seconds)
      .add("energy", prov.energyJ(), Unit::Joules)
      .add("energy_idle", prov.energyIdleJ, Unit::Joules, "chips x time")
      .add("energy_cores", prov.energyCoresJ, Unit::Joules,
           "active cores x time")
      .add("energy_packets", prov.energyPacketsJ, Unit::Joules,
           "router passes x packet energy");
  if (t.plasticSynapses > 0 || t.plasticLostUpdates > 0)
    s.add("plastic_synapse_updates", t.plasticSynapses, Unit::Count,
          "plastic synapses processed (STDP rows)")
        .add("plastic_pairs", t.plasticPairs, Unit::Count,
             "potentiations by a post spike applied")
        .add("plastic_cycles", t.plasticCycles, Unit::Cycles,
             "cycles of STDP work, part of the cycles per tick")
        .add("plastic_cycles_share",
             t.totalCycles ? double(t.plasticCycles) / double(t.totalCycles)
                           : 0.0,
             Unit::None, "of all cores' cycles")
        .add("plastic_history_lost_updates", t.plasticLostUpdates, Unit::Count,
             "updates that needed a post spike the 16-entry history dropped "
             "(weights differ from the fixed reference)");
  sim::Table table;
  table.title = "cores";
  for (const char *c : {"core", "population", "lo", "hi"})
    table.columns.push_back({c, Unit::None});
  for (const char *c : {"overruns", "late", "overflows", "saturations",
                        "failed_lookups", "received", "max_per_tick"})
    table.columns.push_back({c, Unit::Count});
  table.columns.push_back({"cycles_max", Unit::Cycles});
  for (const CoreProvenance &c : prov.cores) {
    const char *kind = c.kind == CoreKind::Neuron   ? "neuron"
                       : c.kind == CoreKind::Source ? "source"
                                                    : "delay";
    table.rows.push_back(
        {std::to_string(c.chip.x) + "," + std::to_string(c.chip.y) + "," +
             std::to_string(c.p) + " " + kind,
         c.population, c.lo, c.hi, c.overruns, c.lateSpikes, c.inputOverflows,
         c.ringSaturations, c.failedLookups, c.packetsReceived,
         c.maxSpikesPerTick, c.maxCyclesPerTick});
  }
  s.tables.push_back(std::move(table));
}

} // namespace nmc::spinn
