//===- PulseIO.h - Pulse CSV/VCD, rate coding -------------------*- C++ -*-===//
//
// CSV: a header line `wire,time_ps`, then one pulse a line (`in0,12.5`);
// blank lines and lines starting with '#' are skipped. Written sorted by
// time, then wire id, with times printed exactly (fs resolution).
// VCD: timescale 1 fs, one 1-bit wire per recorded netlist wire; a pulse
// is a toggle of the wire (as in the RSFQlib Verilog models, sfq.md §2.7).
// Rate coding: window k = [k W + offset, (k+1) W + offset); c pulses in it
// are placed at k W + offset + j W / c, j = 0..c-1 (one spike per step =
// one pulse at the window's start).
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_PULSEIO_H
#define NMC_TARGET_SFQ_PULSEIO_H

#include "nmc/Target/SFQ/PulseEmulator.h"

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nmc::sfq {

struct NamedPulse {
  std::string wire;
  double timePs = 0;
  int line = 0; ///< in the file, for errors
};

/// Reads a pulse CSV; errors name `origin:line`.
std::vector<NamedPulse> readPulseCsv(std::istream &in,
                                     const std::string &origin);
std::vector<NamedPulse> readPulseCsvFile(const std::string &path);

/// The wire named `name` (a wire name, else a primary input/output name).
std::optional<WireId> findWire(const Netlist &netlist, std::string_view name);

/// Groups pulses per primary input (sorted); errors name `origin:line` for
/// a wire that is not a primary input or is the clock.
std::vector<WirePulses> bindInputPulses(const Netlist &netlist,
                                        const std::vector<NamedPulse> &pulses,
                                        const std::string &origin);

void writePulseCsv(std::ostream &out, const Netlist &netlist,
                   const std::vector<WirePulses> &pulses);
void writePulseVcd(std::ostream &out, const Netlist &netlist,
                   const std::vector<WirePulses> &pulses);

/// `counts[k]` pulses in window k (see the file comment).
std::vector<double> countsToPulses(std::span<const int64_t> counts,
                                   double windowPs, double offsetPs);
/// Pulses per window, windows 0..windows-1; pulses outside are ignored.
std::vector<int64_t> pulsesPerWindow(std::span<const double> timesPs,
                                     double windowPs, double offsetPs,
                                     int64_t windows);

/// ps -> integer fs (the emulator's clock) and back, exactly for 3 decimals.
int64_t toFs(double ps);
inline double toPs(int64_t fs) { return static_cast<double>(fs) / 1000.0; }
/// An exact decimal of `fs` in ps without trailing zeros ("17.1", "5").
std::string formatPs(int64_t fs);

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_PULSEIO_H
