//===- TargetsCommand.cpp - nmc targets ----------------------------------===//
#include "Commands.h"
#include "Options.h"
#include "Targets.h"

#include <fmt/core.h>

#include <iostream>

namespace po = boost::program_options;

namespace nmc::driver {

int targetsCommand(const Args &args) {
  po::options_description opts("nmc targets\n\n"
                               "Lists the targets `nmc compile` and `nmc run` "
                               "accept, with their options.\n\nOptions");
  opts.add_options()("help,h", "show this help");
  po::variables_map vm;
  if (!parseCommandLine(args, opts, po::options_description(), {}, vm))
    return vm.count("help") ? 0 : 2;
  for (const Target &t : targets()) {
    fmt::print("{:<18} {}\n", t.name, t.description);
    po::options_description own("");
    t.addOptions(own);
    for (const auto &option : own.options())
      fmt::print("{:<18}   {:<16} {}\n", "", option->format_name(),
                 option->description());
  }
  return 0;
}

} // namespace nmc::driver
