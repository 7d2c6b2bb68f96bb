//===- Targets.cpp - The table of targets --------------------------------===//
#include "Targets.h"

#include <stdexcept>

namespace po = boost::program_options;

namespace nmc::driver {

const std::vector<Target> &targets() {
  static const std::vector<Target> table = {
      referenceTarget(), referenceFixedTarget(), xbarTarget(), sfqTarget(),
      spinnakerTarget()};
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
  opts.add_options()("target,t",
                     po::value(&target)->default_value(targets().front().name),
                     "target to compile for (`nmc targets` lists them)");
  for (const Target &t : targets()) {
    po::options_description own(std::string("Options of target ") + t.name);
    t.addOptions(own);
    if (!own.options().empty())
      opts.add(own);
  }
}

static const Target *selectedByOption(const po::variables_map &vm) {
  for (const Target &t : targets())
    if (t.selectedBy && vm.count(t.selectedBy) && !vm[t.selectedBy].defaulted())
      return &t;
  return nullptr;
}

std::string chosenTarget(const po::variables_map &vm) {
  const Target *selected = selectedByOption(vm);
  const bool explicitTarget = vm.count("target") && !vm["target"].defaulted();
  std::string target = vm["target"].as<std::string>();
  if (selected && explicitTarget && target != selected->name)
    throw std::runtime_error("--" + std::string(selected->selectedBy) +
                             " is an option of target '" + selected->name +
                             "', not of --target " + target);
  return selected && !explicitTarget ? selected->name : target;
}

void checkTargetOptions(const po::variables_map &vm,
                        const std::string &target) {
  for (const Target &t : targets()) {
    if (target == t.name)
      continue;
    po::options_description own;
    t.addOptions(own);
    for (const auto &option : own.options()) {
      const std::string &name = option->long_name();
      if (vm.count(name) && !vm[name].defaulted())
        throw std::runtime_error("--" + name + " is an option of target '" +
                                 t.name + "', not of target '" + target +
                                 "' (use --target " + t.name + ")");
    }
  }
}

bool targetGiven(const po::variables_map &vm) {
  return (vm.count("target") && !vm["target"].defaulted()) ||
         selectedByOption(vm);
}

} // namespace nmc::driver
