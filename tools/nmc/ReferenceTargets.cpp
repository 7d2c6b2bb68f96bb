//===- ReferenceTargets.cpp - The reference engine as a target -----------===//
#include "Frontend.h"
#include "Targets.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Emulator/ImageIO.h"

#include <stdexcept>

namespace po = boost::program_options;

namespace nmc::driver {
namespace {

engine::SimulatorOptions referenceOptions;

void addReferenceOptions(po::options_description &opts) {
  opts.add_options()("float32", po::bool_switch(&referenceOptions.float32),
                     "compute in float32 instead of float64");
}

image::LoadedImage compileReference(mlir::ModuleOp module,
                                    const CompileOptions &options,
                                    const std::string &source,
                                    std::shared_ptr<const void> contextOwner) {
  auto payload = std::make_shared<image::ReferencePayload>();
  image::Image &img = payload->image;
  img = lowerToReferenceImage(module, options, source, std::move(contextOwner));
  img.target = "reference";
  image::LoadedImage out;
  out.header = image::makeHeader(img);
  out.payload = std::move(payload);
  return out;
}

const image::Image &referenceImage(const image::LoadedImage &loaded) {
  const auto *payload = loaded.as<image::ReferencePayload>();
  if (!payload)
    throw std::runtime_error("image of format '" + loaded.header.format +
                             "' cannot run on the reference engine");
  return payload->image;
}

void writeReference(const image::LoadedImage &loaded, const std::string &path) {
  std::string error;
  if (!image::writeImage(path, referenceImage(loaded), error))
    throw std::runtime_error(error);
}

std::unique_ptr<sim::Simulator>
makeReferenceEngine(const image::LoadedImage &loaded) {
  return engine::makeSimulator(referenceImage(loaded), referenceOptions);
}

} // namespace

Target referenceTarget() {
  return {"reference",
          "float64 reference engine (the golden model; --float32 for float32)",
          addReferenceOptions,
          compileReference,
          writeReference,
          makeReferenceEngine};
}

} // namespace nmc::driver
