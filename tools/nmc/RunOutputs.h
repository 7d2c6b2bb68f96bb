//===- RunOutputs.h - Files written by `nmc run` -----------------*- C++
//-*-===//
#ifndef NMC_TOOLS_NMC_RUNOUTPUTS_H
#define NMC_TOOLS_NMC_RUNOUTPUTS_H

#include "nmc/Emulator/Engine.h"

#include <string>
#include <vector>

namespace nmc::driver {

struct OutputRequest {
  std::string h5, csvPrefix, vcd, plot;
  std::vector<std::string> traced; ///< nodes with recorded traces
  int64_t vcdNeurons = 8;
};

/// Writes every requested file; throws naming the file at fault.
void writeOutputs(const engine::RunResult &result, const OutputRequest &req,
                  const std::string &title);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_RUNOUTPUTS_H
