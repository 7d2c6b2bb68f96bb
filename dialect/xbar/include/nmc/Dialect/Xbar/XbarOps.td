//===- XbarOps.td - xbar dialect operations ----------------*- tablegen -*-===//
#ifndef NMC_DIALECT_XBAR_XBAROPS_TD
#define NMC_DIALECT_XBAR_XBAROPS_TD

include "nmc/Dialect/Xbar/XbarDialect.td"
include "nmc/Dialect/Xbar/XbarEnums.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"

/// Values on edges, as in the snn dialect.
def Xbar_Tensor : TensorOf<[F32]>;

/// An i64 attribute read as int64_t (I64Attr reads uint64_t), so negative
/// values such as the host port -1 keep their sign.
def Xbar_I64 : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                            "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

/// The snn node trait: a name, summed inputs of one shape, a parent graph.
def Xbar_SNNNodeTrait : NativeOpTrait<"SNNNode"> {
  let cppNamespace = "::nmc::snn::OpTrait";
}

def Xbar_LayerOp : Xbar_Op<"layer", [Xbar_SNNNodeTrait, NoTerminator,
    SingleBlock]> {
  let summary = "A weight node as a logical crossbar matrix and its tiles";
  let description = [{
    Made by `convert-snn-to-xbar` from a weight node, whose `name`, inputs
    and result it keeps. The matrix follows the crossbar convention: `rows`
    are inputs (word lines), `cols` outputs (bit lines), the transpose of
    NIR's `weight[out, in]`.

    - `kind = #xbar.kind<dense>` (from `snn.affine`/`snn.linear`): `matrix`
      is `rows x cols` f64, rows = inputs, cols = outputs.
    - `#xbar.kind<sparse>` (from `snn.sparse_affine`): the CSR of
      sparse_affine, by row (input): row `r` holds columns
      `indices[indptr[r] .. indptr[r+1])` with entries `values`.
    - `#xbar.kind<conv>` (from `snn.conv1d`/`snn.conv2d`): the kernel
      unrolled (im2col) per group: `rows = (Cin/groups) * prod(kernel)` in
      (channel, ky, kx) order, `cols = Cout/groups`; `matrix` stacks the
      groups: `(groups * rows) x cols`, group `g` in rows
      `[g*rows, (g+1)*rows)`. `kernel`, `stride`, `dilation`, `pad_lo`,
      `pad_hi` keep the convolution's geometry (padding resolved); one
      crossbar read per output position.

    `bias` (per output element: `cols` for dense/sparse, `groups*cols`
    channels for conv) is added in the periphery.

    Filled in by the later passes: `utilization` (`xbar-tile`: matrix cells
    held / weight cells of the layer's tiles); `scale`, `max_level`,
    `clipped`, `zeroed` (`xbar-map-conductance`: the crossbar realizes the
    weight `level * scale`, |level| <= max_level).

    The region holds the layer's `xbar.tile` ops and the `xbar.route` ops
    that bring spikes to them.

    ```mlir
    %1 = xbar.layer "fc"(%0 : tensor<2xf32>) {kind = #xbar.kind<dense>,
        rows = 2, cols = 1, groups = 1,
        matrix = dense<[[0.5], [-0.25]]> : tensor<2x1xf64>} -> tensor<1xf32> {
      xbar.tile {group = 0, row_start = 0, rows = 2, col_start = 0, cols = 1}
    }
    ```
  }];
  let arguments = (ins StrAttr:$name, Variadic<Xbar_Tensor>:$inputs,
                       Xbar_MatrixKindAttr:$kind,
                       Xbar_I64:$rows, Xbar_I64:$cols, Xbar_I64:$groups,
                       OptionalAttr<F64ElementsAttr>:$matrix,
                       OptionalAttr<I64ElementsAttr>:$indptr,
                       OptionalAttr<I64ElementsAttr>:$indices,
                       OptionalAttr<F64ElementsAttr>:$values,
                       OptionalAttr<F64ElementsAttr>:$bias,
                       OptionalAttr<DenseI64ArrayAttr>:$kernel,
                       OptionalAttr<DenseI64ArrayAttr>:$stride,
                       OptionalAttr<DenseI64ArrayAttr>:$dilation,
                       OptionalAttr<DenseI64ArrayAttr>:$pad_lo,
                       OptionalAttr<DenseI64ArrayAttr>:$pad_hi,
                       OptionalAttr<F64Attr>:$utilization,
                       OptionalAttr<F64Attr>:$scale,
                       OptionalAttr<Xbar_I64>:$max_level,
                       OptionalAttr<Xbar_I64>:$clipped,
                       OptionalAttr<Xbar_I64>:$zeroed);
  let results = (outs Xbar_Tensor:$output);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $name (`(` $inputs^ `:` type($inputs) `)`)? attr-dict `->` type($output)
    $body
  }];
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Type":$output, "::llvm::StringRef":$name,
                   "::mlir::ValueRange":$inputs, "MatrixKind":$kind,
                   "int64_t":$rows, "int64_t":$cols, "int64_t":$groups)>
  ];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    ::llvm::iterator_range<::mlir::Block::op_iterator<TileOp>> getTiles();
    ::llvm::iterator_range<::mlir::Block::op_iterator<RouteOp>> getRoutes();
    /// Entry (row, col) of group `group`'s matrix (0 where a sparse matrix
    /// has no entry).
    double getEntry(int64_t group, int64_t row, int64_t col);
    /// Every stored entry as (group, row, col, value): the dense matrix
    /// (all cells) or the CSR entries.
    void forEachEntry(::llvm::function_ref<void(int64_t, int64_t, int64_t,
                                                double)> fn);
  }];
}

def Xbar_TileOp : Xbar_Op<"tile", [HasParent<"LayerOp">]> {
  let summary = "One tile-sized block of a layer's matrix";
  let description = [{
    The block `[row_start, row_start + rows) x [col_start, col_start + cols)`
    of group `group` of the parent layer's matrix, held by one crossbar
    tile. Made by `xbar-tile`; `xbar-map-conductance` adds `levels` (the
    signed conductance levels, `rows x cols` i32, |level| <= the layer's
    `max_level`) and `adc_full_scale` (level units); `xbar-place` adds `id`
    (the tile's index on the chip, in execution order) and its mesh
    position `x`, `y`.
  }];
  let arguments = (ins Xbar_I64:$group, Xbar_I64:$row_start, Xbar_I64:$rows,
                       Xbar_I64:$col_start, Xbar_I64:$cols,
                       OptionalAttr<I32ElementsAttr>:$levels,
                       OptionalAttr<F64Attr>:$adc_full_scale,
                       OptionalAttr<Xbar_I64>:$id,
                       OptionalAttr<Xbar_I64>:$x,
                       OptionalAttr<Xbar_I64>:$y);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Xbar_RouteOp : Xbar_Op<"route", [HasParent<"LayerOp">]> {
  let summary = "Spikes of a node's element range into one tile";
  let description = [{
    Elements `[begin, end)` of node `source`'s output travel from tile
    `from_tile` (-1: the host port, at mesh (0, 0)) to tile `to_tile`, one
    of the parent layer's tiles, which drives them on its rows; `hops` is
    the Manhattan distance on the mesh. Made by `xbar-route`.
  }];
  let arguments = (ins StrAttr:$source, Xbar_I64:$begin, Xbar_I64:$end,
                       Xbar_I64:$from_tile, Xbar_I64:$to_tile, Xbar_I64:$hops);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

#endif // NMC_DIALECT_XBAR_XBAROPS_TD
