//===- SpinnPipeline.cpp - The SpiNNaker target's passes -----------------===//
#include "nmc/Pipelines/SpinnPipeline.h"
#include "nmc/Spinn/SpinnPasses.h"
#include "nmc/Target/SpiNNaker/MachineJson.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

namespace nmc {

void populateSpinnPipeline(OpPassManager &pm,
                           const SpinnPipelineOptions &options) {
  spinn::MachineOrError m = spinn::loadMachine(options.machine);
  OpPassManager &graphPm = pm.nest<snn::GraphOp>();
  // snn.connector stays procedural: convert-snn-to-spinn keeps it as a
  // connector-form projection, expanded per slice by the image builder.
  SNNQuantizeOptions quantize;
  quantize.format = "s16.15"; // sPyNNaker's accum (spinnaker.md §A.4)
  graphPm.addPass(createSNNQuantize(quantize));

  ConvertSNNToSpinnOptions convert;
  convert.spikesPerSecond = options.spikesPerSecond;
  convert.ringBufferSigma = options.ringBufferSigma;
  convert.forceShift = options.forceShift;
  graphPm.addPass(createConvertSNNToSpinn(convert));

  SpinnPartitionOptions partition;
  partition.neuronsPerCore = options.neuronsPerCore;
  partition.sourceNeuronsPerCore = options.sourceNeuronsPerCore;
  if (m) { // else spinn-place reports the option's error
    partition.dtcmBytes = m.machine->chip.dtcmBytes;
    partition.sdramBytes = m.machine->chip.sdramUsableBytes;
  }
  graphPm.addPass(createSpinnPartition(partition));

  SpinnPlaceOptions place;
  place.machine = options.machine;
  graphPm.addPass(createSpinnPlace(place));
  graphPm.addPass(createSpinnAllocateKeys());
  // The later passes read the machine spinn-place recorded.
  graphPm.addPass(createSpinnRoute());
  SpinnCompressTablesOptions compress;
  compress.target = options.routerTarget;
  compress.compressor = options.compressor;
  graphPm.addPass(createSpinnCompressTables(compress));
}

namespace {
struct SpinnMapPipelineOptions : PassPipelineOptions<SpinnMapPipelineOptions> {
  Option<std::string> machine{*this, "machine",
                              llvm::cl::desc("preset or JSON machine file"),
                              llvm::cl::init("spin5")};
  Option<int64_t> neuronsPerCore{*this, "neurons-per-core",
                                 llvm::cl::desc("largest neuron slice"),
                                 llvm::cl::init(256)};
  Option<int64_t> target{
      *this, "target",
      llvm::cl::desc("router entries per chip (-1: the machine's)"),
      llvm::cl::init(-1)};
  Option<std::string> compressor{
      *this, "compressor", llvm::cl::desc("auto, pair or ordered-covering"),
      llvm::cl::init("auto")};
};
} // namespace

void registerSpinnPipelines() {
  PassPipelineRegistration<SpinnMapPipelineOptions>(
      "spinn-map",
      "Quantize, convert, partition, place, key, route and compress for "
      "SpiNNaker",
      [](OpPassManager &pm, const SpinnMapPipelineOptions &cl) {
        SpinnPipelineOptions options;
        options.machine = cl.machine;
        options.neuronsPerCore = cl.neuronsPerCore;
        options.routerTarget = cl.target;
        options.compressor = cl.compressor;
        populateSpinnPipeline(pm, options);
      });
}

} // namespace nmc
