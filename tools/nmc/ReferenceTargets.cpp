//===- ReferenceTargets.cpp - The reference engines as targets -----------===//
//
// Two entries of the target table share one image format and one engine:
// "reference" (float64, or float32) and "reference-fixed" (the network
// quantized by snn-quantize and run in that fixed-point format: the golden
// model of the digital targets).
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Frontend.h"
#include "Targets.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Emulator/ImageIO.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"

#include <boost/program_options.hpp>

#include <stdexcept>

namespace po = boost::program_options;

namespace nmc::driver {
namespace {

struct FloatSettings {
  bool float32 = false;
  std::string engine = "fast";
} floatSettings;

struct FixedSettings {
  std::string format = "s16.15";
  std::string rounding = "nearest";
  uint64_t roundingSeed = 0;
} fixedSettings;

const image::Image &referenceImage(const image::LoadedImage &loaded) {
  const auto *payload = loaded.as<image::ReferencePayload>();
  if (!payload)
    throw std::runtime_error("image of format '" + loaded.header.format +
                             "' cannot run on the reference engine");
  return payload->image;
}

image::LoadedImage wrap(image::Image img, const char *target) {
  img.target = target;
  auto payload = std::make_shared<image::ReferencePayload>();
  payload->image = std::move(img);
  image::LoadedImage out;
  out.header = image::makeHeader(payload->image);
  out.payload = std::move(payload);
  return out;
}

void writeReference(const image::LoadedImage &loaded, const std::string &path) {
  std::string error;
  if (!image::writeImage(path, referenceImage(loaded), error))
    throw std::runtime_error(error);
}

// --- reference (float) -----------------------------------------------------

void addFloatOptions(po::options_description &opts) {
  opts.add_options()("float32", po::bool_switch(&floatSettings.float32),
                     "compute in float32 instead of float64")(
      "engine", po::value(&floatSettings.engine)->default_value("fast"),
      "step loop: fast (event-driven, fused, vectorized) | plain (the "
      "definition: dense loops); both give the same bits");
}

image::LoadedImage compileFloat(mlir::ModuleOp module,
                                const CompileOptions &options,
                                const std::string &source,
                                std::shared_ptr<const void> contextOwner) {
  return wrap(
      lowerToReferenceImage(module, options, source, std::move(contextOwner)),
      "reference");
}

std::unique_ptr<sim::Simulator>
makeFloatEngine(const image::LoadedImage &loaded) {
  engine::SimulatorOptions options;
  options.float32 = floatSettings.float32;
  if (floatSettings.engine == "plain")
    options.engine = engine::EngineKind::Plain;
  else if (floatSettings.engine != "fast")
    throw std::runtime_error("--engine " + floatSettings.engine +
                             ": expected fast or plain");
  return engine::makeSimulator(referenceImage(loaded), options);
}

// --- reference-fixed -------------------------------------------------------

model::Rounding parseRoundingOption() {
  std::optional<model::Rounding> r =
      model::parseRounding(fixedSettings.rounding);
  if (!r)
    throw std::runtime_error("--rounding " + fixedSettings.rounding +
                             ": expected nearest, truncate or stochastic");
  return *r;
}

void addFixedOptions(po::options_description &opts) {
  opts.add_options()(
      "quantize", po::value(&fixedSettings.format)->default_value("s16.15"),
      "fixed-point format sI.F or uI.F (e.g. s16.15, SpiNNaker's accum); "
      "selects this target")(
      "rounding", po::value(&fixedSettings.rounding)->default_value("nearest"),
      "nearest (ties away from zero) | truncate (toward -inf) | stochastic")(
      "rounding-seed", po::value(&fixedSettings.roundingSeed)->default_value(0),
      "seed of stochastic rounding");
}

image::LoadedImage compileFixed(mlir::ModuleOp module,
                                const CompileOptions &options,
                                const std::string &source,
                                std::shared_ptr<const void> contextOwner) {
  parseRoundingOption(); // a bad value fails before compiling
  // Discretize, then quantize every coefficient and weight (reporting what
  // saturates or rounds to zero), then build the image as for floats.
  mlir::PassManager pm(module.getContext());
  populateSNNLoweringPipeline(pm, options);
  SNNQuantizeOptions quantize;
  quantize.format = fixedSettings.format;
  quantize.rounding = fixedSettings.rounding;
  quantize.seed = fixedSettings.roundingSeed;
  pm.nest<snn::GraphOp>().addPass(createSNNQuantize(quantize));
  if (mlir::failed(pm.run(module)))
    throw ReportedError("cannot compile '" + source + "'");
  return wrap(buildImage(module, source, std::move(contextOwner)),
              "reference-fixed");
}

std::unique_ptr<sim::Simulator>
makeFixedEngine(const image::LoadedImage &loaded) {
  engine::SimulatorOptions options;
  options.rounding = parseRoundingOption();
  options.roundingSeed = fixedSettings.roundingSeed;
  return engine::makeSimulator(referenceImage(loaded), options);
}

} // namespace

Target referenceTarget() {
  Target t{"reference",
           "float64 reference engine, the golden model (--float32 for float32)",
           nullptr,
           addFloatOptions,
           compileFloat,
           writeReference,
           makeFloatEngine};
  t.learns = true;
  return t;
}

Target referenceFixedTarget() {
  Target t{"reference-fixed",
           "fixed-point reference engine (--quantize FORMAT): the golden model "
           "of the digital targets",
           "quantize",
           addFixedOptions,
           compileFixed,
           writeReference,
           makeFixedEngine};
  t.learns = true;
  return t;
}

} // namespace nmc::driver
