//===- XbarPasses.td - Passes of the crossbar target -------*- tablegen -*-===//
//
// The mapping of docs/targets/xbar.md, in pipeline order. Option defaults
// are those of nmc::xbar::Hardware (Hardware.h), the one definition.
//===----------------------------------------------------------------------===//
#ifndef NMC_XBAR_XBARPASSES_TD
#define NMC_XBAR_XBARPASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSNNToXbar : Pass<"convert-snn-to-xbar", "nmc::snn::GraphOp"> {
  let summary = "Turn every weight node into an xbar.layer matrix";
  let description = [{
    Replaces `snn.affine` and `snn.linear` (dense), `snn.sparse_affine`
    (sparse, CSR by input row) and `snn.conv1d`/`snn.conv2d` (kernel
    unrolled per group: rows (Cin/groups)*prod(kernel) in (channel, ky, kx)
    order, cols Cout/groups) by `xbar.layer` ops with the same name, inputs
    and result. Matrices are in the crossbar convention (rows = inputs,
    cols = outputs), values widened to f64; the bias and the convolution's
    geometry (padding resolved) stay on the layer. Every other node is left
    as it is: it runs in the digital periphery. Expects a discretized (and
    for exact agreement with the fixed-point reference, quantized) graph.
  }];
  let dependentDialects = ["nmc::xbar::XbarDialect"];
}

def XbarTile : Pass<"xbar-tile", "nmc::snn::GraphOp"> {
  let summary = "Split every layer's matrix into tile-sized blocks";
  let description = [{
    Adds to every `xbar.layer` one `xbar.tile` per block of
    `logicalRows() x logicalCols()` cells (Hardware.h: differential pairs
    halve the rows, the offset scheme loses a reference column, slices
    divide the columns), per group, row blocks outer, column blocks inner.
    Row blocks' partial sums are added digitally; column blocks sit side by
    side. Blocks of a sparse layer without a nonzero entry get no tile. The
    layer's `utilization` is the matrix cells its tiles hold divided by the
    tiles' logical cells.
  }];
  let options = [
    Option<"tileRows", "tile-rows", "int64_t",
           "::nmc::xbar::TileGeometry().rows",
           "physical rows (word lines) per tile">,
    Option<"tileCols", "tile-cols", "int64_t",
           "::nmc::xbar::TileGeometry().cols",
           "physical columns (bit lines) per tile">,
    Option<"sign", "sign", "::nmc::xbar::SignScheme",
           "::nmc::xbar::Mapping().sign",
           "signed weights: differential | offset",
           "::nmc::xbar::signOptionValues()">,
    Option<"slices", "slices", "int64_t", "::nmc::xbar::Mapping().slices",
           "weight digits over adjacent columns (bit slicing)">
  ];
}

def XbarMapConductance : Pass<"xbar-map-conductance", "nmc::snn::GraphOp"> {
  let summary = "Quantize every tile's weights to signed conductance levels";
  let description = [{
    Per layer: scale = (the `clip-percentile` of the nonzero |W|, linear
    interpolation between ranks) / maxLevel, rounded to `number-format`
    (nearest, ties away from zero), at least one LSB and at most
    the format's largest value / maxLevel; level = round(W / scale) (ties
    away from zero) clamped to +-maxLevel, where maxLevel =
    levels^slices - 1 (differential) or (levels - 1) / 2 (offset). Sets the
    layer's `scale`, `max_level`, `clipped` (weights clamped) and `zeroed`
    (nonzero weights that became level 0), warning once per layer where
    either is nonzero, and every tile's `levels` and `adc_full_scale`:
    calibrated = the largest over the tile's columns of max(sum of positive
    levels, sum of |negative levels|), or `adc-full-scale` when fixed.
  }];
  let options = [
    Option<"levels", "levels", "int64_t", "::nmc::xbar::Device().levels",
           "programmable levels per device">,
    Option<"slices", "slices", "int64_t", "::nmc::xbar::Mapping().slices",
           "weight digits over adjacent columns (bit slicing)">,
    Option<"sign", "sign", "::nmc::xbar::SignScheme",
           "::nmc::xbar::Mapping().sign",
           "signed weights: differential | offset",
           "::nmc::xbar::signOptionValues()">,
    Option<"clipPercentile", "clip-percentile", "double",
           "::nmc::xbar::Mapping().clipPercentile",
           "percentile of the nonzero |W| mapped to the top level (0, 100]">,
    Option<"numberFormat", "number-format", "std::string", "\"\"",
           "periphery format the scale is rounded to (sI.F/uI.F); empty = "
           "the graph's number_format (set by snn-quantize)">,
    Option<"adcRange", "adc-range", "::nmc::xbar::AdcRange",
           "::nmc::xbar::Adc().range",
           "ADC full scale: calibrated (per tile) | fixed",
           "::nmc::xbar::adcRangeOptionValues()">,
    Option<"adcFullScale", "adc-full-scale", "double",
           "::nmc::xbar::Adc().fullScale",
           "ADC full scale in level units, for adc-range=fixed">
  ];
}

def XbarPlace : Pass<"xbar-place", "nmc::snn::GraphOp"> {
  let summary = "Give every tile an id and a position on the mesh";
  let description = [{
    Numbers the tiles 0, 1, ... in execution order (layers in the order of
    the reference image, a layer's tiles in their order) and lays them out
    on the `mesh-width x mesh-height` mesh row by row, every other row
    right to left (a snake): tile k sits in row y = k / width, at
    x = k % width on even rows and width - 1 - k % width on odd rows. So
    consecutive tiles, in particular the tiles of one layer and the last
    and first tiles of consecutive layers, are mesh neighbours, and tile 0
    is at (0, 0) next to the host port. A network with more tiles than the
    mesh is an error on the first layer that does not fit.
  }];
  let options = [
    Option<"meshWidth", "mesh-width", "int64_t", "::nmc::xbar::Mesh().width",
           "tiles per mesh row">,
    Option<"meshHeight", "mesh-height", "int64_t",
           "::nmc::xbar::Mesh().height", "tile rows of the mesh">
  ];
}

def XbarRoute : Pass<"xbar-route", "nmc::snn::GraphOp"> {
  let summary = "Assign periphery work to tiles and route spikes to tiles";
  let description = [{
    Home tiles: the outputs of a layer's column block (all channels of the
    block for a convolution) are computed at the tile holding that block's
    last row block, where the partial sums meet. Every other node except
    inputs inherits the home of its first operand fed by a layer, else of
    its first operand whose home is known in execution order; element
    ranges scale with the element counts (exact for flatten, and for
    pooling of whole channels). Nodes fed only by inputs (whose source is
    the host port) live at tile 0, next to the port. The result is the
    `xbar.periphery` attribute of every such node.

    Routes: for every layer tile and every range of a source node (an
    input node: the host port, -1, at (0, 0); otherwise its home tiles)
    that the tile drives on its rows, one `xbar.route` with `hops` the
    Manhattan distance. Needs placed tiles (`xbar-place`); replaces any
    routes already there.
  }];
}

#endif // NMC_XBAR_XBARPASSES_TD
