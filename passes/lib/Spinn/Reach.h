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

/// Whether a connector-form projection has synapses from source neurons
/// [preLo, preHi) onto targets [postLo, postHi): one_to_one only where the
/// ranges overlap, a connector of no expected synapses nowhere, every
/// other rule everywhere (a random draw may connect any pair).
bool connectorReaches(const model::ConnectorSpec &spec, int64_t preLo,
                      int64_t preHi, int64_t postLo, int64_t postHi);

/// Expected synaptic-row words of a connector-form projection from
/// [preLo, preHi) onto [postLo, postHi): a 3-word header per source neuron
/// with a row there plus the expected synapses
/// (Connector.h expectedSynapses scaled by both ranges' shares; one_to_one:
/// one synapse per overlapping neuron). 0 when it does not reach.
/// `plastic`: plastic rows (every synapse a weight word and half a control
/// word, plus the pre-trace header).
int64_t connectorRowWords(const model::ConnectorSpec &spec, int64_t preLo,
                          int64_t preHi, int64_t postLo, int64_t postHi,
                          bool plastic = false);

/// Whether every synapse of `projection` goes from source neuron i to
/// target neuron i (a one_to_one connector, or CSR rows holding at most the
/// diagonal synapse: a Scale node).
bool isOneToOne(ProjectionOp projection);

/// Source populations all of whose projections are one-to-one onto neuron
/// populations (spinn-partition slices them as their targets, spinn-place
/// puts each slice next to its target's): name -> those projections.
llvm::StringMap<llvm::SmallVector<ProjectionOp>>
oneToOneSources(snn::GraphOp graph, MappingOp mapping);

/// For every slice of `slices` (collectSlices order), the indices of the
/// slices it reaches, ascending. Errors (on the projection) when a
/// projection names a population without slices or its sizes differ.
mlir::FailureOr<std::vector<std::vector<size_t>>>
sliceReach(snn::GraphOp graph, llvm::ArrayRef<SliceRef> slices,
           llvm::StringRef pass);

} // namespace nmc::spinn

#endif // NMC_PASSES_SPINN_REACH_H
