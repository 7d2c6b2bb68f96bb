//===- SpinnDialect.td - The spinn dialect -----------------*- tablegen -*-===//
#ifndef NMC_DIALECT_SPINN_SPINNDIALECT_TD
#define NMC_DIALECT_SPINN_SPINNDIALECT_TD

include "mlir/IR/OpBase.td"

def Spinn_Dialect : Dialect {
  let name = "spinn";
  let cppNamespace = "::nmc::spinn";
  let summary = "Populations, projections and their SpiNNaker mapping";
  let description = [{
    The `spinn` dialect holds what the SpiNNaker target
    (docs/targets/spinnaker-compiler.md) decides about a discretized,
    quantized (s16.15) `snn.graph`, in the order of the PACMAN stages:

    - `spinn.projection` replaces a weight node (same name, input, result):
      a synapse matrix, CSR by source, with 16-bit weight codes, synapse
      types and delays (`convert-snn-to-spinn`);
    - `spinn.mapping`, one per graph, holds a `spinn.population` per
      spiking population (neuron nodes and graph inputs) with its ring
      buffer left shifts (`convert-snn-to-spinn`);
    - `spinn.slice`, inside a population, is the neuron range one core
      simulates, with its DTCM and SDRAM estimates (`spinn-partition`),
      later its chip and core (`spinn-place`) and routing key and mask
      (`spinn-allocate-keys`);
    - `spinn.router_table`, inside the mapping, is one chip's multicast
      table (`spinn-route`, `spinn-compress-tables`).

    Attributes that later passes fill in are optional; the verifiers check
    whatever is present.
  }];
  let useDefaultAttributePrinterParser = 1;
}

class Spinn_Op<string mnemonic, list<Trait> traits = []>
    : Op<Spinn_Dialect, mnemonic, traits>;

#endif // NMC_DIALECT_SPINN_SPINNDIALECT_TD
