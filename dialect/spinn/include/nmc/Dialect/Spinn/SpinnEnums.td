//===- SpinnEnums.td - spinn enums and enum attributes -----*- tablegen -*-===//
#ifndef NMC_DIALECT_SPINN_SPINNENUMS_TD
#define NMC_DIALECT_SPINN_SPINNENUMS_TD

include "nmc/Dialect/Spinn/SpinnDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Spinn_PopulationKind : I32EnumAttr<"PopulationKind",
    "what a population's cores run", [
    I32EnumAttrCase<"Neuron", 0, "neuron">,
    I32EnumAttrCase<"Source", 1, "source">]> {
  let cppNamespace = "::nmc::spinn";
  let genSpecializedAttr = 0;
}

/// Printed as `#spinn.kind<neuron>`: neuron from a spiking
/// `snn.discrete_neuron`, source from an `snn.input` (spikes replayed from
/// the host, like a SpikeSourceArray).
def Spinn_PopulationKindAttr
    : EnumAttr<Spinn_Dialect, Spinn_PopulationKind, "kind"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // NMC_DIALECT_SPINN_SPINNENUMS_TD
