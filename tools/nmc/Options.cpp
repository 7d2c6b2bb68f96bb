//===- Options.cpp - Shared command-line helpers --------------------------===//
#include "Options.h"

#include "nmc/IO/H5Guard.h"

#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace po = boost::program_options;

namespace nmc::driver {

bool parseCommandLine(const Args &args, const po::options_description &visible,
                      const po::options_description &hidden,
                      const std::vector<std::string> &positional,
                      po::variables_map &vm) {
  // Every command takes --trusted-input: the ones that read no HDF5 file
  // ignore it, so one spelling works everywhere.
  bool trusted = false;
  po::options_description common("Input files");
  common.add_options()(
      "trusted-input", po::bool_switch(&trusted),
      "read HDF5 inputs (NIR, NIRData, images) directly, without first "
      "checking them in a child process for libhdf5 crashes (also: "
      "NMC_TRUSTED_INPUT=1)");
  po::options_description all;
  all.add(visible).add(common).add(hidden);
  po::positional_options_description pos;
  for (const std::string &name : positional)
    pos.add(name.c_str(), 1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(),
              vm);
    if (vm.count("help")) {
      std::cout << visible << "\n" << common << "\n";
      return false;
    }
    po::notify(vm);
    if (trusted)
      io::setTrustedInput(true);
  } catch (const po::error &e) {
    std::cerr << "error: " << e.what() << "\n\n" << visible << "\n";
    return false;
  }
  return true;
}

std::optional<int>
parseWithPositional(const Args &args, const po::options_description &opts,
                    const std::string &positional, std::string &value,
                    const std::string &command, const std::string &missing,
                    po::variables_map *out) {
  po::options_description hidden;
  hidden.add_options()(positional.c_str(), po::value(&value));
  po::variables_map local;
  po::variables_map &vm = out ? *out : local;
  if (!parseCommandLine(args, opts, hidden, {positional}, vm))
    return vm.count("help") ? 0 : 2;
  if (value.empty())
    return usageError(command, missing, opts);
  return std::nullopt;
}

int usageError(const std::string &command, const std::string &message,
               const po::options_description &opts) {
  std::cerr << "nmc " << command << ": error: " << message << "\n\n"
            << opts << "\n";
  return 2;
}

void addDiscretizeOptions(po::options_description &opts,
                          SNNLoweringOptions &options) {
  // Names are the snn enums' strings; a bad one fails like any bad value.
  auto enumValue = [](auto &field, const char *option) {
    using Enum = std::decay_t<decltype(field)>;
    return po::value<std::string>()
        ->default_value(snn::stringifyEnum(field).str())
        ->notifier([&field, option](const std::string &name) {
          std::optional<Enum> value = snn::symbolizeEnum<Enum>(name);
          if (!value) {
            po::invalid_option_value error(name);
            error.set_option_name(option);
            throw error;
          }
          field = *value;
        });
  };
  std::ostringstream dt;
  dt << options.dt;
  opts.add_options()(
      "dt", po::value(&options.dt)->default_value(options.dt, dt.str()),
      "time step, in the network's time unit (NIR paper graphs: seconds)")(
      "method", enumValue(options.method, "--method"),
      "neuron integration: euler (as NIR's reference) | exact")(
      "reset", enumValue(options.reset, "--reset"),
      "reset on spike: value (v = v_reset) | subtract (v -= v_threshold)");
}

} // namespace nmc::driver
