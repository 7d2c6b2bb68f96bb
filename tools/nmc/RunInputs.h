//===- RunInputs.h - `nmc run` input and initial-state specs ---*- C++ -*-===//
#ifndef NMC_TOOLS_NMC_RUNINPUTS_H
#define NMC_TOOLS_NMC_RUNINPUTS_H

#include "nmc/Image/Header.h"
#include "nmc/Sim/Simulator.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::driver {

/// Applies every `--input [NODE=]SOURCE` spec to `config` (see
/// docs/user-guide.md): poisson:RATE, bernoulli:RATE, FILE.csv, FILE.h5.
/// Raises config.batch to the number of samples a file holds. Throws with a
/// message naming the spec, node or file at fault.
void addInputs(const std::vector<std::string> &specs,
               const image::Header &image, uint64_t seed,
               sim::RunConfig &config);

/// Applies `--init-v NODE=VALUE` or `NODE=uniform:LO:HI` (seeded).
void addInitialStates(const std::vector<std::string> &specs,
                      const std::vector<sim::NodeInfo> &nodes, uint64_t seed,
                      sim::RunConfig &config);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_RUNINPUTS_H
