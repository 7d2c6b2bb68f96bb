//===- XbarTarget.cpp - The memristive crossbar target (xbar) ------------===//
//
// compile: the common lowering, then the xbar pipeline (snn-quantize to the
// periphery format, convert-snn-to-xbar, xbar-tile, xbar-map-conductance,
// xbar-place, xbar-route) with options from the hardware description, then
// the image builder. run: the xbar emulator, with the run-time fields of the
// hardware description (ADC, costs, device effects) changeable by --hw-set.
//===----------------------------------------------------------------------===//
#include "Agreement.h"
#include "Frontend.h"
#include "Targets.h"

#include "nmc/Backends/XbarImageBuilder.h"
#include "nmc/Pipelines/XbarPipeline.h"
#include "nmc/Target/Xbar/Emulator.h"
#include "nmc/Target/Xbar/HardwareJson.h"
#include "nmc/Target/Xbar/RtlImage.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include "mlir/Pass/PassManager.h"

#include <boost/program_options.hpp>

#include <stdexcept>

namespace po = boost::program_options;

namespace nmc::driver {
namespace {

struct XbarSettings {
  std::string hw = "rram-256";
  std::vector<std::string> settings;
  bool noAgreement = false;
  std::string rtlOut;
} xbarSettings;

void addXbarOptions(po::options_description &opts) {
  opts.add_options()(
      "hw", po::value(&xbarSettings.hw)->default_value("rram-256"),
      "crossbar hardware: a preset (rram-256, rram40nm-512) or a JSON file "
      "(docs/targets/xbar.md); selects this target")(
      "hw-set", po::value(&xbarSettings.settings)->composing(),
      "change one hardware field, KEY=VALUE (e.g. adc.bits=6, "
      "effects.read_noise=true, effects.seed=7); repeatable")(
      "no-agreement", po::bool_switch(&xbarSettings.noAgreement),
      "do not run the float reference next to the crossbar (the summary "
      "then has no agreement section)")(
      "rtl-out", po::value(&xbarSettings.rtlOut),
      "compile: also write the image as nmc_mesh memories ($readmemh files "
      "and mesh.txt) into this directory (docs/rtl.md)");
}

/// The hardware of the command line: --hw, then every --hw-set.
xbar::Hardware commandLineHardware() {
  xbar::Hardware hw = xbar::loadHardware(xbarSettings.hw);
  for (const std::string &s : xbarSettings.settings)
    xbar::applySetting(hw, s);
  xbar::validate(hw);
  return hw;
}

image::LoadedImage compileXbar(mlir::ModuleOp module,
                               const CompileOptions &options,
                               const std::string &source,
                               std::shared_ptr<const void> contextOwner) {
  const xbar::Hardware hw = commandLineHardware();
  mlir::PassManager lower(module.getContext());
  populateSNNLoweringPipeline(lower, options);
  if (mlir::failed(lower.run(module)))
    throw std::runtime_error("cannot compile '" + source + "'");
  // The float network, kept for the agreement figures (copied: the xbar
  // passes rewrite the module's attributes).
  image::Image reference = buildImage(module, source);
  reference.target = "reference";
  mlir::PassManager pm(module.getContext());
  populateXbarPipeline(pm, hw);
  if (mlir::failed(pm.run(module)))
    throw std::runtime_error("cannot compile '" + source + "' for xbar");
  auto payload = std::make_shared<xbar::XbarPayload>();
  payload->reference = std::move(reference);
  auto graphs = module.getOps<snn::GraphOp>();
  if (graphs.empty() ||
      mlir::failed(buildXbarImage(*graphs.begin(), hw, *payload)))
    throw std::runtime_error("cannot build the xbar image of '" + source + "'");
  payload->network.target = "xbar";
  payload->network.source = source;
  if (!xbarSettings.rtlOut.empty())
    xbar::writeRtlImage(xbar::buildRtlImage(*payload, xbar::RtlMeshParams{}),
                        xbarSettings.rtlOut);
  image::LoadedImage out;
  out.header = xbar::makeXbarHeader(*payload);
  out.payload = std::move(payload);
  return out;
}

const xbar::XbarPayload &xbarPayload(const image::LoadedImage &loaded) {
  const auto *payload = loaded.as<xbar::XbarPayload>();
  if (!payload)
    throw std::runtime_error("image of format '" + loaded.header.format +
                             "' cannot run on the xbar emulator");
  return *payload;
}

void writeXbar(const image::LoadedImage &loaded, const std::string &path) {
  std::string error;
  if (!xbar::writeXbarImage(path, xbarPayload(loaded), error))
    throw std::runtime_error(error);
}

std::unique_ptr<sim::Simulator>
makeXbarEngine(const image::LoadedImage &loaded) {
  auto payload = std::make_shared<xbar::XbarPayload>(xbarPayload(loaded));
  // --hw-set changes the run-time fields (ADC, costs, device effects); the
  // emulator refuses a change of the mapping the image was compiled with.
  xbar::EmulatorOptions options;
  if (!xbarSettings.settings.empty()) {
    xbar::Hardware hw = payload->hw;
    for (const std::string &s : xbarSettings.settings)
      xbar::applySetting(hw, s);
    xbar::validate(hw);
    options.hardware = hw;
  }
  std::unique_ptr<sim::Simulator> engine =
      xbar::makeXbarSimulator(payload, options);
  if (xbarSettings.noAgreement || payload->reference.nodes.empty())
    return engine;
  auto reference = std::make_shared<image::Image>(payload->reference);
  return withAgreement(std::move(engine), std::move(reference), "xbar");
}

} // namespace

Target xbarTarget() {
  return {"xbar",
          "memristive crossbar tiles: analog synapses, ADCs, fixed-point "
          "periphery on a mesh; cycles, energy and device effects "
          "(--hw PRESET|FILE, --hw-set KEY=VALUE)",
          "hw",
          addXbarOptions,
          compileXbar,
          writeXbar,
          makeXbarEngine};
}

} // namespace nmc::driver
