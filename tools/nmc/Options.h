//===- Options.h - Shared command-line helpers -----------------*- C++ -*-===//
#ifndef NMC_TOOLS_NMC_OPTIONS_H
#define NMC_TOOLS_NMC_OPTIONS_H

#include "Commands.h"
#include "nmc/Pipelines/Pipelines.h"

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <vector>

namespace nmc::driver {

/// Parses `args`; prints help (when --help) or the error and returns false.
/// `positional` names hidden options that take positional arguments in turn.
bool parseCommandLine(
    const Args &args,
    const boost::program_options::options_description &visible,
    const boost::program_options::options_description &hidden,
    const std::vector<std::string> &positional,
    boost::program_options::variables_map &vm);

/// Parses a command whose one positional argument (`positional`, e.g. the
/// network file) lands in `value`. Returns the exit code to return right
/// away (0 after --help, 2 on a bad command line or a missing argument,
/// reported as `missing`), or nullopt to go on.
/// `vm`, if given, receives the parsed values (e.g. to ask defaulted()).
std::optional<int>
parseWithPositional(const Args &args,
                    const boost::program_options::options_description &opts,
                    const std::string &positional, std::string &value,
                    const std::string &command, const std::string &missing,
                    boost::program_options::variables_map *vm = nullptr);


/// Prints "nmc CMD: error: MSG" and the options; returns 2.
int usageError(const std::string &command, const std::string &message,
               const boost::program_options::options_description &opts);

/// Adds --dt/--method/--reset to `opts`, bound to `options`.
void addDiscretizeOptions(boost::program_options::options_description &opts,
                          SNNLoweringOptions &options);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_OPTIONS_H
