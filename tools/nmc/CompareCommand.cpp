//===- CompareCommand.cpp - nmc compare -------------------------*- C++ -*-===//
#include "Commands.h"
#include "Options.h"

#include "nmc/Sim/Compare.h"

#include <cmath>
#include <iostream>

namespace po = boost::program_options;

namespace nmc::driver {

int compareCommand(const Args &args) {
  std::string runA, runB, json, outputLayer;
  double tau = 10, dt = 0;
  po::options_description opts(
      "nmc compare RUN_A RUN_B [options]\n\n"
      "Compares the outputs of two runs node by node: spikes at the same\n"
      "step, spike-count correlation, van Rossum distance, trace errors and\n"
      "argmax agreement. A run is a NIRData file (nmc run --output-h5) or a\n"
      "CSV prefix (nmc run --output-csv PREFIX). Differences are not errors\n"
      "(exit 0). See docs/user-guide.md.\n\nOptions");
  opts.add_options()("help,h", "show this help")(
      "tau", po::value(&tau)->default_value(10),
      "van Rossum time constant, in steps")(
      "output-layer", po::value(&outputLayer),
      "node whose argmax agreement the summary reports")(
      "dt", po::value(&dt),
      "time step of the runs, to turn NIRData spike times into steps "
      "(default: the dt of a trace in the file)")(
      "json", po::value(&json), "also write the report as JSON to FILE");
  po::options_description hidden;
  hidden.add_options()("run-a", po::value(&runA))("run-b", po::value(&runB));
  po::variables_map vm;
  if (!parseCommandLine(args, opts, hidden, {"run-a", "run-b"}, vm))
    return vm.count("help") ? 0 : 2;
  if (runA.empty() || runB.empty())
    return usageError("compare", "expected two runs RUN_A RUN_B", opts);
  if (!(tau > 0) || !std::isfinite(tau))
    return usageError("compare", "--tau must be a positive number of steps",
                      opts);
  if (vm.count("dt") && (!(dt > 0) || !std::isfinite(dt)))
    return usageError("compare", "--dt must be positive", opts);

  std::optional<double> stepDt;
  if (vm.count("dt"))
    stepDt = dt;
  sim::Report report =
      sim::compareRuns(sim::readRun(runA, stepDt), sim::readRun(runB, stepDt),
                       {tau, outputLayer});
  sim::printText(std::cout, report);
  if (!json.empty())
    sim::writeJson(json, report);
  return 0;
}

} // namespace nmc::driver
