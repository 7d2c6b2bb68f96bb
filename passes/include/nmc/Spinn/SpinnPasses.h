//===- SpinnPasses.h - Passes of the SpiNNaker target -----------*- C++ -*-===//
#ifndef NMC_SPINN_SPINNPASSES_H
#define NMC_SPINN_SPINNPASSES_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/Spinn/SpinnDialect.h"

#include "mlir/Pass/Pass.h"

namespace nmc {

#define GEN_PASS_DECL
#include "nmc/Spinn/SpinnPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "nmc/Spinn/SpinnPasses.h.inc"

} // namespace nmc

#endif // NMC_SPINN_SPINNPASSES_H
