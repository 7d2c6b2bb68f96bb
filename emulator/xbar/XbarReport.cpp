//===- XbarReport.cpp - The "xbar" section of a run report ----------------===//
#include "nmc/Target/Xbar/Emulator.h"

namespace nmc::xbar {

namespace {

void addEnergy(sim::Section &s, const std::string &suffix, const XbarEnergy &e,
               const std::string &what) {
  using sim::Unit;
  const double pj = 1e-12;
  s.add("energy" + suffix, e.total() * pj, Unit::Joules, "total " + what)
      .add("energy_row_drive" + suffix, e.rowDrive * pj, Unit::Joules)
      .add("energy_cell_read" + suffix, e.cellRead * pj, Unit::Joules)
      .add("energy_adc" + suffix, e.adc * pj, Unit::Joules)
      .add("energy_digital_add" + suffix, e.digitalAdd * pj, Unit::Joules)
      .add("energy_neuron" + suffix, e.neuron * pj, Unit::Joules)
      .add("energy_hop" + suffix, e.hop * pj, Unit::Joules);
}

} // namespace

void addXbarSection(sim::Report &report, const XbarStats &st) {
  using sim::Unit;
  sim::Section &s = report.section("xbar");
  const double cycleS = st.clockMHz > 0 ? 1e-6 / st.clockMHz : 0;
  s.add("tiles_used", st.tilesUsed, Unit::Count)
      .add("tiles_available", st.tilesAvailable, Unit::Count, "mesh size")
      .add("utilization", 100.0 * st.utilization, Unit::Percent,
           "weight devices / devices of the used tiles")
      .add("clipped_weights", st.clippedWeights, Unit::Count)
      .add("zeroed_weights", st.zeroedWeights, Unit::Count,
           "nonzero weights mapped to level 0")
      .add("clock", st.clockMHz * 1e6, Unit::Hertz)
      .add("interval_max", st.intervalMax, Unit::Cycles,
           "slowest pipeline stage of a step, worst step")
      .add("interval_mean", st.intervalMean, Unit::Cycles)
      .add("latency_max", st.latencyMax, Unit::Cycles,
           "sum of a step's stages, worst step")
      .add("latency_mean", st.latencyMean, Unit::Cycles)
      .add("inference_cycles_max", st.inferenceCyclesMax, Unit::Cycles)
      .add("inference_cycles_mean", st.inferenceCyclesMean, Unit::Cycles)
      .add("inference_time_mean", st.inferenceCyclesMean * cycleS,
           Unit::Seconds)
      .add("tile_reads", st.reads, Unit::Count)
      .add("adc_conversions", st.adcConversions, Unit::Count)
      .add("adc_saturations", st.adcSaturations, Unit::Count);
  addEnergy(s, "", st.energy, "of the run");
  addEnergy(s, "_per_step", st.energyPerStep(), "per step");
  addEnergy(s, "_per_inference", st.energyPerInference(), "per inference");
}

void XbarSimulator::addReport(sim::Report &report) const {
  addXbarSection(report, stats);
}

} // namespace nmc::xbar
