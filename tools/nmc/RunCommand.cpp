//===- RunCommand.cpp - nmc run -------------------------------------------===//
#include "Commands.h"
#include "Frontend.h"
#include "Options.h"
#include "RunInputs.h"
#include "RunOutputs.h"
#include "RunSummary.h"
#include "SaveWeights.h"

#include "Targets.h"
#include "nmc/Sim/OutputFile.h"
#include "nmc/Sim/Progress.h"
#include "nmc/Sim/SpikeCounter.h"
#include "nmc/Sim/TraceSubset.h"

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>

#include <chrono>
#include <cmath>
#include <iostream>

namespace po = boost::program_options;

namespace nmc::driver {

namespace {

std::vector<std::string> splitList(const std::vector<std::string> &items) {
  std::vector<std::string> out;
  for (const std::string &item : items) {
    std::vector<std::string> parts;
    boost::split(parts, item, boost::is_any_of(","));
    for (std::string &p : parts)
      if (!p.empty())
        out.push_back(std::move(p));
  }
  return out;
}

} // namespace

int runCommand(const Args &args) {
  std::string input, target;
  SNNLoweringOptions disc;
  int64_t steps = 0, batch = 1;
  uint64_t seed = 1;
  bool progress = false;
  std::vector<std::string> inputs, records, initV;
  std::string recordNeurons;
  std::string summaryJson, saveWeights;
  OutputRequest out;
  po::options_description opts(
      "nmc run MODEL|IMAGE [options]\n\n"
      "Runs an image written by `nmc compile`, or compiles MODEL (.nir, or "
      "snn\n"
      ".mlir / .mlirbc) for --target in memory and runs it: prints per-node\n"
      "spike counts and rates, wall time, events/s. Outputs stream to their "
      "files\n"
      "as the run goes. Semantics: docs/semantics.md; formats:\n"
      "docs/user-guide.md.\n\nOptions");
  double duration = 0;
  opts.add_options()("help,h", "show this help")(
      "steps", po::value(&steps), "number of time steps (or --duration)")(
      "duration", po::value(&duration),
      "simulated time in the model's time unit (seconds for NIR paper "
      "graphs); steps = round(duration / dt)");
  addDiscretizeOptions(opts, disc);
  opts.add_options()(
      "input,i", po::value(&inputs)->composing(),
      "[NODE=]SOURCE, repeatable. SOURCE: poisson:RATE | bernoulli:RATE "
      "(RATE per time unit; p = RATE*dt) | dc:VALUE (the same value every "
      "step) | FILE.csv (step,neuron[,value]) | FILE.h5 (NIRData). RATE and "
      "VALUE: one number, a list X0,X1,... (one per neuron) or @FILE")(
      "seed", po::value(&seed)->default_value(1),
      "seed of generated inputs, random initial states and a target's own "
      "randomness (sfq: stochastic synapses, jitter)")(
      "batch", po::value(&batch)->default_value(1),
      "independent samples (raised to the sample count of input files)")(
      "init-v", po::value(&initV)->composing(),
      "NODE=VALUE or NODE=uniform:LO:HI initial membrane (default 0)")(
      "record", po::value(&records)->composing(),
      "NODE[,NODE...]: record state traces (v, i, out) every step")(
      "record-neurons", po::value(&recordNeurons),
      "LIST: record only these elements of the --record nodes, e.g. "
      "0-9,20")("output-h5", po::value(&out.h5),
                "write spikes and traces as NIRData")(
      "output-csv", po::value(&out.csvPrefix),
      "write PREFIX_<node>_spikes.csv and PREFIX_<node>_<var>.csv")(
      "vcd", po::value(&out.vcd), "write a VCD of recorded nodes (or spiking)")(
      "vcd-neurons", po::value(&out.vcdNeurons)->default_value(8),
      "neurons per node in the VCD")("plot", po::value(&out.plot),
                                     "write an SVG spike raster")(
      "summary-json", po::value(&summaryJson), "write the summary as JSON")(
      "save-weights", po::value(&saveWeights),
      "OUT.nir: after the run, write MODEL with the learned weights of its "
      "plastic (STDP) nodes in place of their weights (last sample of a "
      "batch; a plastic connector becomes an nmc.SparseAffine); needs a "
      "model file and a target that learns (reference, reference-fixed)")(
      "progress", po::bool_switch(&progress),
      "always show the progress bar (default: on a terminal, runs > 1 s)");
  addTargetOptions(opts, target);
  po::variables_map vm;
  if (auto code = parseWithPositional(args, opts, "model", input, "run",
                                      "missing the network or image file", &vm))
    return *code;
  // A run mode of the chosen target's own (e.g. sfq --pulses).
  if (const Target &chosen = findTarget(chosenTarget(vm)); chosen.runOwn)
    if (std::optional<int> code = chosen.runOwn(input, vm, disc))
      return *code;
  if (vm.count("steps") == vm.count("duration"))
    return usageError("run", "give either --steps or --duration", opts);
  if ((vm.count("steps") && steps <= 0) || batch <= 0 ||
      (vm.count("duration") && !(duration > 0 && std::isfinite(duration))))
    return usageError("run", "--steps/--duration and --batch must be positive",
                      opts);
  if (out.vcdNeurons < 1)
    return usageError("run", "--vcd-neurons must be at least 1", opts);

  if (isImageFile(input))
    for (const char *option : {"dt", "method", "reset"})
      if (!vm[option].defaulted())
        return usageError("run",
                          std::string("--") + option +
                              " applies when compiling a model; '" + input +
                              "' is an image, compiled already",
                          opts);
  // Checked before compiling and running, as the other outputs are.
  std::unique_ptr<WeightSaver> saver;
  if (vm.count("save-weights"))
    saver = std::make_unique<WeightSaver>(input, findTarget(chosenTarget(vm)),
                                          saveWeights);
  const auto setupStart = std::chrono::steady_clock::now();
  SetupTime setup;
  setup.fromImage = isImageFile(input);
  image::LoadedImage img =
      loadImageOrModel(input, chosenTarget(vm), targetGiven(vm), disc);
  if (vm.count("duration")) {
    const double exact = duration / img.header.dt;
    if (exact > 9e15)
      return usageError("run", "--duration / dt is too many steps", opts);
    steps = std::max<int64_t>(1, std::llround(exact));
  }
  const Target &t = findTarget(img.header.target);
  checkTargetOptions(vm, t.name);
  // Engine checks (non-finite weights, empty networks) name the node; the
  // file is the one the user gave.
  std::unique_ptr<sim::Simulator> engine;
  try {
    engine = t.makeEngine(img);
  } catch (const std::bad_alloc &) {
    throw;
  } catch (const std::exception &e) {
    throw std::runtime_error(input + ": " + e.what());
  }
  img.payload.reset(); // the engine has its own arrays; free the image's
  const std::vector<sim::NodeInfo> nodes = engine->nodes();
  setup.seconds = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - setupStart)
                      .count();

  sim::RunConfig config;
  config.steps = steps;
  config.batch = batch;
  config.seed = seed;
  addInputs(inputs, img.header, seed, config);
  addInitialStates(initV, nodes, seed, config);
  out.traced = splitList(records);
  config.traceNodes = out.traced;
  for (const std::string &name : out.traced)
    if (std::none_of(nodes.begin(), nodes.end(),
                     [&](const sim::NodeInfo &n) { return n.name == name; }))
      throw std::runtime_error("--record: no node '" + name + "'");
  if (vm.count("record-neurons")) {
    if (out.traced.empty())
      return usageError("run", "--record-neurons needs --record NODE", opts);
    try {
      out.tracedNeurons = sim::parseElementList(recordNeurons);
    } catch (const std::runtime_error &e) {
      return usageError("run", std::string("--record-neurons: ") + e.what(),
                        opts);
    }
  }
  if (!out.traced.empty() && out.h5.empty() && out.csvPrefix.empty() &&
      out.vcd.empty())
    return usageError("run",
                      "--record needs an output that stores traces "
                      "(--output-csv, --output-h5 or --vcd)",
                      opts);
  if (!summaryJson.empty())
    sim::checkWritable(summaryJson);

  sim::SinkList sinks;
  auto counter = std::make_unique<sim::SpikeCounter>();
  const sim::SpikeCounter &counts = *counter;
  sinks.add(std::move(counter));
  out.title = img.header.source;
  addOutputSinks(out, sinks);
  config.sink = &sinks;

  sim::ProgressBar bar("run", progress);
  config.progress = bar.callback();
  sim::RunStats stats = engine->run(config);
  bar.finish();
  sinks.finish();

  sim::Report report =
      runReport(counts, stats, img.header.source, img.header.target, setup);
  engine->addReport(report);
  sim::printText(std::cout, report);
  if (!summaryJson.empty())
    sim::writeJson(summaryJson, report);
  for (const std::string &line : outputMessages(out))
    std::cout << line << "\n";
  if (saver) {
    saver->write(engine->learnedWeights());
    std::cout << "wrote " << saver->path() << " (learned weights)\n";
  }
  return 0;
}

} // namespace nmc::driver
