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
#include "nmc/Dialect/SNN/SNNOps.h" // #snn.stdp on spinn.projection
#include "nmc/Dialect/Spinn/SpinnDialect.h"
#include "nmc/Model/Connector.h"
#include "nmc/Target/SpiNNaker/WeightCoding.h"

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
/// A delay-extension core re-sends a source slice's spikes in at most 8
/// stages (spinnaker.md §A.5 MAX_SLOTS).
inline constexpr int64_t kMaxDelayStages = 8;
/// The ring buffer: n + t + d <= 14 bits (spinnaker.md §A.5
/// MAX_RING_BUFFER_BITS).
inline constexpr int64_t kMaxRingBufferBits = 14;

/// Smallest and largest delay in steps (round(d / dt), Connector.h) a
/// connector's delay distribution draws. A normal_clipped one is bounded
/// by its [low, high] (high must be finite for a SpiNNaker projection).
std::pair<int64_t, int64_t>
connectorDelayStepRange(const nmc::model::Distribution &delay, double dt);

/// Index bits of a row word of a core with `sliceSize` neurons:
/// max(1, ceil(log2 size)) (SpinnImage.h RowFormat, convention 2).
int64_t rowIndexBits(int64_t sliceSize);
} // namespace nmc::spinn

#define GET_OP_CLASSES
#include "nmc/Dialect/Spinn/SpinnOps.h.inc"

#endif // NMC_DIALECT_SPINN_SPINNOPS_H
