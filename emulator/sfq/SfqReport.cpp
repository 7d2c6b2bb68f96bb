//===- SfqReport.cpp - The "sfq" section of a run summary -----------------===//
#include "nmc/Target/SFQ/SfqReport.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace nmc::sfq {

void RunTotals::add(const RunResult &r, double spanPs) {
  const Counters &c = r.counters;
  Counters &t = counters;
  for (int k = 0; k < kCellKinds; ++k)
    t.events[k] += c.events[k];
  for (int k = 0; k < kViolationKinds; ++k)
    t.violations[k] += c.violations[k];
  t.cellEvents += c.cellEvents;
  t.clockPulses += c.clockPulses;
  t.mergerLost += c.mergerLost;
  t.synapsePassed += c.synapsePassed;
  t.synapseBlocked += c.synapseBlocked;
  t.neuronFirings += c.neuronFirings;
  t.totalViolations += c.totalViolations;
  t.switchingEnergyJ += c.switchingEnergyJ;
  t.endPs = std::max(t.endPs, c.endPs);
  // Static figures: the same in every run of one netlist.
  t.jjs = c.jjs;
  t.biasMA = c.biasMA;
  t.staticPowerW = c.staticPowerW;
  if (std::isnan(firstLatencyPs))
    firstLatencyPs = c.latencyPs;
  for (const Violation &v : r.violations)
    if (violations.size() < kMaxReported)
      violations.push_back(v);
  ++runs;
  simulatedPs += spanPs;
}

void addSfqReport(sim::Report &report, const Netlist &netlist,
                  const CellLibrary &library, const RunTotals &totals,
                  const ClockTiming &timing) {
  using sim::Unit;
  const Counters &c = totals.counters;
  sim::Section &s = report.section("sfq");
  s.add("library", library.name)
      .add("cells", netlist.cells.size(), Unit::Count)
      .add("wires", netlist.wires.size(), Unit::Count)
      .add("jjs", c.jjs, Unit::Count, "Josephson junctions")
      .add("bias_current_ma", c.biasMA, Unit::None, "total bias current, mA")
      .add("static_power", c.staticPowerW, Unit::Watts,
           "bias current x bias_voltage_mv")
      .add("switching_energy", c.switchingEnergyJ, Unit::Joules,
           "sum of Ic x Phi0 over the transitions taken, all runs");
  if (totals.simulatedPs > 0)
    s.add("switching_power", c.switchingEnergyJ / (totals.simulatedPs * 1e-12),
          Unit::Watts, "switching energy / simulated time");
  s.add("simulated_ps", totals.simulatedPs, Unit::None,
        "simulated time over all runs, ps")
      .add("latency_ps",
           std::isnan(totals.firstLatencyPs)
               ? sim::Scalar()
               : sim::Scalar(totals.firstLatencyPs),
           Unit::None, "first output pulse - first input pulse (first run), ps")
      .add("cell_events", c.cellEvents, Unit::Count,
           "input pulses delivered to cells")
      .add("clock_pulses", c.clockPulses, Unit::Count)
      .add("merger_lost", c.mergerLost, Unit::Count,
           "pulses lost in mergers (collisions)")
      .add("synapse_passed", c.synapsePassed, Unit::Count)
      .add("synapse_blocked", c.synapseBlocked, Unit::Count)
      .add("neuron_firings", c.neuronFirings, Unit::Count)
      .add("violations", c.totalViolations, Unit::Count,
           "setup + hold + busy + merger collision");
  for (int k = 0; k < kViolationKinds; ++k) {
    std::string key = std::string("violations_") +
                      violationKindName(static_cast<ViolationKind>(k));
    std::replace(key.begin(), key.end(), ' ', '_');
    s.add(key, c.violations[k], Unit::Count);
  }

  // Static timing (Timing.h).
  s.add("min_pulse_interval_ps", timing.busyPs, Unit::None,
        "largest busy/hold window of any cell, ps");
  if (timing.clocked && !timing.unavailable.empty()) {
    s.add("max_clock", std::string("not available"), Unit::None,
          timing.unavailable);
  } else if (timing.clocked) {
    std::string path;
    for (int32_t cell : timing.criticalPath)
      path += (path.empty() ? "" : " -> ") + netlist.cells[cell].name;
    s.add("min_period_ps", timing.minPeriodPs, Unit::None,
          "max(critical path + setup - skew, busy windows), ps")
        .add("max_clock", timing.maxClockGHz * 1e9, Unit::Hertz,
             "1 / min_period")
        .add("clock_period_ps", netlist.clockPeriodPs, Unit::None,
             "the circuit's clock, ps")
        .add("critical_path", path.empty() ? "-" : path)
        .add("critical_path_ps", timing.pathPs, Unit::None,
             "clk->q + path delays + setup - clock skew, ps")
        .add("min_hold_slack_ps",
             std::isinf(timing.minHoldSlackPs)
                 ? sim::Scalar()
                 : sim::Scalar(timing.minHoldSlackPs),
             Unit::None, "negative: hold violated at any clock, ps")
        .add("hold_violations", timing.holdViolations, Unit::Count,
             "stage pairs with negative hold slack");
  }

  // Cells by kind.
  std::array<int64_t, kCellKinds> count{};
  std::array<double, kCellKinds> bias{};
  for (const Cell &cell : netlist.cells) {
    const int k = static_cast<int>(cell.kind);
    ++count[k];
    // Synapses and neurons carry their own bias (NaN: the nominal one).
    const bool own =
        (cell.kind == CellKind::Synapse || cell.kind == CellKind::Neuron) &&
        !std::isnan(cell.biasMA);
    bias[k] += own ? cell.biasMA : library.cells[k].biasMA;
  }
  sim::Table kinds{"cells by kind",
                   {{"kind"},
                    {"cells", Unit::Count},
                    {"jjs", Unit::Count},
                    {"bias_ma"},
                    {"events", Unit::Count}},
                   {}};
  for (int k = 0; k < kCellKinds; ++k) {
    if (!count[k])
      continue;
    const CellType &type = library.cells[k];
    kinds.rows.push_back({std::string(kCellPorts[k].name), count[k],
                          count[k] * int64_t(type.jjs), bias[k],
                          int64_t(c.events[k])});
  }
  s.tables.push_back(std::move(kinds));

  if (!totals.violations.empty()) {
    sim::Table first{
        "first violations", {{"cell"}, {"kind"}, {"time_ps"}, {"what"}}, {}};
    for (const Violation &v : totals.violations)
      first.rows.push_back({netlist.cells[v.cell].name,
                            std::string(violationKindName(v.kind)), v.timePs,
                            describe(netlist, v)});
    s.tables.push_back(std::move(first));
  }
}

} // namespace nmc::sfq
