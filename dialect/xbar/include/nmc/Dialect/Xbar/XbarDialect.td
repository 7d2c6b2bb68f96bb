//===- XbarDialect.td - The xbar dialect -------------------*- tablegen -*-===//
#ifndef NMC_DIALECT_XBAR_XBARDIALECT_TD
#define NMC_DIALECT_XBAR_XBARDIALECT_TD

include "mlir/IR/OpBase.td"

def Xbar_Dialect : Dialect {
  let name = "xbar";
  let cppNamespace = "::nmc::xbar";
  let summary = "Weight layers mapped onto memristive crossbar tiles";
  let description = [{
    The `xbar` dialect holds what the crossbar target (docs/targets/xbar.md)
    decides about a discretized, quantized `snn.graph`. Its ops live inside
    the graph next to the `snn` ops that stay digital (neurons, delays,
    pooling, ... run in the tiles' periphery):

    - `xbar.layer` replaces a weight node (`snn.affine`, `snn.linear`,
      `snn.sparse_affine`, `snn.conv1d`, `snn.conv2d`) by its logical matrix
      in the crossbar convention (rows = inputs, columns = outputs). It is a
      node like the snn ops (name, summed inputs, one output);
    - `xbar.tile`, inside a layer, is one tile-sized block of that matrix,
      later with its conductance levels, ADC full scale and mesh position;
    - `xbar.route`, inside a layer, is a spike route into one of its tiles.

    The passes `convert-snn-to-xbar`, `xbar-tile`, `xbar-map-conductance`,
    `xbar-place` and `xbar-route` fill these in, in that order.

    `xbar-route` also records on every other node (except inputs) which
    tile's periphery computes which of its elements, as the discardable
    attribute `xbar.periphery = array<i64: begin, end, tile, ...>` (triples
    of an element range [begin, end) and a tile id).
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Name of the discardable periphery attribute (see the description).
    static constexpr ::llvm::StringLiteral kPeripheryAttr = "xbar.periphery";
  }];
}

class Xbar_Op<string mnemonic, list<Trait> traits = []>
    : Op<Xbar_Dialect, mnemonic, traits>;

#endif // NMC_DIALECT_XBAR_XBARDIALECT_TD
