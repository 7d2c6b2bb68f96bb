//===- XbarEnums.td - xbar enums and enum attributes -------*- tablegen -*-===//
//
// The kind of a mapped weight layer. Values equal nmc::xbar::LayerKind of
// XbarImage.h (the image builder converts by value; XbarOps.cpp checks it).
//===----------------------------------------------------------------------===//
#ifndef NMC_DIALECT_XBAR_XBARENUMS_TD
#define NMC_DIALECT_XBAR_XBARENUMS_TD

include "nmc/Dialect/Xbar/XbarDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Xbar_MatrixKind : I32EnumAttr<"MatrixKind",
    "what a crossbar layer was lowered from", [
    I32EnumAttrCase<"Dense", 0, "dense">,
    I32EnumAttrCase<"Sparse", 1, "sparse">,
    I32EnumAttrCase<"Conv", 2, "conv">]> {
  let cppNamespace = "::nmc::xbar";
  let genSpecializedAttr = 0;
}

/// Printed as `#xbar.kind<dense>`: dense from snn.affine/linear, sparse from
/// snn.sparse_affine, conv from snn.conv1d/conv2d.
def Xbar_MatrixKindAttr : EnumAttr<Xbar_Dialect, Xbar_MatrixKind, "kind"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // NMC_DIALECT_XBAR_XBARENUMS_TD
