//===- Targets.cpp - The table of targets --------------------------------===//
#include "Targets.h"

#include <stdexcept>

namespace po = boost::program_options;

namespace nmc::driver {

const std::vector<Target> &targets() {
  static const std::vector<Target> table = {referenceTarget()};
  return table;
}

const Target &findTarget(const std::string &name) {
  std::string names;
  for (const Target &t : targets()) {
    if (name == t.name)
      return t;
    names += (names.empty() ? "" : ", ") + std::string(t.name);
  }
  throw std::runtime_error("unknown target '" + name + "' (valid targets: " +
                           names + "; `nmc targets` describes them)");
}

void addTargetOptions(po::options_description &opts, std::string &target) {
  opts.add_options()(
      "target,t", po::value(&target)->default_value(targets().front().name),
      "target to compile for (`nmc targets` lists them)");
  for (const Target &t : targets()) {
    po::options_description own(std::string("Options of target ") + t.name);
    t.addOptions(own);
    if (!own.options().empty())
      opts.add(own);
  }
}

} // namespace nmc::driver
