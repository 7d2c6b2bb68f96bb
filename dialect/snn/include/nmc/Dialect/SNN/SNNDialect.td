//===- SNNDialect.td - The snn dialect ---------------------*- tablegen -*-===//
#ifndef NMC_DIALECT_SNN_SNNDIALECT_TD
#define NMC_DIALECT_SNN_SNNDIALECT_TD

include "mlir/IR/OpBase.td"

def SNN_Dialect : Dialect {
  let name = "snn";
  let cppNamespace = "::nmc::snn";
  let summary = "Target-independent spiking networks, one op per NIR primitive";
  let description = [{
    The `snn` dialect captures a spiking neural network as exchanged in the
    Neuromorphic Intermediate Representation (NIR). A network is an
    `snn.graph` symbol holding one *graph region*: every NIR node is an op,
    every NIR edge is an SSA use. Graph regions allow uses before definitions,
    so recurrent edges are cycles in the use-def graph.

    Conventions shared by every node op:
    - `name` is the NIR node name (any string; dots are ordinary characters).
    - All inputs of a node are **summed** before the node acts on them, as
      NIR implementations (NIRTorch, snn-mlir) do; several edges into one node
      are several operands.
    - Values are `tensor<...xf32>` with the NIR activation shape (no batch,
      no time dimension). An unranked `tensor<*xf32>` marks a shape that is
      not known yet; `snn-infer-shapes` fills it in.
    - Parameters are attributes with NIR's dataset names. Float parameters
      keep the element type they were stored with (f32 or f64), so an
      import/export round trip is bit-exact.

    Neuron ops (`snn.i`, `snn.if`, `snn.li`, `snn.lif`, `snn.cubali`,
    `snn.cubalif`) are continuous-time ODEs; `snn-discretize` turns them into
    `snn.discrete_neuron` update rules for a time step `dt`.

    Neuron type, integration method and reset mode are enum attributes
    (`#snn.neuron_type<LIF>`, `#snn.method<exact>`, `#snn.reset<subtract>`).
  }];
  let useDefaultAttributePrinterParser = 1;
}

class SNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<SNN_Dialect, mnemonic, traits>;

#endif // NMC_DIALECT_SNN_SNNDIALECT_TD
