//===- CompileCommand.cpp - nmc compile ----------------------------------===//
#include "Commands.h"
#include "Frontend.h"
#include "Options.h"
#include "StageTiming.h"
#include "Targets.h"

#include <fmt/core.h>

#include <iostream>

namespace po = boost::program_options;

namespace nmc::driver {

int compileCommand(const Args &args) {
  std::string input, output, target;
  SNNLoweringOptions disc;
  bool timing = false;
  po::options_description opts(
      "nmc compile MODEL.nir -o MODEL.h5 [--target T] [options]\n\n"
      "Compiles a network for a target (`nmc targets` lists them): inlines\n"
      "nested graphs, infers shapes, discretizes neurons with step --dt,\n"
      "runs the target's passes, and writes its image (HDF5,\n"
      "docs/image-format.md), which `nmc run IMAGE` runs.\n\nOptions");
  opts.add_options()("help,h", "show this help")(
      "output,o", po::value(&output), "image file to write (required)")(
      "timing", po::bool_switch(&timing),
      "print seconds and peak resident memory per stage (every pass of "
      "the spinnaker pipeline; the whole compile for other targets)");
  addDiscretizeOptions(opts, disc);
  addTargetOptions(opts, target);
  po::variables_map vm;
  if (auto code = parseWithPositional(args, opts, "input", input, "compile",
                                      "missing the network file", &vm))
    return *code;
  target = chosenTarget(vm);
  checkTargetOptions(vm, target);
  if (output.empty())
    return usageError("compile", "missing -o OUTPUT", opts);
  const Target &t = findTarget(target);
  if (isImageFile(input))
    throw std::runtime_error(input + ": is already an nmc image; compile "
                                     "the model (.nir, .mlir) instead");
  if (timing)
    StageTiming::get().enable();
  image::LoadedImage img = loadImageOrModel(input, target, true, disc);
  StageTiming::get().mark("compile");
  t.write(img, output);
  StageTiming::get().mark("write image");
  fmt::print("wrote {} (target {}, {} inputs, {} outputs, dt {})\n", output,
             img.header.target, img.header.inputs.size(),
             img.header.outputs.size(), img.header.dt);
  std::fflush(stdout);
  StageTiming::get().print(std::cout);
  return 0;
}

} // namespace nmc::driver
