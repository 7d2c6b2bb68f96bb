//===- Vcd.h - Value change dump of chosen neurons --------------*- C++ -*-===//
//
// Writes spikes and recorded state of a few neurons as a VCD file (IEEE 1364
// §18) for GTKWave & co. One `$scope module` per node; per chosen neuron a
// 1-bit wire `spike_<i>` (spiking nodes; high during the step of a spike)
// and `real` variables `<var>_<i>` for every trace recorded for the node
// (v, i, and out unless it is a spike train: add the node to
// RunConfig::traceNodes). The timescale is the
// coarsest 1/10/100 s..fs unit that divides dt (dt taken in seconds).
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_VCD_H
#define NMC_EMULATOR_VCD_H

#include "nmc/Emulator/Engine.h"

#include <string>
#include <vector>

namespace nmc::engine {

struct VcdProbe {
  std::string node;
  std::vector<int64_t> neurons; ///< flat indices; empty = the first 8
};

struct VcdOptions {
  std::vector<VcdProbe> probes;
  int64_t sample = 0;
};

/// Writes `path`; throws naming the node or file at fault.
void writeVcd(const std::string &path, const RunResult &run,
              const VcdOptions &options);

/// The timescale chosen for `dt` seconds, e.g. {"100 us", 1} for 1e-4:
/// unit text and ticks per step.
std::pair<std::string, int64_t> vcdTimescale(double dt);

} // namespace nmc::engine

#endif // NMC_EMULATOR_VCD_H
