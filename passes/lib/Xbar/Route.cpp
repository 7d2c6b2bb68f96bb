//===- Route.cpp - xbar-route --------------------------------------------===//
//
// Decides which tile's periphery computes every element of every node (its
// home) and routes the spikes a tile drives on its rows from their homes.
// The rules are in XbarPasses.td (XbarRoute).
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Xbar/XbarOps.h"
#include "nmc/Xbar/XbarPasses.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

#include <map>

using namespace mlir;
using nmc::xbar::LayerOp;
using nmc::xbar::MatrixKind;
using nmc::xbar::RouteOp;
using nmc::xbar::TileOp;

namespace nmc {
#define GEN_PASS_DEF_XBARROUTE
#include "nmc/Xbar/XbarPasses.h.inc"
} // namespace nmc

namespace {

/// The host port as a tile id (xbar::kHostPort of XbarImage.h, which the
/// compiler does not include: it needs HDF5).
constexpr int64_t kHost = -1;

/// Elements [begin, end) of a node live at `tile` (kHost for inputs).
struct Slice {
  int64_t begin, end, tile;
};
using Slices = std::vector<Slice>;

int64_t elementCount(Value value) {
  auto shape = nmc::snn::getShape(value.getType());
  return shape ? nmc::snn::numElements(*shape) : 0;
}

/// Sorts, fills gaps with `fallback` and merges neighbours on one tile.
Slices normalize(Slices slices, int64_t size, int64_t fallback) {
  llvm::sort(slices,
             [](const Slice &a, const Slice &b) { return a.begin < b.begin; });
  Slices out;
  auto push = [&](Slice s) {
    if (s.begin >= s.end)
      return;
    if (!out.empty() && out.back().end == s.begin && out.back().tile == s.tile)
      out.back().end = s.end;
    else
      out.push_back(s);
  };
  int64_t at = 0;
  for (const Slice &s : slices) {
    push({at, s.begin, fallback});
    push(s);
    at = std::max(at, s.end);
  }
  push({at, size, fallback});
  return out;
}

/// Where a layer's outputs are computed: a column block's elements at the
/// tile of its last row block (where its partial sums meet).
Slices layerHomes(LayerOp layer) {
  // (group, col_start) -> the tile with the largest row_start.
  std::map<std::pair<int64_t, int64_t>, TileOp> last;
  int64_t fallback = 0;
  for (TileOp tile : layer.getTiles()) {
    TileOp &slot = last[{tile.getGroup(), tile.getColStart()}];
    if (!slot || slot.getRowStart() < tile.getRowStart())
      slot = tile;
    fallback = *tile.getId();
  }
  const int64_t size = elementCount(layer.getResult());
  const int64_t cols = layer.getCols();
  // Elements per output column: 1, or a conv channel's positions.
  const int64_t per = size / (layer.getGroups() * cols);
  Slices slices;
  for (auto &[key, tile] : last) {
    const int64_t first = key.first * cols + key.second;
    slices.push_back(
        {first * per, (first + tile.getCols()) * per, *tile.getId()});
  }
  return normalize(std::move(slices), size, fallback);
}

/// The element range of `value` a tile drives on its rows.
std::pair<int64_t, int64_t> tileInputs(LayerOp layer, TileOp tile,
                                       int64_t inputSize) {
  const int64_t r0 = tile.getRowStart(), r1 = r0 + tile.getRows();
  if (layer.getKind() != MatrixKind::Conv)
    return {r0, r1};
  // A named copy: ranging over *getKernel() would dangle (the optional is
  // a temporary).
  const ArrayRef<int64_t> kernel = *layer.getKernel();
  int64_t window = 1;
  for (int64_t k : kernel)
    window *= k;
  const int64_t channelsPerGroup = layer.getRows() / window;
  const int64_t positions = inputSize / (layer.getGroups() * channelsPerGroup);
  const int64_t base = tile.getGroup() * channelsPerGroup;
  return {(base + r0 / window) * positions,
          (base + (r1 + window - 1) / window) * positions};
}

struct XbarRoutePass : nmc::impl::XbarRouteBase<XbarRoutePass> {
  void runOnOperation() override {
    nmc::snn::GraphOp graph = getOperation();
    std::vector<Operation *> order =
        nmc::snn::executionOrder(graph.getBodyBlock());
    llvm::DenseMap<int64_t, std::pair<int64_t, int64_t>> position;
    llvm::DenseMap<Operation *, Slices> homes;
    for (Operation *op : order) {
      if (auto layer = dyn_cast<LayerOp>(op)) {
        for (TileOp tile : layer.getTiles()) {
          if (!tile.getId() || !tile.getX() || !tile.getY()) {
            layer.emitError() << "xbar-route: layer '" << layer.getName()
                              << "' is not placed; run xbar-place first";
            return signalPassFailure();
          }
          position[*tile.getId()] = {*tile.getX(), *tile.getY()};
        }
        homes[op] = layerHomes(layer);
      } else if (isa<nmc::snn::InputOp>(op)) {
        homes[op] = {{0, elementCount(op->getResult(0)), kHost}};
      }
    }
    if (position.empty()) {
      graph.emitError() << "xbar-route: the network has no crossbar tile "
                           "(no weight layer was mapped)";
      return signalPassFailure();
    }
    for (Operation *op : order)
      if (!homes.count(op))
        homes[op] = inheritHome(op, homes);

    for (Operation *op : order)
      if (auto layer = dyn_cast<LayerOp>(op))
        routeInto(layer, homes, position);
  }

  /// A periphery node's home: that of its first operand fed by a layer,
  /// else of its first operand already placed; host -> tile 0.
  Slices inheritHome(Operation *op,
                     const llvm::DenseMap<Operation *, Slices> &homes) {
    const int64_t size = elementCount(op->getResult(0));
    Operation *source = nullptr;
    for (Value in : op->getOperands())
      if (isa_and_nonnull<LayerOp>(in.getDefiningOp())) {
        source = in.getDefiningOp();
        break;
      }
    if (!source)
      for (Value in : op->getOperands())
        if (homes.count(in.getDefiningOp())) {
          source = in.getDefiningOp();
          break;
        }
    Slices slices;
    if (source) {
      const int64_t inSize = elementCount(source->getResult(0));
      auto scaled = [&](int64_t k) {
        return inSize ? (k * size + inSize - 1) / inSize : 0;
      };
      for (const Slice &s : homes.lookup(source))
        slices.push_back(
            {scaled(s.begin), scaled(s.end), s.tile == kHost ? 0 : s.tile});
    }
    slices = normalize(std::move(slices), size, 0);
    SmallVector<int64_t> flat;
    for (const Slice &s : slices)
      flat.append({s.begin, s.end, s.tile});
    op->setAttr(nmc::xbar::XbarDialect::kPeripheryAttr,
                DenseI64ArrayAttr::get(op->getContext(), flat));
    return slices;
  }

  void routeInto(
      LayerOp layer, const llvm::DenseMap<Operation *, Slices> &homes,
      const llvm::DenseMap<int64_t, std::pair<int64_t, int64_t>> &position) {
    for (RouteOp route : llvm::make_early_inc_range(layer.getRoutes()))
      route.erase();
    SmallVector<Operation *> sources;
    for (Value in : layer.getInputs())
      if (!llvm::is_contained(sources, in.getDefiningOp()))
        sources.push_back(in.getDefiningOp());
    SmallVector<TileOp> tiles(layer.getTiles());
    OpBuilder b = OpBuilder::atBlockEnd(&layer.getBodyBlock());
    for (TileOp tile : tiles) {
      auto [tx, ty] = position.lookup(*tile.getId());
      for (Operation *source : sources) {
        auto [lo, hi] =
            tileInputs(layer, tile, elementCount(source->getResult(0)));
        for (const Slice &s : homes.lookup(source)) {
          const int64_t begin = std::max(lo, s.begin);
          const int64_t end = std::min(hi, s.end);
          if (begin >= end)
            continue;
          auto [fx, fy] = s.tile == kHost ? std::pair<int64_t, int64_t>{0, 0}
                                          : position.lookup(s.tile);
          const int64_t hops = std::abs(tx - fx) + std::abs(ty - fy);
          b.create<RouteOp>(
              layer.getLoc(), b.getStringAttr(nmc::snn::getNodeName(source)),
              b.getI64IntegerAttr(begin), b.getI64IntegerAttr(end),
              b.getI64IntegerAttr(s.tile), b.getI64IntegerAttr(*tile.getId()),
              b.getI64IntegerAttr(hops));
        }
      }
    }
  }
};

} // namespace
