//===- Pipelines.h - Target-independent snn pipelines -----------*- C++ -*-===//
//
// The lowering every target starts from: a NIR-shaped snn.graph becomes a
// flat, shape-complete, discretized graph. The driver, every target and
// `nmc-opt --snn-lower` build it here, so they cannot drift apart.
//===----------------------------------------------------------------------===//
#ifndef NMC_PIPELINES_PIPELINES_H
#define NMC_PIPELINES_PIPELINES_H

#include "nmc/Dialect/SNN/SNNEnums.h"
#include "nmc/Model/NeuronModel.h"

#include "mlir/Pass/PassManager.h"

namespace nmc {

/// What NIR files do not store: the step and how neurons are discretized.
/// The defaults are the model's (NeuronModel.h), as for snn-discretize.
struct SNNLoweringOptions {
  double dt = model::kDefaultDt;
  snn::DiscretizeMethod method = snn::toSNN(model::kDefaultMethod);
  snn::ResetMode reset = snn::toSNN(model::kDefaultReset);
};

/// Adds, nested on every snn.graph: snn-inline-subgraphs ->
/// snn-infer-shapes -> canonicalize -> snn-discretize.
void populateSNNLoweringPipeline(mlir::OpPassManager &pm,
                                 const SNNLoweringOptions &options);

/// Registers the pipeline as "snn-lower" with options dt, method and reset.
void registerSNNPipelines();

} // namespace nmc

#endif // NMC_PIPELINES_PIPELINES_H
