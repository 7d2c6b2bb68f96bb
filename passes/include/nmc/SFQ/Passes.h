//===- Passes.h - Passes of the sfq target ----------------------*- C++ -*-===//
#ifndef NMC_SFQ_PASSES_H
#define NMC_SFQ_PASSES_H

#include "nmc/Dialect/SFQ/SFQOps.h"
#include "nmc/Target/SFQ/BiasModels.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace nmc {

#define GEN_PASS_DECL
#include "nmc/SFQ/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "nmc/SFQ/Passes.h.inc"

} // namespace nmc

#endif // NMC_SFQ_PASSES_H
