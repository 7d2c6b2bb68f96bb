//===- RunSummary.cpp - The report `nmc run` prints after a run ----------===//
#include "RunSummary.h"

namespace nmc::driver {

sim::Report runReport(const sim::SpikeCounter &counts, const sim::RunStats &r,
                      const std::string &model, const std::string &target,
                      const SetupTime &setup) {
  using sim::Unit;
  const double wall = r.wallSeconds > 0 ? r.wallSeconds : 1e-12;
  const double simulated = double(r.steps) * r.dt * double(r.batch);
  sim::Report report{"nmc run: " + model, {}};
  sim::Section &run = report.section("run");
  run.add("target", target)
      .add("steps", r.steps, Unit::Steps)
      .add("batch", r.batch, Unit::Count, "independent samples")
      .add("dt", r.dt, Unit::None, "time step, in the model's time unit")
      .add(setup.fromImage ? "load" : "compile", setup.seconds, Unit::Seconds,
           setup.fromImage ? "reading the image, engine setup"
                           : "import, lowering, engine setup")
      .add("wall", r.wallSeconds, Unit::Seconds, "the run")
      .add("steps_per_s", double(r.steps * r.batch) / wall, Unit::PerSecond)
      .add("synaptic_events", r.synapticEvents, Unit::Count,
           "nonzero inputs x fan-out of weight nodes")
      .add("events_per_s", double(r.synapticEvents) / wall, Unit::PerSecond)
      .add("neuron_updates", r.neuronUpdates, Unit::Count)
      .add("realtime_factor", simulated > 0 ? r.wallSeconds / simulated : 0.0,
           Unit::None, "wall time / simulated time");
  if (r.plasticUpdates > 0)
    run.add("plastic_updates", r.plasticUpdates, Unit::Count,
            "synapse visits of the STDP rule (pre spikes x plastic "
            "out-degree)")
        .add("plastic_updates_per_s", double(r.plasticUpdates) / wall,
             Unit::PerSecond);
  if (r.fixedPoint)
    run.add("saturations", r.saturations, Unit::Count,
            "fixed-point results clamped to the format's range")
        .add("rounded_to_zero", r.roundedToZero, Unit::Count,
             "nonzero fixed-point results that rounded to 0");
  sim::Table nodes{"",
                   {{"name"},
                    {"kind"},
                    {"size", Unit::Count},
                    {"spikes", Unit::Count},
                    {"rate", Unit::Hertz}},
                   {}};
  const std::vector<sim::NodeInfo> &info = counts.run().nodes;
  for (size_t k = 0; k < info.size(); ++k) {
    const sim::NodeInfo &n = info[k];
    // Non-spike outputs have no spike count or rate (blank cells).
    nodes.rows.push_back(
        {n.name, n.kind, n.size,
         n.spiking ? sim::Scalar(counts.count(k)) : sim::Scalar(),
         n.spiking ? sim::Scalar(counts.rate(k)) : sim::Scalar()});
  }
  report.section("nodes").tables.push_back(std::move(nodes));
  return report;
}

} // namespace nmc::driver
