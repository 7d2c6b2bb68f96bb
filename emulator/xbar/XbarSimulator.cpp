//===- XbarSimulator.cpp - The xbar target's engine -----------------------===//
#include "CrossbarHook.h"

#include "nmc/Target/Xbar/Emulator.h"

#include <chrono>
#include <stdexcept>

namespace nmc::xbar {

namespace {

/// The network, checked to be in fixed point (the periphery's format).
const image::Image &periphery(const std::shared_ptr<const XbarPayload> &p) {
  if (!p)
    throw std::runtime_error("xbar: no payload");
  if (p->network.numberFormat.empty())
    throw std::runtime_error(
        "xbar image: the network has no number_format; the crossbar "
        "periphery computes in fixed point");
  return p->network;
}

/// Run-time hardware must keep the image's mapping.
void checkMappingKept(const Hardware &image, const Hardware &run) {
  auto differ = [](const char *key) {
    throw std::runtime_error(std::string("xbar: ") + key +
                             " is fixed by the image (compile time) and "
                             "cannot change at run time");
  };
  if (run.tile.rows != image.tile.rows || run.tile.cols != image.tile.cols)
    differ("tile.rows/tile.cols");
  if (run.device.levels != image.device.levels)
    differ("device.levels");
  if (run.mapping.sign != image.mapping.sign)
    differ("mapping.sign");
  if (run.mapping.slices != image.mapping.slices)
    differ("mapping.slices");
  if (run.mapping.clipPercentile != image.mapping.clipPercentile)
    differ("mapping.clip_percentile");
  if (run.mesh.width != image.mesh.width ||
      run.mesh.height != image.mesh.height)
    differ("mesh.width/mesh.height");
  if (run.numberFormat != image.numberFormat)
    differ("number_format");
}

} // namespace

XbarEnergy &XbarEnergy::operator+=(const XbarEnergy &o) {
  rowDrive += o.rowDrive;
  cellRead += o.cellRead;
  adc += o.adc;
  digitalAdd += o.digitalAdd;
  neuron += o.neuron;
  hop += o.hop;
  return *this;
}

XbarEnergy XbarEnergy::per(int64_t n) const {
  if (n <= 0)
    return {};
  const double d = double(n);
  return {rowDrive / d,   cellRead / d, adc / d,
          digitalAdd / d, neuron / d,   hop / d};
}

XbarSimulator::XbarSimulator(std::shared_ptr<const XbarPayload> payload,
                             const EmulatorOptions &options)
    : payload(payload), hw(options.hardware ? *options.hardware : payload->hw),
      options(options), engine(periphery(payload)) {
  if (options.hardware)
    checkMappingKept(payload->hw, *options.hardware);
}

XbarSimulator::~XbarSimulator() = default;

std::vector<sim::NodeInfo> XbarSimulator::nodes() const {
  return engine.nodes();
}

engine::RunResult XbarSimulator::runEngine(const engine::RunConfig &config) {
  CrossbarHook hook(*payload, hw);
  engine::RunConfig run = config;
  run.weightHook = &hook;
  run.rounding = options.rounding;
  run.roundingSeed = options.roundingSeed;
  run.engine = engine::EngineKind::Plain;
  engine::RunResult result = engine.run(run);
  stats = hook.stats();
  return result;
}

sim::RunStats XbarSimulator::run(const sim::RunConfig &common) {
  engine::RunConfig config;
  static_cast<sim::RunConfig &>(config) = common;
  config.collect = false;
  return runEngine(config);
}

std::unique_ptr<XbarSimulator>
makeXbarSimulator(std::shared_ptr<const XbarPayload> payload,
                  const EmulatorOptions &options) {
  return std::make_unique<XbarSimulator>(std::move(payload), options);
}

} // namespace nmc::xbar
