//===- Reach.h - Which slices a slice has synapses onto ---------*- C++ -*-===//
//
// The slice-level graph of a mapping: slice i reaches slice j when some
// neuron of i has a synapse onto some neuron of j (the projections' CSR
// rows). spinn-route builds one multicast tree per slice over it;
// spinn-place measures placements with it.
//===----------------------------------------------------------------------===//
#ifndef NMC_PASSES_SPINN_REACH_H
#define NMC_PASSES_SPINN_REACH_H

#include "MachineOption.h"

#include <vector>

namespace nmc::spinn {

/// For every slice of `slices` (collectSlices order), the indices of the
/// slices it reaches, ascending. Errors (on the projection) when a
/// projection names a population without slices or its sizes differ.
mlir::FailureOr<std::vector<std::vector<size_t>>>
sliceReach(snn::GraphOp graph, llvm::ArrayRef<SliceRef> slices,
           llvm::StringRef pass);

} // namespace nmc::spinn

#endif // NMC_PASSES_SPINN_REACH_H
