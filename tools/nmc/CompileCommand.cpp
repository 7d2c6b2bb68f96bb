//===- CompileCommand.cpp - nmc compile
//------------------------------------===//
#include "Commands.h"
#include "Frontend.h"
#include "Options.h"

#include "nmc/Emulator/ImageIO.h"

#include <fmt/core.h>

#include <iostream>

namespace po = boost::program_options;

namespace nmc::driver {

int compileCommand(const Args &args) {
  std::string input, output;
  SNNLoweringOptions disc;
  po::options_description opts(
      "nmc compile MODEL.nir -o MODEL.nmcimg [options]\n\n"
      "Compiles a network for the reference engine: inlines nested graphs,\n"
      "infers shapes, discretizes neurons with step --dt, and writes the\n"
      "engine image (HDF5, docs/image-format.md).\n\nOptions");
  opts.add_options()("help,h", "show this help")(
      "output,o", po::value(&output), "image file to write (required)");
  addDiscretizeOptions(opts, disc);
  if (auto code = parseWithPositional(args, opts, "input", input, "compile",
                                      "missing the network file"))
    return *code;
  if (output.empty())
    return usageError("compile", "missing -o OUTPUT", opts);

  Frontend frontend;
  image::Image img = frontend.compile(input, disc);
  std::string error;
  if (!image::writeImage(output, img, error)) {
    std::cerr << "nmc compile: error: " << error << "\n";
    return 1;
  }
  fmt::print("wrote {} ({} nodes, dt {}, {})\n", output, img.nodes.size(),
             img.dt, img.method);
  return 0;
}

} // namespace nmc::driver
