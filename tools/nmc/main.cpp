//===- main.cpp - nmc: compile and run spiking networks -------------------===//
#include "Commands.h"

#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <new>

namespace {

const char *kUsage = R"(nmc - neuromorphic compiler and emulator

Usage: nmc <command> [options]

Commands:
  import   read a NIR file and print it as snn MLIR
  compile  compile a network for a target into an image file
  run      run an image, or compile a network and run it
  targets  list the targets and their options
  gen      write benchmark networks (cuba, brunel) as NIR files
  compare  compare the outputs of two runs (spikes, traces, argmax)
  cosim    run a network on the xbar emulator and the verilated RTL in
           lockstep and compare them (needs Verilator)

Run `nmc <command> --help` for the options of a command;
`nmc --version` prints the version.
Formats and flags are documented in docs/ (user-guide.md).
)";

} // namespace

int main(int argc, char **argv) {
  using namespace nmc::driver;
  const std::map<std::string, int (*)(const Args &)> commands = {
      {"import", importCommand},   {"compile", compileCommand},
      {"run", runCommand},         {"gen", genCommand},
      {"targets", targetsCommand}, {"compare", compareCommand},
      {"cosim", cosimCommand}};
  if (argc >= 2 && !std::strcmp(argv[1], "--version")) {
    std::cout << "nmc " NMC_VERSION " (MLIR " NMC_MLIR_VERSION ")\n";
    return 0;
  }
  if (argc < 2 || !std::strcmp(argv[1], "--help") ||
      !std::strcmp(argv[1], "-h")) {
    std::cout << kUsage;
    return argc < 2 ? 1 : 0;
  }
  auto it = commands.find(argv[1]);
  if (it == commands.end()) {
    std::cerr << "nmc: unknown command '" << argv[1] << "'\n\n" << kUsage;
    return 2;
  }
  Args args(argv + 2, argv + argc);
  try {
    return it->second(args);
  } catch (const ReportedError &) {
    return 1;
  } catch (const std::bad_alloc &) {
    std::cerr << "nmc " << argv[1]
              << ": error: out of memory (the network, its recorded traces "
                 "or its spikes need more memory than this machine has)\n";
    return 1;
  } catch (const std::exception &e) {
    std::cerr << "nmc " << argv[1] << ": error: " << e.what() << "\n";
    return 1;
  }
}
