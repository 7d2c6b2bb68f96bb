//===- SpinnPipeline.h - The SpiNNaker target's passes ----------*- C++ -*-===//
//
// What `nmc compile --target spinnaker` runs after the common lowering
// (populateSNNLoweringPipeline): quantization to s16.15, conversion,
// partitioning, placement, keys, routing and table compression, all on one
// machine (docs/targets/spinnaker-compiler.md).
//===----------------------------------------------------------------------===//
#ifndef NMC_PIPELINES_SPINNPIPELINE_H
#define NMC_PIPELINES_SPINNPIPELINE_H

#include "mlir/Pass/PassManager.h"

#include <string>

namespace nmc {

struct SpinnPipelineOptions {
  /// Preset name or JSON file (MachineJson.h).
  std::string machine = "spin5";
  /// convert-snn-to-spinn (spinnaker.md §A.4 defaults).
  double spikesPerSecond = 30.0;
  double ringBufferSigma = 5.0;
  int64_t forceShift = -1;
  /// spinn-partition (§A.3); DTCM and SDRAM come from the machine.
  int64_t neuronsPerCore = 256;
  int64_t sourceNeuronsPerCore = 256;
  /// spinn-compress-tables: -1 = the machine's usable router entries.
  int64_t routerTarget = -1;
  std::string compressor = "auto";
};

/// Adds, nested on every snn.graph: snn-quantize{s16.15} ->
/// convert-snn-to-spinn -> spinn-partition ->
/// spinn-place -> spinn-allocate-keys -> spinn-route ->
/// spinn-compress-tables. A machine that cannot be loaded is reported by
/// spinn-place as an error naming the option (partition then uses the
/// SpiNNaker 1 defaults).
void populateSpinnPipeline(mlir::OpPassManager &pm,
                           const SpinnPipelineOptions &options);

/// Registers the pipeline as "spinn-map" with options machine,
/// neurons-per-core, target and compressor.
void registerSpinnPipelines();

} // namespace nmc

#endif // NMC_PIPELINES_SPINNPIPELINE_H
