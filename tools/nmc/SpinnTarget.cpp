//===- SpinnTarget.cpp - The SpiNNaker many-core target (spinnaker) -------===//
//
// compile: the common lowering (the float reference kept for the agreement
// figures), snn-quantize to s16.15 (that network kept too: the image's
// neuron records come from it), then the spinn pipeline (convert, partition,
// place, keys, route, compress; docs/targets/spinnaker-compiler.md) on the
// machine of --machine, then the image builder (rows, master population
// tables, router tables, the hardware-equivalent network). run: the
// SpiNNaker emulator (docs/targets/spinnaker.md), next to the float
// reference for the agreement section.
//===----------------------------------------------------------------------===//
#include "Agreement.h"
#include "Commands.h"
#include "Frontend.h"
#include "StageTiming.h"
#include "Targets.h"

#include "nmc/Backends/SpinnImageBuilder.h"
#include "nmc/Pipelines/SpinnPipeline.h"
#include "nmc/Target/SpiNNaker/Emulator.h"
#include "nmc/Target/SpiNNaker/MachineJson.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace po = boost::program_options;

namespace nmc::driver {
namespace {

struct SpinnSettings {
  std::string machine = "spin5";
  int64_t neuronsPerCore = 256;
  int64_t timeScaleFactor = 1;
  double spikesPerSecond = 30.0;
  double ringBufferSigma = 5.0;
  int64_t forceShift = -1;
  std::string compressor = "auto";
  unsigned threads = 0;
  bool reinjection = false;
  bool rawTicks = false;
  bool noAgreement = false;
} spinnSettings;

void addSpinnOptions(po::options_description &opts) {
  SpinnSettings &s = spinnSettings;
  opts.add_options()(
      "machine", po::value(&s.machine)->default_value("spin5"),
      "SpiNNaker machine: a preset (spin3 = 4-chip board, spin5 = 48-chip "
      "board, spin5:WxH = W x H triads of boards, spin2) or a JSON file "
      "(docs/targets/spinnaker.md); selects this target")(
      "neurons-per-core", po::value(&s.neuronsPerCore)->default_value(256),
      "largest slice of a population on one core (spinnaker.md §A.3)")(
      "time-scale-factor", po::value(&s.timeScaleFactor)->default_value(1),
      "hardware timer tick = dt x this (sPyNNaker's time_scale_factor, "
      "spinnaker.md §A.2): the machine runs this many times slower than "
      "real time and each core has as many more cycles per tick")(
      "spikes-per-second", po::value(&s.spikesPerSecond)->default_value(30),
      "expected input rate per synapse when choosing ring-buffer shifts "
      "(sPyNNaker's spikes_per_second)")(
      "ring-buffer-sigma", po::value(&s.ringBufferSigma)->default_value(5),
      "standard deviations above the expected summed weight a ring buffer "
      "must hold (sPyNNaker's ring_buffer_sigma)")(
      "force-shift", po::value(&s.forceShift)->default_value(-1),
      "use this ring-buffer shift (0..16) for every population instead of "
      "choosing one (-1)")(
      "compressor", po::value(&s.compressor)->default_value("auto"),
      "router-table compressor: auto, pair, ordered-covering")(
      "threads", po::value(&s.threads)->default_value(0),
      "threads of the emulator (run) and of the synaptic-row build "
      "(compile); 0 = one per CPU; results do not depend on it")(
      "reinjection", po::bool_switch(&s.reinjection),
      "run: the monitor cores re-inject dropped packets")(
      "raw-ticks", po::bool_switch(&s.rawTicks),
      "run: report spikes at the machine's ticks instead of re-timing each "
      "population by its latency to the reference's steps, and compare them "
      "with the fixed-point network of the image (section bit_exact)")(
      "no-spinn-agreement", po::bool_switch(&s.noAgreement),
      "do not run the float reference next to the emulator");
}

/// The machine's timer tick is the network's dt: an integer number of
/// microseconds (spinnaker.md §A.2).
int64_t tickMicroseconds(double dt, const std::string &source) {
  const double us = dt * 1e6;
  const double rounded = std::round(us);
  if (!(rounded >= 1) || std::fabs(us - rounded) > 1e-6 * rounded)
    throw std::runtime_error(
        fmt::format("{}: dt {:g} s is not a whole number of microseconds; a "
                    "SpiNNaker timer tick must be (spinnaker.md §A.2); "
                    "choose --dt accordingly",
                    source, dt));
  return int64_t(rounded);
}

image::LoadedImage compileSpinn(mlir::ModuleOp module,
                                const CompileOptions &options,
                                const std::string &source,
                                std::shared_ptr<const void>) {
  const SpinnSettings &s = spinnSettings;
  StageTiming &timing = StageTiming::get();
  timing.mark("import");
  const int64_t tickUs = tickMicroseconds(options.dt, source);
  if (s.timeScaleFactor < 1 || s.timeScaleFactor > 1000000 / tickUs)
    throw std::runtime_error(fmt::format(
        "{}: --time-scale-factor {} must be at least 1 and make a timer tick "
        "(dt x factor = {} µs x factor) of at most 1 s",
        source, s.timeScaleFactor, tickUs));
  mlir::PassManager lower(module.getContext());
  timing.instrument(lower);
  populateSNNLoweringPipeline(lower, options);
  if (mlir::failed(lower.run(module)))
    throw ReportedError("cannot compile '" + source + "'");
  image::Image reference = buildImage(module, source);
  reference.target = "reference";
  timing.mark("float reference image");

  mlir::PassManager quantize(module.getContext());
  timing.instrument(quantize);
  SNNQuantizeOptions q;
  q.format = spinn::kNumberFormatName; // sPyNNaker's accum
  quantize.addNestedPass<snn::GraphOp>(createSNNQuantize(q));
  if (mlir::failed(quantize.run(module)))
    throw ReportedError("cannot quantize '" + source + "' to s16.15");
  image::Image quantized = buildImage(module, source);
  timing.mark("s16.15 reference image");

  SpinnPipelineOptions p;
  p.machine = s.machine;
  p.neuronsPerCore = s.neuronsPerCore;
  p.spikesPerSecond = s.spikesPerSecond;
  p.ringBufferSigma = s.ringBufferSigma;
  p.forceShift = s.forceShift;
  p.compressor = s.compressor;
  mlir::PassManager pm(module.getContext());
  timing.instrument(pm);
  populateSpinnPipeline(pm, p);
  if (mlir::failed(pm.run(module)))
    throw ReportedError("cannot map '" + source + "' onto machine '" +
                        s.machine + "'");

  auto payload = std::make_shared<spinn::SpinnPayload>();
  if (mlir::failed(
          buildSpinnPayload(module, quantized, *payload, int(s.threads))))
    throw ReportedError("cannot build the SpiNNaker image of '" + source + "'");
  timing.mark("image: rows, tables, network");
  // spinnaker.md §A.2: the hardware tick is timestep x time_scale_factor.
  payload->machine.timestepUs = tickUs * s.timeScaleFactor;
  // A slice whose neuron updates alone take longer than a tick overruns
  // every tick: the emulator then handles no packet in time (0 synaptic
  // events). sPyNNaker leaves it to the user too (neurons per core,
  // time_scale_factor), so a warning, not an error.
  int64_t largest = 0;
  for (const spinn::Core &c : payload->cores)
    if (c.kind == spinn::CoreKind::Neuron)
      largest = std::max(largest, c.hi - c.lo);
  const spinn::Machine &m = payload->machine;
  if (largest * m.cost.neuronUpdateCycles >= m.cyclesPerTick())
    llvm::errs() << source << ": warning: a core of " << largest
                 << " neurons needs " << largest * m.cost.neuronUpdateCycles
                 << " cycles per tick for its neuron updates alone, more "
                    "than the "
                 << m.cyclesPerTick() << " of a " << m.timestepUs
                 << " µs tick: every tick overruns and packets are lost "
                    "(choose --neurons-per-core of at most "
                 << m.cyclesPerTick() / std::max(1, m.cost.neuronUpdateCycles)
                 << " or a --time-scale-factor)\n";
  payload->reference = std::move(reference);
  payload->network.target = "spinnaker";
  payload->network.source = source;
  image::LoadedImage out;
  out.header = spinn::makeSpinnHeader(*payload);
  out.payload = std::move(payload);
  return out;
}

const spinn::SpinnPayload &spinnPayload(const image::LoadedImage &loaded) {
  const auto *payload = loaded.as<spinn::SpinnPayload>();
  if (!payload)
    throw std::runtime_error("image of format '" + loaded.header.format +
                             "' cannot run on the SpiNNaker emulator");
  return *payload;
}

void writeSpinn(const image::LoadedImage &loaded, const std::string &path) {
  std::string error;
  if (!spinn::writeSpinnImage(path, spinnPayload(loaded), error))
    throw std::runtime_error(error);
}

std::unique_ptr<sim::Simulator>
makeSpinnEngine(const image::LoadedImage &loaded) {
  auto payload = std::make_shared<spinn::SpinnPayload>(spinnPayload(loaded));
  const SpinnSettings &s = spinnSettings;
  spinn::EmulatorOptions options;
  options.threads = s.threads;
  options.reinjection = s.reinjection;
  options.hardwareTicks = s.rawTicks;
  auto emulator = std::make_unique<spinn::SpinnEmulator>(payload, options);
  const spinn::SpinnEmulator *emu = emulator.get();
  std::unique_ptr<sim::Simulator> engine = std::move(emulator);
  // Raw ticks line up with the hardware-equivalent fixed-point network
  // (SpinnImage.h), which the reference-fixed engine runs: the check that
  // the machine's spikes are bit-exact.
  if (s.rawTicks) {
    if (s.noAgreement || payload->facts.networkSynapsesOmitted > 0)
      return engine;
    auto network = std::make_shared<image::Image>(payload->network);
    // Learned weights compared in `network`'s order (CSR of its nodes).
    return withAgreement(std::move(engine), std::move(network), "spinnaker",
                         false,
                         {"bit_exact", "fixed-point network (hardware ticks)"},
                         [emu] { return emu->networkWeights(); });
  }
  if (s.noAgreement || payload->reference.nodes.empty())
    return engine;
  auto reference = std::make_shared<image::Image>(payload->reference);
  return withAgreement(std::move(engine), std::move(reference), "spinnaker");
}

} // namespace

Target spinnakerTarget() {
  Target t{"spinnaker",
           "SpiNNaker-style many-core machines: populations sliced onto ARM "
           "cores, multicast routing, 16-bit synapses, STDP on plastic rows; "
           "cycles per tick, packets, energy (--machine PRESET|FILE)",
           "machine",
           addSpinnOptions,
           compileSpinn,
           writeSpinn,
           makeSpinnEngine};
  t.learns = true; // plastic rows (EmuPlastic.h)
  return t;
}

} // namespace nmc::driver
