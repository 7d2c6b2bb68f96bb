//===- SpinnOps.h - spinn dialect operations -------------------*- C++ -*-===//
#ifndef NMC_DIALECT_SPINN_SPINNOPS_H
#define NMC_DIALECT_SPINN_SPINNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpDefinition.h"

#include "nmc/Dialect/SNN/SNNNodeTrait.h"
#include "nmc/Dialect/Spinn/SpinnDialect.h"

#include "nmc/Dialect/Spinn/SpinnEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "nmc/Dialect/Spinn/SpinnAttrs.h.inc"

namespace nmc::spinn {
class PopulationOp;
class SliceOp;
class RouterTableOp;

/// Synapse types of a projection entry (sPyNNaker's current-based models:
/// 0 excitatory, 1 inhibitory; spinnaker.md §A.5).
inline constexpr int64_t kExcitatory = 0;
inline constexpr int64_t kInhibitory = 1;
inline constexpr int64_t kSynapseTypes = 2;
/// Largest 16-bit weight code (spinnaker.md §A.4 SYNAPSE_WEIGHT_BITS 16).
inline constexpr int64_t kMaxWeightCode = 65535;
} // namespace nmc::spinn

#define GET_OP_CLASSES
#include "nmc/Dialect/Spinn/SpinnOps.h.inc"

#endif // NMC_DIALECT_SPINN_SPINNOPS_H
