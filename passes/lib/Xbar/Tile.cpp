//===- Tile.cpp - xbar-tile ----------------------------------------------===//
//
// Cuts every layer's matrix into blocks one tile holds. The block size comes
// from nmc::xbar::Hardware, so the passes and the emulator agree on it.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/Xbar/XbarOps.h"
#include "nmc/Xbar/XbarPasses.h"

#include "mlir/IR/Builders.h"

#include <set>

using namespace mlir;
using nmc::xbar::LayerOp;
using nmc::xbar::MatrixKind;
using nmc::xbar::TileOp;

namespace nmc {
#define GEN_PASS_DEF_XBARTILE
#include "nmc/Xbar/XbarPasses.h.inc"
} // namespace nmc

namespace {

struct XbarTilePass : nmc::impl::XbarTileBase<XbarTilePass> {
  using XbarTileBase::XbarTileBase;

  void runOnOperation() override {
    nmc::xbar::Hardware hw;
    hw.tile.rows = tileRows;
    hw.tile.cols = tileCols;
    hw.mapping.sign = sign;
    hw.mapping.slices = slices;
    if (slices < 1 || hw.logicalRows() < 1 || hw.logicalCols() < 1) {
      getOperation().emitError()
          << "xbar-tile: a " << hw.tile.rows << "x" << hw.tile.cols
          << " tile with " << hw.mapping.slices
          << " slice(s) holds no weight (logical block " << hw.logicalRows()
          << "x" << hw.logicalCols() << ")";
      return signalPassFailure();
    }
    for (LayerOp layer : getOperation().getBodyBlock().getOps<LayerOp>()) {
      if (!layer.getTiles().empty()) {
        layer.emitError() << "xbar-tile: layer '" << layer.getName()
                          << "' is already tiled";
        return signalPassFailure();
      }
      tileLayer(layer, hw.logicalRows(), hw.logicalCols());
    }
  }

  void tileLayer(LayerOp layer, int64_t blockRows, int64_t blockCols) {
    const int64_t rows = layer.getRows(), cols = layer.getCols();
    // Sparse layers: only blocks holding a nonzero entry get a tile.
    std::set<std::pair<int64_t, int64_t>> occupied;
    if (layer.getKind() == MatrixKind::Sparse)
      layer.forEachEntry([&](int64_t, int64_t r, int64_t c, double w) {
        if (w != 0)
          occupied.insert({r / blockRows, c / blockCols});
      });
    OpBuilder b = OpBuilder::atBlockEnd(&layer.getBodyBlock());
    int64_t held = 0, tiles = 0;
    for (int64_t g = 0; g < layer.getGroups(); ++g)
      for (int64_t r0 = 0; r0 < rows; r0 += blockRows)
        for (int64_t c0 = 0; c0 < cols; c0 += blockCols) {
          if (layer.getKind() == MatrixKind::Sparse &&
              !occupied.count({r0 / blockRows, c0 / blockCols}))
            continue;
          const int64_t r = std::min(blockRows, rows - r0);
          const int64_t c = std::min(blockCols, cols - c0);
          b.create<TileOp>(layer.getLoc(), b.getI64IntegerAttr(g),
                           b.getI64IntegerAttr(r0), b.getI64IntegerAttr(r),
                           b.getI64IntegerAttr(c0), b.getI64IntegerAttr(c),
                           /*levels=*/nullptr, /*adc_full_scale=*/nullptr,
                           /*id=*/nullptr, /*x=*/nullptr, /*y=*/nullptr);
          held += r * c;
          ++tiles;
        }
    if (tiles > 0)
      layer.setUtilization(
          APFloat(double(held) / double(tiles * blockRows * blockCols)));
  }
};

} // namespace
