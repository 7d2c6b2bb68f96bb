//===- main.cpp - nmc-sfq-export: sfq circuit -> Verilog / SPICE ----------===//
//
// Reads a circuit in the sfq textual format, optionally legalizes it, and
// writes structural Verilog (+ a testbench driven by a pulse CSV) and/or a
// JoSIM-style SPICE deck. docs/targets/sfq.md, "Export".
//===----------------------------------------------------------------------===//
#include "LoadCircuit.h"

#include "nmc/Target/SFQ/PulseIO.h"
#include "nmc/Target/SFQ/SpiceExport.h"
#include "nmc/Target/SFQ/VerilogExport.h"

#include <boost/program_options.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;
using namespace nmc::sfq;

namespace {

const char *kUsage =
    "usage: nmc-sfq-export CIRCUIT.mlir [options]\n"
    "\n"
    "Exports an sfq circuit (the hand-written circuit format, or the output "
    "of\n"
    "nmc-opt -convert-snn-to-sfq) as structural Verilog with behavioural "
    "cell\n"
    "models (Icarus Verilog: iverilog -g2005 out.v tb.v && vvp a.out) and/or "
    "as a\n"
    "JoSIM deck of cell instances. Both carry the cell library's numbers; "
    "see\n"
    "docs/targets/sfq.md, \"Export\", for what each models.\n";

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary);
  if (!out || !(out << text) || !(out.flush()))
    throw std::runtime_error("cannot write '" + path + "'");
}

struct Args {
  std::string input, circuit, cells, verilog, testbench, spice, pulses;
  std::vector<std::string> cellSets;
  bool legalize = false;
  double periodPs = 50, endPs = std::nan("");
  uint64_t seed = 1;
  int drainCycles = 16;
};

/// Returns false after printing --help or an error.
bool parseArgs(int argc, char **argv, Args &a, int &exitCode) {
  po::options_description opts("options");
  opts.add_options()("help,h", "this help")(
      "circuit", po::value(&a.circuit),
      "the sfq.circuit to export (default: the only one)")(
      "legalize", po::bool_switch(&a.legalize),
      "run sfq-legalize first (splitters, mergers, path balancing, clock "
      "tree)")("period-ps", po::value(&a.periodPs)->default_value(50),
               "with --legalize: period of a clock it creates")(
      "cells", po::value(&a.cells),
      "cell library JSON applied on top of the built-in one")(
      "cell-set", po::value(&a.cellSets)->composing(),
      "override one library key, e.g. jtl.delay_ps=3.5 (repeatable)")(
      "verilog", po::value(&a.verilog), "write the Verilog netlist here")(
      "testbench", po::value(&a.testbench),
      "write a Verilog testbench here (drives --pulses and the clock)")(
      "spice", po::value(&a.spice), "write the JoSIM deck here")(
      "pulses", po::value(&a.pulses),
      "input pulses, CSV `wire,time_ps` (testbench and SPICE sources)")(
      "seed", po::value(&a.seed)->default_value(1),
      "synapse RNG seed (the testbench's SEED default), as nmc's emulator")(
      "end-ps", po::value(&a.endPs),
      "last driven time; default: last input + drain-cycles clock periods "
      "(clocked), the emulator's last pulse (unclocked SPICE), none "
      "(unclocked Verilog)")("drain-cycles",
                             po::value(&a.drainCycles)->default_value(16),
                             "clock periods after the last input pulse");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&a.input));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("input", 1);
  po::variables_map vm;
  po::store(
      po::command_line_parser(argc, argv).options(all).positional(pos).run(),
      vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << opts;
    exitCode = 0;
    return false;
  }
  if (a.input.empty())
    throw std::runtime_error("no circuit file (see --help)");
  if (a.verilog.empty() && a.testbench.empty() && a.spice.empty())
    throw std::runtime_error(
        "nothing to write: give --verilog, --testbench or --spice");
  return true;
}

int run(const Args &a) {
  auto loaded =
      nmc::tools::loadCircuit(a.input, a.circuit, a.legalize, a.periodPs);
  if (!loaded)
    return 1;
  const Netlist &n = loaded->netlist;
  CellLibrary lib =
      a.cells.empty() ? defaultCellLibrary() : loadCellLibrary(a.cells);
  for (const std::string &s : a.cellSets)
    applyCellSetting(lib, s);
  validate(lib);
  std::vector<WirePulses> inputs;
  if (!a.pulses.empty())
    inputs = bindInputPulses(n, readPulseCsvFile(a.pulses), a.pulses);

  if (!a.verilog.empty()) {
    std::ostringstream out;
    writeVerilog(out, n, lib, {loaded->name});
    writeFile(a.verilog, out.str());
  }
  if (!a.testbench.empty()) {
    std::ostringstream out;
    TestbenchOptions tb;
    tb.top = loaded->name;
    tb.seed = a.seed;
    tb.endPs = a.endPs;
    tb.drainCycles = a.drainCycles;
    writeVerilogTestbench(out, n, inputs, tb);
    writeFile(a.testbench, out.str());
  }
  if (!a.spice.empty()) {
    SpiceOptions sp;
    sp.title = loaded->name + " (" + a.input + ")";
    sp.endPs = a.endPs;
    sp.drainCycles = a.drainCycles;
    if (!n.clock && std::isnan(sp.endPs)) {
      // An unclocked run ends with its last pulse: ask the emulator.
      RunOptions ro;
      ro.seed = a.seed;
      sp.endPs = PulseEmulator(n, lib).run(inputs, ro).counters.endPs;
    }
    std::ostringstream out;
    writeSpice(out, n, lib, inputs, sp);
    writeFile(a.spice, out.str());
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    Args a;
    int exitCode = 0;
    if (!parseArgs(argc, argv, a, exitCode))
      return exitCode;
    return run(a);
  } catch (const std::exception &e) {
    std::cerr << "nmc-sfq-export: error: " << e.what() << "\n";
    return 1;
  }
}
