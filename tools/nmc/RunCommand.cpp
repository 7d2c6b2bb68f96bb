//===- RunCommand.cpp - nmc run
//--------------------------------------------===//
#include "Commands.h"
#include "Frontend.h"
#include "Options.h"
#include "RunInputs.h"
#include "RunOutputs.h"
#include "RunSummary.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Emulator/Progress.h"

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>

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
  std::string input;
  SNNLoweringOptions disc;
  int64_t steps = 0, batch = 1;
  uint64_t seed = 1;
  bool float32 = false, progress = false;
  std::vector<std::string> inputs, records, initV;
  std::string summaryJson;
  OutputRequest out;
  po::options_description opts(
      "nmc run MODEL [options]\n\n"
      "Compiles MODEL (.nir or snn .mlir) for the reference engine and runs\n"
      "it: prints per-node spike counts and rates, wall time, events/s.\n"
      "Semantics: docs/semantics.md; formats: docs/user-guide.md.\n\nOptions");
  opts.add_options()("help,h",
                     "show this help")("steps", po::value(&steps)->required(),
                                       "number of time steps (required)");
  addDiscretizeOptions(opts, disc);
  opts.add_options()(
      "input,i", po::value(&inputs)->composing(),
      "[NODE=]SOURCE, repeatable. SOURCE: poisson:RATE | bernoulli:RATE "
      "(RATE per time unit; p = RATE*dt) | FILE.csv (step,neuron[,value]) | "
      "FILE.h5 (NIRData)")(
      "seed", po::value(&seed)->default_value(1),
      "seed of generated inputs and random initial states")(
      "batch", po::value(&batch)->default_value(1),
      "independent samples (raised to the sample count of input files)")(
      "float32", po::bool_switch(&float32),
      "compute in float32 instead of float64")(
      "init-v", po::value(&initV)->composing(),
      "NODE=VALUE or NODE=uniform:LO:HI initial membrane (default 0)")(
      "record", po::value(&records)->composing(),
      "NODE[,NODE...]: record state traces (v, i, out) every step")(
      "output-h5", po::value(&out.h5), "write spikes and traces as NIRData")(
      "output-csv", po::value(&out.csvPrefix),
      "write PREFIX_<node>_spikes.csv and PREFIX_<node>_<var>.csv")(
      "vcd", po::value(&out.vcd), "write a VCD of recorded nodes (or spiking)")(
      "vcd-neurons", po::value(&out.vcdNeurons)->default_value(8),
      "neurons per node in the VCD")("plot", po::value(&out.plot),
                                     "write an SVG spike raster")(
      "summary-json", po::value(&summaryJson), "write the summary as JSON")(
      "progress", po::bool_switch(&progress),
      "always show the progress bar (default: on a terminal, runs > 1 s)");
  if (auto code = parseWithPositional(args, opts, "model", input, "run",
                                      "missing the network file"))
    return *code;
  if (steps <= 0 || batch <= 0)
    return usageError("run", "--steps and --batch must be positive", opts);

  Frontend frontend;
  image::Image img = frontend.compile(input, disc);
  engine::Engine eng(img);

  engine::RunConfig config;
  config.steps = steps;
  config.batch = batch;
  config.float32 = float32;
  addInputs(inputs, img, seed, config);
  addInitialStates(initV, img, seed, config);
  out.traced = splitList(records);
  config.traceNodes = out.traced;
  for (const std::string &name : out.traced) {
    std::vector<std::string> names = eng.nodeNames();
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw std::runtime_error("--record: no node '" + name + "'");
  }
  engine::ProgressBar bar("run", progress);
  config.progress = bar.callback();
  engine::RunResult result = eng.run(config);
  bar.finish();

  printSummary(std::cout, result, input);
  if (!summaryJson.empty())
    writeSummaryJson(summaryJson, result, input);
  writeOutputs(result, out, input);
  return 0;
}

} // namespace nmc::driver
