//===- Passes.h - snn transformation passes ---------------------*- C++ -*-===//
#ifndef NMC_TRANSFORMS_PASSES_H
#define NMC_TRANSFORMS_PASSES_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Model/NeuronModel.h"
#include "nmc/Transforms/EnumOptions.h"

#include "mlir/Pass/Pass.h"

namespace nmc {

#define GEN_PASS_DECL
#include "nmc/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "nmc/Transforms/Passes.h.inc"

} // namespace nmc

#endif // NMC_TRANSFORMS_PASSES_H
