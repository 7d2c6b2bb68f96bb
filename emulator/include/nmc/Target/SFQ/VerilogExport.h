//===- VerilogExport.h - SFQ netlist -> behavioural Verilog ------*- C++
//-*-===//
//
// Writes a Netlist as structural Verilog for Icarus Verilog: one behavioural
// module per cell kind used, generated from the cell library's FSM (so it
// has the emulator's delays, busy windows, setup checks, priorities and
// gates), and a top module wiring the cells. A pulse is a toggle of a wire
// (the RSFQlib Verilog convention, ../shared/reference/sfq.md §2.7). Times
// are integer femtoseconds (`timescale 1fs/1fs`), as in the emulator, so
// the two agree exactly. A generated testbench drives the primary inputs
// and the clock and writes output pulses as a `wire,time_ps` CSV.
// docs/targets/sfq.md, "Export".
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_VERILOGEXPORT_H
#define NMC_TARGET_SFQ_VERILOGEXPORT_H

#include "nmc/Target/SFQ/CellLibrary.h"
#include "nmc/Target/SFQ/PulseEmulator.h"

#include <cmath>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace nmc::sfq {

struct VerilogOptions {
  std::string top = "sfq_top"; ///< name of the netlist's module
};

/// Cell modules `sfq_<kind>` (kinds used only) and the top module. Throws
/// std::runtime_error naming the cell, wire or kind when the netlist does
/// not check, a name cannot be a Verilog identifier, two top-level names
/// clash, or a cell kind fires one output after two different delays.
void writeVerilog(std::ostream &out, const Netlist &netlist,
                  const CellLibrary &library, const VerilogOptions &options);

struct TestbenchOptions {
  std::string top = "sfq_top"; ///< the module under test
  uint64_t seed = 1;           ///< default of the SEED parameter (synapses)
  /// As RunOptions::endPs / drainCycles: pulses after the end are not
  /// driven or recorded; NaN and unclocked = run until no pulse is left.
  double endPs = std::nan("");
  int drainCycles = 16;
  std::string outPath = "pulses.csv"; ///< default; `+out=<path>` overrides
};

/// A testbench module `<top>_tb` driving `inputs` (pulses per primary input,
/// as for PulseEmulator::run) and the clock. Throws naming the wire for
/// two pulses at one time on one input (one toggle cannot carry them).
void writeVerilogTestbench(std::ostream &out, const Netlist &netlist,
                           const std::vector<WirePulses> &inputs,
                           const TestbenchOptions &options);

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_VERILOGEXPORT_H
