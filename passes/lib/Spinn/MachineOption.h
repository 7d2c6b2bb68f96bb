//===- MachineOption.h - The machine the spinn passes share -----*- C++ -*-===//
//
// Every pass after partitioning maps onto one nmc::spinn::Machine. The first
// that needs it records it on spinn.mapping (`machine`, its JSON); later
// passes read it back, and a `machine` option naming a different machine is
// an error, so placement, routing and the backend cannot disagree.
//===----------------------------------------------------------------------===//
#ifndef NMC_PASSES_SPINN_MACHINEOPTION_H
#define NMC_PASSES_SPINN_MACHINEOPTION_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/Spinn/SpinnOps.h"
#include "nmc/Target/SpiNNaker/Machine.h"

#include "mlir/Support/LogicalResult.h"

namespace nmc::spinn {

/// The graph's spinn.mapping, or an error telling to run the conversion.
mlir::FailureOr<MappingOp> getMapping(snn::GraphOp graph, llvm::StringRef pass);

/// The machine of `option` (preset name or JSON path; empty: the recorded
/// one, else spin5), checked against and recorded on `mapping`.
mlir::FailureOr<Machine>
resolveMachine(MappingOp mapping, llvm::StringRef option, llvm::StringRef pass);

/// The population of every slice, and the slices in mapping order.
struct SliceRef {
  PopulationOp population;
  SliceOp slice;
  int64_t populationIndex = 0;
};
llvm::SmallVector<SliceRef> collectSlices(MappingOp mapping);

} // namespace nmc::spinn

#endif // NMC_PASSES_SPINN_MACHINEOPTION_H
