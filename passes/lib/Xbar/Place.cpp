//===- Place.cpp - xbar-place --------------------------------------------===//
//
// Tiles go on the mesh in execution order along a snake (rows alternate
// direction), so consecutive tiles are always neighbours: a layer's tiles
// stay together and consecutive layers touch. Tile 0 sits at (0, 0), next
// to the host port.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Xbar/XbarOps.h"
#include "nmc/Xbar/XbarPasses.h"

using namespace mlir;
using nmc::xbar::LayerOp;
using nmc::xbar::TileOp;

namespace nmc {
#define GEN_PASS_DEF_XBARPLACE
#include "nmc/Xbar/XbarPasses.h.inc"
} // namespace nmc

namespace {

struct XbarPlacePass : nmc::impl::XbarPlaceBase<XbarPlacePass> {
  using XbarPlaceBase::XbarPlaceBase;

  void runOnOperation() override {
    nmc::snn::GraphOp graph = getOperation();
    nmc::xbar::Mesh mesh{meshWidth, meshHeight};
    if (mesh.width < 1 || mesh.height < 1) {
      graph.emitError() << "xbar-place: mesh " << mesh.width << "x"
                        << mesh.height << " has no tile";
      return signalPassFailure();
    }
    SmallVector<LayerOp> layers;
    int64_t needed = 0;
    for (Operation *op : nmc::snn::executionOrder(graph.getBodyBlock()))
      if (auto layer = dyn_cast<LayerOp>(op)) {
        layers.push_back(layer);
        needed += llvm::range_size(layer.getTiles());
      }
    const int64_t available = mesh.tiles();
    int64_t next = 0;
    for (LayerOp layer : layers) {
      const int64_t count = llvm::range_size(layer.getTiles());
      if (next + count > available) {
        layer.emitError() << "xbar-place: layer '" << layer.getName()
                          << "' needs " << count << " tiles but only "
                          << available - next << " of " << available
                          << " remain (network needs " << needed
                          << " tiles, chip has " << available << ")";
        return signalPassFailure();
      }
      for (TileOp tile : layer.getTiles()) {
        const int64_t y = next / mesh.width, column = next % mesh.width;
        tile.setId(next++);
        tile.setX(y % 2 == 0 ? column : mesh.width - 1 - column);
        tile.setY(y);
      }
    }
  }
};

} // namespace
