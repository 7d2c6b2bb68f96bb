//===- RunInputs.h - `nmc run` input and initial-state specs -----*- C++
//-*-===//
#ifndef NMC_TOOLS_NMC_RUNINPUTS_H
#define NMC_TOOLS_NMC_RUNINPUTS_H

#include "nmc/Emulator/Engine.h"
#include "nmc/Emulator/Image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::driver {

/// Applies every `--input [NODE=]SOURCE` spec to `config` (see
/// docs/user-guide.md): poisson:RATE, bernoulli:RATE, FILE.csv, FILE.h5.
/// Raises config.batch to the number of samples a file holds. Throws with a
/// message naming the spec, node or file at fault.
void addInputs(const std::vector<std::string> &specs, const image::Image &image,
               uint64_t seed, engine::RunConfig &config);

/// Applies `--init-v NODE=VALUE` or `NODE=uniform:LO:HI` (seeded).
void addInitialStates(const std::vector<std::string> &specs,
                      const image::Image &image, uint64_t seed,
                      engine::RunConfig &config);

/// Number of elements of a node's output.
int64_t nodeSize(const image::Node &node);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_RUNINPUTS_H
