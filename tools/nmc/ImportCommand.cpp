//===- ImportCommand.cpp - nmc import -------------------------------------===//
#include "Commands.h"
#include "Frontend.h"
#include "Options.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <iostream>

namespace po = boost::program_options;

namespace nmc::driver {

int importCommand(const Args &args) {
  std::string input, output;
  po::options_description opts(
      "nmc import MODEL.nir [-o OUT.mlir]\n\n"
      "Reads a NIR file (any version, nested graphs, compressed or not),\n"
      "checks it and prints the snn dialect module.\n\nOptions");
  opts.add_options()("help,h", "show this help")(
      "output,o", po::value(&output)->default_value("-"),
      "output file ('-' = standard output)");
  if (auto code = parseWithPositional(args, opts, "input", input, "import",
                                      "missing the NIR file to import"))
    return *code;

  Frontend frontend;
  auto module = frontend.load(input);
  if (!module)
    return 1;
  std::error_code ec;
  llvm::raw_fd_ostream os(output, ec);
  if (ec) {
    std::cerr << "nmc import: error: cannot write '" << output
              << "': " << ec.message() << "\n";
    return 1;
  }
  module->print(os);
  return 0;
}

} // namespace nmc::driver
