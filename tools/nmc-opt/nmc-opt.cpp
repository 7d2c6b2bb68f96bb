//===- nmc-opt.cpp - Run snn passes and pipelines on MLIR files ---------===//
//
// Registers only nmc's dialects and the few upstream passes the snn pipeline
// uses; InitAllDialects.h would cost ~50 s per compile.
//===----------------------------------------------------------------------===//
#include "../common/HideLLVMOptions.h"
#include "nmc/Dialect/SFQ/SFQDialect.h"
#include "nmc/Dialect/SNN/SNNDialect.h"
#include "nmc/Dialect/Spinn/SpinnDialect.h"
#include "nmc/Dialect/Xbar/XbarDialect.h"
#include "nmc/Pipelines/Pipelines.h"
#include "nmc/Pipelines/SFQPipeline.h"
#include "nmc/Pipelines/SpinnPipeline.h"
#include "nmc/SFQ/Passes.h"
#include "nmc/Spinn/SpinnPasses.h"
#include "nmc/Transforms/Passes.h"
#include "nmc/Xbar/XbarPasses.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  nmc::tools::hideLLVMOptions();
  mlir::DialectRegistry registry;
  registry.insert<nmc::snn::SNNDialect, nmc::xbar::XbarDialect,
                  nmc::spinn::SpinnDialect, nmc::sfq::SFQDialect>();
  nmc::registerNMCTransformsPasses();
  nmc::registerNMCXbarPasses();
  nmc::registerNMCSpinnPasses();
  nmc::registerSNNPipelines();
  nmc::registerNMCSFQPasses();
  nmc::registerSFQPipelines();
  nmc::registerSpinnPipelines();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "nmc optimizer driver\n", registry));
}
