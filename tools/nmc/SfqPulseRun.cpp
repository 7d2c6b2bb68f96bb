//===- SfqPulseRun.cpp - nmc run --target sfq CIRCUIT --pulses IN.csv ----===//
//
// The sfq target's own run mode: no steps, no spike sources; a circuit (or
// a network compiled to one) is driven by the pulses of a CSV and its
// recorded pulses are written as CSV `wire,time_ps` (standard output unless
// --pulses-out), optionally as a VCD (--vcd), followed by the report.
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Frontend.h"
#include "SfqTarget.h"

#include "nmc/Sim/OutputFile.h"
#include "nmc/Sim/Report.h"
#include "nmc/Target/SFQ/PulseIO.h"
#include "nmc/Target/SFQ/SfqReport.h"
#include "nmc/Target/SFQ/Timing.h"

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>

namespace po = boost::program_options;

namespace nmc::driver {
namespace {

/// Options of the step-based network run, meaningless with --pulses.
constexpr const char *kNetworkOptions[] = {
    "steps",  "duration",   "input",     "batch", "init-v",
    "record", "output-csv", "output-h5", "plot",  "record-neurons"};

bool given(const po::variables_map &vm, const char *name) {
  return vm.count(name) && !vm[name].defaulted();
}

std::vector<sfq::WireId> recordedWires(const sfq::Netlist &netlist,
                                       const std::string &list) {
  std::vector<std::string> names;
  boost::split(names, list, boost::is_any_of(","));
  std::vector<sfq::WireId> wires;
  for (const std::string &name : names) {
    if (name.empty())
      continue;
    std::optional<sfq::WireId> w = sfq::findWire(netlist, name);
    if (!w)
      throw std::runtime_error("--record-wires: no wire '" + name +
                               "' in the circuit");
    wires.push_back(*w);
  }
  return wires;
}

void writeFile(const std::string &path,
               const std::function<void(std::ostream &)> &write) {
  std::ofstream out(path);
  write(out);
  if (!out.flush())
    throw std::runtime_error("cannot write '" + path + "'");
}

} // namespace

std::optional<int> runSfqPulses(const std::string &input,
                                const po::variables_map &vm,
                                const SNNLoweringOptions &options) {
  const SfqSettings &s = sfqSettings();
  if (s.pulses.empty())
    return std::nullopt;
  for (const char *option : kNetworkOptions)
    if (given(vm, option))
      throw std::runtime_error(std::string("--") + option +
                               " belongs to a network run (--steps, "
                               "--input); --pulses runs the circuit pulse by "
                               "pulse");
  checkTargetOptions(vm, "sfq");
  if (isImageFile(input))
    throw std::runtime_error(input + ": --pulses runs an sfq circuit (.mlir) "
                                     "or a network, not an HDF5 image");
  const std::string summaryJson =
      vm.count("summary-json") ? vm["summary-json"].as<std::string>() : "";
  const std::string vcd = vm.count("vcd") ? vm["vcd"].as<std::string>() : "";
  for (const std::string &path : {summaryJson, vcd, s.pulsesOut})
    if (!path.empty())
      sim::checkWritable(path);

  const auto setupStart = std::chrono::steady_clock::now();
  const image::LoadedImage img = loadImageOrModel(input, "sfq", true, options);
  const sfq::Netlist &netlist = sfqPayload(img).netlist;
  const sfq::CellLibrary library = commandLineCellLibrary();
  const sfq::PulseEmulator emulator(netlist, library);
  const std::vector<sfq::WirePulses> pulses =
      sfq::bindInputPulses(netlist, sfq::readPulseCsvFile(s.pulses), s.pulses);
  sfq::RunOptions run;
  run.strict = s.strict;
  run.jitter = s.jitter;
  run.seed = vm["seed"].as<uint64_t>();
  if (vm.count("duration-ps")) {
    if (!(s.durationPs > 0 && s.durationPs <= 1e15))
      throw std::runtime_error("--duration-ps " + std::to_string(s.durationPs) +
                               ": expected a time in (0, 1e15] ps");
    run.endPs = s.durationPs;
  }
  if (s.recordWires == "all")
    run.recordAll = true;
  else if (!s.recordWires.empty())
    run.record = recordedWires(netlist, s.recordWires);
  const double setupSeconds = std::chrono::duration<double>(
                                  std::chrono::steady_clock::now() - setupStart)
                                  .count();

  const auto start = std::chrono::steady_clock::now();
  const sfq::RunResult result = emulator.run(pulses, run);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  // Primary outputs are written under their port names ("sum", not
  // "dff3.q"); other wires under their wire names.
  sfq::Netlist named = netlist;
  for (const sfq::Port &p : netlist.outputs)
    if (!sfq::findWire(netlist, p.name) ||
        *sfq::findWire(netlist, p.name) == p.wire)
      named.wires[p.wire].name = p.name;
  if (s.pulsesOut.empty())
    sfq::writePulseCsv(std::cout, named, result.pulses);
  else
    writeFile(s.pulsesOut, [&](std::ostream &out) {
      sfq::writePulseCsv(out, named, result.pulses);
    });
  if (!vcd.empty())
    writeFile(vcd, [&](std::ostream &out) {
      sfq::writePulseVcd(out, named, result.pulses);
    });

  sim::Report report{"nmc run: " + input, {}};
  report.section("run")
      .add("target", std::string("sfq"))
      .add("mode", std::string("pulses"), sim::Unit::None,
           "driven by " + s.pulses)
      .add("compile", setupSeconds, sim::Unit::Seconds,
           "import, legalization, emulator setup")
      .add("wall", wall, sim::Unit::Seconds, "the emulation")
      .add("events_per_s",
           double(result.counters.cellEvents) / std::max(wall, 1e-12),
           sim::Unit::PerSecond, "cell events per second");
  sfq::RunTotals totals;
  totals.add(result, result.counters.endPs);
  sfq::addSfqReport(report, netlist, library, totals,
                    sfq::analyzeClock(netlist, library));
  if (s.pulsesOut.empty())
    std::cout << "\n"; // the pulses above, the report below
  sim::printText(std::cout, report);
  if (!summaryJson.empty())
    sim::writeJson(summaryJson, report);
  if (!s.pulsesOut.empty())
    std::cout << "wrote " << s.pulsesOut << "\n";
  if (!vcd.empty())
    std::cout << "wrote " << vcd << "\n";
  if (result.stoppedAtViolation) {
    std::cerr << "nmc run: error: --strict: "
              << sfq::describe(netlist, result.violations.front()) << "\n";
    return 1;
  }
  return 0;
}

} // namespace nmc::driver
