//===- DelayExtension.h - Which synapses go through delay extensions -*- C++
//-*-===//
//
// Convention 4 (SpinnImage.h, spinnaker.md §A.5): a target core holds
// delays up to M = 2^delay_bits - 1 ticks. A source slice with a synapse of
// hardware delay D > M onto some core gets a delay-extension core that
// re-sends its spikes after S, 2S, ... ticks (S = the smallest M of the
// target cores involved), each stage under its own key; the synapse is
// delivered by stage s = ceil((D - M) / S) with the residual delay D - s*S
// (1..M) in the row. spinn-partition (S), spinn-allocate-keys (one key per
// stage) and spinn-route (the stage trees) share this one plan.
//===----------------------------------------------------------------------===//
#ifndef NMC_PASSES_SPINN_DELAYEXTENSION_H
#define NMC_PASSES_SPINN_DELAYEXTENSION_H

#include "MachineOption.h"

#include <vector>

namespace nmc::spinn {

/// Synapses of one source slice onto one target slice.
struct DelayLink {
  size_t target = 0;    ///< index in the slice list
  int64_t maxDelay = 0; ///< largest hardware delay D
  /// Bit 0: some synapse is delivered directly (D <= M); bit s (1..8):
  /// some synapse is delivered by extension stage s.
  uint32_t stages = 0;
};

struct DelayPlan {
  /// Per source slice (collectSlices order), its links by target ascending.
  std::vector<std::vector<DelayLink>> links;
  /// Per slice: ticks per stage S, 0 without a delay extension.
  std::vector<int64_t> stageTicks;
  /// Per slice: the highest stage used (0 without an extension).
  std::vector<int64_t> stages;
};

/// The on-core maximum delay of a target slice: 2^delay_bits - 1, or
/// unlimited (INT64_MAX) when the slice has no `delay_bits`.
int64_t onCoreMaxDelay(SliceOp slice);

/// Plans every slice's delay extension from the projections (explicit
/// synapses, or a connector's delay range onto every slice pair it
/// reaches). Errors on the source slice when more than kMaxDelayStages
/// stages would be needed, and on a projection whose sizes differ from
/// its populations'.
mlir::FailureOr<DelayPlan> planDelayExtensions(snn::GraphOp graph,
                                               llvm::ArrayRef<SliceRef> slices,
                                               llvm::StringRef pass);

} // namespace nmc::spinn

#endif // NMC_PASSES_SPINN_DELAYEXTENSION_H
