//===- FuzzNIRRun.cpp - libFuzzer target: `nmc run --steps 5` in process --===//
//
// What `nmc run FILE.nir --steps 5` does, without the process start: import
// (FuzzNIR.h), the snn-lower pipeline, the reference image, the engine for 5
// steps with a spike into neuron 0 of every input node each step. Clean
// rejections are MLIR errors or std::runtime_error (which nmc prints as one
// line); any other exception, a crash or a hang is a finding.
//===----------------------------------------------------------------------===//
#include "FuzzNIR.h"
#include "FuzzSupport.h"

#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Emulator/Engine.h"
#include "nmc/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"

#include <new>
#include <stdexcept>

namespace {

void runFiveSteps(const nmc::image::Image &image) {
  nmc::engine::Engine engine(image);
  nmc::engine::RunConfig config;
  config.steps = 5;
  for (const nmc::sim::NodeInfo &node : engine.nodes())
    if (node.kind == "input" && node.size > 0)
      for (int64_t step = 0; step < config.steps; ++step)
        config.inputs[node.name].resize(1),
            config.inputs[node.name][0].push_back({step, 0, 1.0});
  engine.run(config);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  nmc::fuzz::NIRFuzzInput input(data, size);
  if (!input.libhdf5Survives())
    return -1; // libhdf5's own defect, contained by nmc: not a finding
  mlir::OwningOpRef<mlir::ModuleOp> module = input.importAndVerify();
  if (!module)
    return 0;
  mlir::PassManager pm(&input.context());
  nmc::populateSNNLoweringPipeline(pm, nmc::SNNLoweringOptions{});
  if (mlir::failed(pm.run(*module))) {
    if (input.errors() == 0)
      nmc::fuzz::finding("snn-lower failed without an error");
    return 0;
  }
  auto graphs = module->getOps<nmc::snn::GraphOp>();
  if (graphs.empty())
    nmc::fuzz::finding("the lowered module holds no snn.graph");
  nmc::image::Image image;
  if (mlir::failed(nmc::buildReferenceImage(*graphs.begin(), image))) {
    if (input.errors() == 0)
      nmc::fuzz::finding("buildReferenceImage failed without an error");
    return 0;
  }
  try {
    runFiveSteps(image);
  } catch (const std::runtime_error &) {
    // A clean, one-line rejection by the engine.
  } catch (const std::bad_alloc &) {
    // nmc prints "out of memory": a network too big for this machine.
  } catch (const std::exception &e) {
    nmc::fuzz::finding(std::string("the engine threw ") + e.what());
  }
  return 0;
}
