//===- XbarImageBuilder.cpp - Mapped xbar graph -> xbar payload ----------===//
//
// The network part reuses buildReferenceImage: xbar.layer ops become the
// reference weight records they came from, holding the weights the tiles
// realize (level * scale), so the fixed-point reference engine on `network`
// computes what the ideal crossbar computes.
//===----------------------------------------------------------------------===//
#include "nmc/Backends/XbarImageBuilder.h"
#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Xbar/XbarOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
namespace keys = nmc::image::keys;

namespace nmc {
namespace {

using xbar::LayerOp;
using xbar::MatrixKind;
using xbar::TileOp;

static_assert(int(MatrixKind::Dense) == int(xbar::LayerKind::Dense) &&
              int(MatrixKind::Sparse) == int(xbar::LayerKind::Sparse) &&
              int(MatrixKind::Conv) == int(xbar::LayerKind::Conv));

/// The realized matrix (groups*rows x cols, crossbar convention): level *
/// scale in every cell a tile holds, 0 elsewhere.
std::vector<double> realizedMatrix(LayerOp layer) {
  const int64_t rows = layer.getRows(), cols = layer.getCols();
  const double scale = layer.getScale()->convertToDouble();
  std::vector<double> m(layer.getGroups() * rows * cols, 0.0);
  for (TileOp tile : layer.getTiles()) {
    auto levels = tile.getLevels()->getValues<int32_t>();
    const int64_t base = tile.getGroup() * rows + tile.getRowStart();
    for (int64_t r = 0; r < tile.getRows(); ++r)
      for (int64_t c = 0; c < tile.getCols(); ++c)
        m[(base + r) * cols + tile.getColStart() + c] =
            levels[r * tile.getCols() + c] * scale;
  }
  return m;
}

std::vector<int64_t> i64s(DenseIntElementsAttr attr) {
  return std::vector<int64_t>(attr.getValues<int64_t>().begin(),
                              attr.getValues<int64_t>().end());
}

/// The reference record of a mapped layer, as its snn op would give it.
void fillLayerNode(LayerOp layer, image::Node &node) {
  const int64_t rows = layer.getRows(), cols = layer.getCols();
  std::vector<double> m = realizedMatrix(layer);
  std::vector<double> weight(m.size());
  switch (layer.getKind()) {
  case MatrixKind::Dense:
    node.kind = "affine"; // weight[out, in] = matrix[in, out]
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t o = 0; o < cols; ++o)
        weight[o * rows + i] = m[i * cols + o];
    break;
  case MatrixKind::Sparse: {
    node.kind = "sparse_affine";
    std::vector<int64_t> indptr = i64s(*layer.getIndptr());
    std::vector<int64_t> indices = i64s(*layer.getIndices());
    weight.resize(indices.size());
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t k = indptr[r]; k < indptr[r + 1]; ++k)
        weight[k] = m[r * cols + indices[k]];
    node.i[keys::kIndptr] = IntArray(std::move(indptr));
    node.i[keys::kIndices] = IntArray(std::move(indices));
    break;
  }
  case MatrixKind::Conv: {
    // weight (Cout, Cin/groups, k...) flattened = per output channel its
    // column of the group's matrix.
    setConvGeometry(node, *layer.getKernel(), *layer.getStride(),
                    *layer.getDilation(), *layer.getPadLo(), *layer.getPadHi(),
                    layer.getGroups());
    for (int64_t g = 0; g < layer.getGroups(); ++g)
      for (int64_t c = 0; c < cols; ++c)
        for (int64_t r = 0; r < rows; ++r)
          weight[(g * cols + c) * rows + r] = m[(g * rows + r) * cols + c];
    break;
  }
  }
  node.f[keys::kWeight] = FloatArray(std::move(weight));
  if (auto bias = layer.getBias())
    node.f[keys::kBias] =
        FloatArray(snn::getFloatValues(cast<DenseFPElementsAttr>(*bias)));
}

/// Checks that `layer` went through xbar-map-conductance and xbar-place
/// for this hardware.
LogicalResult checkMapped(LayerOp layer, const xbar::Hardware &hw) {
  auto err = [&]() {
    return layer.emitError()
           << "xbar image: layer '" << layer.getName() << "' ";
  };
  if (!layer.getScale() || !layer.getMaxLevel())
    return err() << "is not mapped; run xbar-map-conductance";
  if (*layer.getMaxLevel() != hw.maxLevel())
    return err() << "was mapped for top level " << *layer.getMaxLevel()
                 << " but hardware '" << hw.name << "' has " << hw.maxLevel();
  for (TileOp tile : layer.getTiles())
    if (!tile.getLevels() || !tile.getId() || !tile.getX() || !tile.getY())
      return err() << "has a tile without levels or position; run "
                      "xbar-map-conductance and xbar-place";
  return success();
}

} // namespace

LogicalResult buildXbarImage(snn::GraphOp graph, const xbar::Hardware &hw,
                             xbar::XbarPayload &out) {
  if (auto format = graph->getAttrOfType<StringAttr>("number_format");
      format && format.getValue() != hw.numberFormat)
    return graph.emitError() << "xbar image: graph is quantized to "
                             << format.getValue() << " but hardware '"
                             << hw.name << "' computes in " << hw.numberFormat;
  std::vector<Operation *> order = snn::executionOrder(graph.getBodyBlock());
  SmallVector<LayerOp> layers;
  for (Operation *op : order)
    if (auto layer = dyn_cast<LayerOp>(op)) {
      if (failed(checkMapped(layer, hw)))
        return failure();
      layers.push_back(layer);
    }

  auto fillLayer = [](Operation *op,
                      image::Node &node) -> std::optional<LogicalResult> {
    auto layer = dyn_cast<LayerOp>(op);
    if (!layer)
      return std::nullopt;
    fillLayerNode(layer, node);
    return success();
  };
  out.network = image::Image();
  if (failed(buildReferenceImage(graph, out.network, nullptr, fillLayer)))
    return failure();
  out.network.numberFormat = hw.numberFormat;
  out.hw = hw;

  out.layers.clear();
  out.tiles.clear();
  for (auto [index, layer] : llvm::enumerate(layers)) {
    xbar::Layer &l = out.layers.emplace_back();
    l.node = layer.getName().str();
    l.kind = static_cast<xbar::LayerKind>(layer.getKind());
    l.rows = layer.getRows();
    l.cols = layer.getCols();
    l.groups = layer.getGroups();
    l.scale = layer.getScale()->convertToDouble();
    l.clipped = layer.getClipped().value_or(0);
    l.zeroed = layer.getZeroed().value_or(0);
    for (TileOp tile : layer.getTiles()) {
      xbar::Tile &t = out.tiles.emplace_back();
      t.layer = static_cast<int64_t>(index);
      t.group = tile.getGroup();
      t.rowStart = tile.getRowStart();
      t.rows = tile.getRows();
      t.colStart = tile.getColStart();
      t.cols = tile.getCols();
      auto levels = tile.getLevels()->getValues<int32_t>();
      t.levels.assign(levels.begin(), levels.end());
      if (auto fullScale = tile.getAdcFullScale())
        t.adcFullScale = fullScale->convertToDouble();
      t.x = *tile.getX();
      t.y = *tile.getY();
    }
  }
  // Tile ids are positions in `tiles`: xbar-place numbers them in this
  // order; a hand-edited graph that does not is refused.
  int64_t expected = 0;
  for (LayerOp layer : layers)
    for (TileOp tile : layer.getTiles())
      if (*tile.getId() != expected++)
        return layer.emitError()
               << "xbar image: layer '" << layer.getName() << "' has tile id "
               << *tile.getId() << " where " << expected - 1
               << " was expected (tiles are numbered in execution order by "
                  "xbar-place)";

  out.periphery.clear();
  for (Operation *op : order)
    if (auto slices = op->getAttrOfType<DenseI64ArrayAttr>(
            xbar::XbarDialect::kPeripheryAttr)) {
      ArrayRef<int64_t> v = slices.asArrayRef();
      for (size_t k = 0; k + 2 < v.size(); k += 3)
        out.periphery.push_back(
            {snn::getNodeName(op).str(), v[k], v[k + 1], v[k + 2]});
    }
  out.routes.clear();
  for (LayerOp layer : layers)
    for (xbar::RouteOp route : layer.getRoutes())
      out.routes.push_back({route.getSource().str(), route.getBegin(),
                            route.getEnd(), route.getFromTile(),
                            route.getToTile(), route.getHops()});
  return success();
}

} // namespace nmc
