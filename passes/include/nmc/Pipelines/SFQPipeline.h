//===- SFQPipeline.h - The sfq target's legalization ------------*- C++ -*-===//
//
// sfq-legalize: what turns a draft sfq.circuit (from convert-snn-to-sfq or
// written by hand) into a legal netlist. The driver and `nmc-opt
// --sfq-legalize` build it here.
//===----------------------------------------------------------------------===//
#ifndef NMC_PIPELINES_SFQPIPELINE_H
#define NMC_PIPELINES_SFQPIPELINE_H

#include "mlir/Pass/PassManager.h"

namespace nmc {

struct SFQLegalizeOptions {
  /// Period of a clock sfq-clock-tree creates (the pass's default).
  double clockPeriodPs = 50.0;
  /// sfq-balance-paths' balance-outputs.
  bool balanceOutputs = true;
};

/// Adds, nested on every sfq.circuit: sfq-insert-splitters ->
/// sfq-insert-mergers -> sfq-balance-paths -> sfq-clock-tree.
void populateSFQLegalizePipeline(mlir::OpPassManager &pm,
                                 const SFQLegalizeOptions &options);

/// Registers the pipeline as "sfq-legalize" with options period-ps and
/// balance-outputs.
void registerSFQPipelines();

} // namespace nmc

#endif // NMC_PIPELINES_SFQPIPELINE_H
