//===- Commands.h - nmc subcommands ----------------------------*- C++ -*-===//
#ifndef NMC_TOOLS_NMC_COMMANDS_H
#define NMC_TOOLS_NMC_COMMANDS_H

#include <stdexcept>
#include <string>
#include <vector>

namespace nmc::driver {

/// Each subcommand parses its own options and returns the process exit code.
using Args = std::vector<std::string>;
int importCommand(const Args &args);
int compileCommand(const Args &args);
int runCommand(const Args &args);
int genCommand(const Args &args);
int targetsCommand(const Args &args);
int compareCommand(const Args &args);
int cosimCommand(const Args &args);

/// A failure whose cause the MLIR diagnostics already printed (one line
/// naming the file and node): main exits 1 without a second line.
struct ReportedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_COMMANDS_H
