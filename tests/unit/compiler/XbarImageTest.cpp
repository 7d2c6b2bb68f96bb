//===- XbarImageTest.cpp - NIR fixture -> xbar pipeline -> payload ------===//
//
// Compiles real fixtures with populateXbarPipeline and checks the payload
// against facts computed here from the snn graph before mapping: tile
// counts from the matrix shapes, realized weights = level * scale close to
// the original weights, mesh distances of the routes.
//===----------------------------------------------------------------------===//
#include "Fixtures.h"

#include "nmc/Backends/XbarImageBuilder.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Xbar/XbarDialect.h"
#include "nmc/NIR/NIRTranslation.h"
#include "nmc/Pipelines/Pipelines.h"
#include "nmc/Pipelines/XbarPipeline.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace mlir;
using namespace nmc;

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// A weight node before mapping: its matrix shape and NIR weights.
struct WeightNode {
  int64_t rows = 0, cols = 0, groups = 1; ///< crossbar convention
  std::vector<double> weight;             ///< NIR layout
};

/// Weight nodes of the lowered graph, by name, read from the snn ops.
std::map<std::string, WeightNode> weightNodes(snn::GraphOp graph) {
  std::map<std::string, WeightNode> nodes;
  for (Operation &op : graph.getBodyBlock()) {
    auto weight = op.getAttrOfType<DenseFPElementsAttr>("weight");
    if (!weight || isa<snn::SparseAffineOp>(op))
      continue;
    auto shape = weight.getType().getShape();
    WeightNode n;
    n.weight = snn::getFloatValues(weight);
    if (isa<snn::Conv1dOp, snn::Conv2dOp>(op)) {
      n.groups = op.getAttrOfType<IntegerAttr>("groups").getInt();
      n.rows = snn::numElements(shape.drop_front());
      n.cols = shape[0] / n.groups;
    } else {
      n.rows = shape[1];
      n.cols = shape[0];
    }
    nodes[snn::getNodeName(&op).str()] = n;
  }
  return nodes;
}

struct Compiled {
  std::map<std::string, WeightNode> before;
  xbar::XbarPayload payload;
};

::testing::AssertionResult compile(const std::string &fixture,
                                   const xbar::Hardware &hw, Compiled &out) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, xbar::XbarDialect>();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return success();
  });
  OwningOpRef<ModuleOp> module = importNIRFile(test::fixture(fixture), &ctx);
  if (!module)
    return ::testing::AssertionFailure() << "import: " << diagnostics;
  PassManager lowering(&ctx);
  populateSNNLoweringPipeline(lowering, {});
  if (failed(lowering.run(*module)))
    return ::testing::AssertionFailure() << "lowering: " << diagnostics;
  auto graph = *module->getOps<snn::GraphOp>().begin();
  out.before = weightNodes(graph);
  PassManager pm(&ctx);
  populateXbarPipeline(pm, hw);
  if (failed(pm.run(*module)))
    return ::testing::AssertionFailure() << "xbar pipeline: " << diagnostics;
  if (failed(buildXbarImage(graph, hw, out.payload)))
    return ::testing::AssertionFailure() << "image: " << diagnostics;
  return ::testing::AssertionSuccess();
}

const image::Node &nodeNamed(const image::Image &img, const std::string &n) {
  for (const image::Node &node : img.nodes)
    if (node.name == n)
      return node;
  ADD_FAILURE() << "no node " << n;
  return img.nodes.front();
}

/// The facts every compiled fixture must satisfy.
void checkPayload(const Compiled &c, const xbar::Hardware &hw) {
  const xbar::XbarPayload &p = c.payload;
  EXPECT_EQ(p.network.numberFormat, hw.numberFormat);
  ASSERT_EQ(p.layers.size(), c.before.size());
  const int64_t lr = hw.logicalRows(), lc = hw.logicalCols();
  int64_t expectedTiles = 0;
  for (const auto &[name, n] : c.before)
    expectedTiles += ceilDiv(n.rows, lr) * ceilDiv(n.cols, lc) * n.groups;
  ASSERT_EQ(static_cast<int64_t>(p.tiles.size()), expectedTiles);

  const double lsb = std::ldexp(1.0, -15); // s16.15
  for (size_t li = 0; li < p.layers.size(); ++li) {
    const xbar::Layer &layer = p.layers[li];
    SCOPED_TRACE(layer.node);
    const WeightNode &before = c.before.at(layer.node);
    EXPECT_EQ(layer.rows, before.rows);
    EXPECT_EQ(layer.cols, before.cols);
    EXPECT_EQ(layer.groups, before.groups);
    // The scale is a value of the periphery format.
    EXPECT_EQ(std::fmod(layer.scale, lsb), 0.0);
    EXPECT_EQ(layer.clipped, 0); // clip percentile 100: the max maps exactly
    // Realized weight of (group, row, col), from the tiles.
    std::vector<double> realized(before.weight.size(), 0.0);
    for (const xbar::Tile &t : p.tiles) {
      if (t.layer != static_cast<int64_t>(li))
        continue;
      ASSERT_EQ(static_cast<int64_t>(t.levels.size()), t.rows * t.cols);
      for (int64_t r = 0; r < t.rows; ++r)
        for (int64_t col = 0; col < t.cols; ++col) {
          const int32_t level = t.levels[r * t.cols + col];
          EXPECT_LE(std::abs(level), hw.maxLevel());
          // NIR layout: output (group*cols + col), then the row.
          const int64_t out = t.group * layer.cols + t.colStart + col;
          realized[out * layer.rows + t.rowStart + r] = level * layer.scale;
        }
    }
    const image::Node &node = nodeNamed(p.network, layer.node);
    const FloatArray &w = node.f.at("weight");
    ASSERT_EQ(w.size(), realized.size());
    for (size_t k = 0; k < realized.size(); ++k) {
      EXPECT_EQ(w[k], realized[k]) << "weight " << k;
      // level * scale is within half a step (plus the quantization of W to
      // the format) of the original weight.
      EXPECT_LE(std::fabs(realized[k] - before.weight[k]),
                layer.scale / 2 + lsb / 2 + 1e-12)
          << "weight " << k;
    }
  }
  for (const xbar::Route &r : p.routes) {
    ASSERT_GE(r.toTile, 0);
    ASSERT_LT(r.toTile, static_cast<int64_t>(p.tiles.size()));
    const xbar::Tile &to = p.tiles[r.toTile];
    int64_t fx = 0, fy = 0;
    if (r.fromTile != xbar::kHostPort) {
      fx = p.tiles[r.fromTile].x;
      fy = p.tiles[r.fromTile].y;
    }
    EXPECT_EQ(r.hops, std::abs(to.x - fx) + std::abs(to.y - fy));
  }
  // Every non-input, non-weight node is computed somewhere, completely.
  std::map<std::string, int64_t> covered;
  for (const xbar::PeripherySlice &s : p.periphery)
    covered[s.node] += s.end - s.begin;
  for (const image::Node &node : p.network.nodes) {
    if (node.kind == "input" || c.before.count(node.name))
      continue;
    int64_t size = 1;
    for (int64_t d : node.outShape)
      size *= d;
    EXPECT_EQ(covered[node.name], size) << node.name;
  }
}

TEST(XbarImage, PaperCnnOnRram256) {
  xbar::Hardware hw;                   // rram-256 defaults
  hw.mesh.width = hw.mesh.height = 64; // room for every tile
  Compiled c;
  ASSERT_TRUE(compile("paper_cnn_sinabs.nir", hw, c));
  EXPECT_FALSE(c.before.empty());
  checkPayload(c, hw);
}

TEST(XbarImage, FeedForwardAffineOnSmallOffsetTiles) {
  xbar::Hardware hw;
  hw.tile.rows = hw.tile.cols = 8; // many tiles: 8 rows x 7 columns each
  hw.mapping.sign = xbar::SignScheme::Offset;
  hw.mesh.width = hw.mesh.height = 64;
  Compiled c;
  ASSERT_TRUE(compile("gen_ff_affine_lif.nir", hw, c));
  checkPayload(c, hw);
}

TEST(XbarImage, TooSmallChipFailsNamingTheLayer) {
  xbar::Hardware hw;
  hw.tile.rows = hw.tile.cols = 4;
  hw.mesh.width = hw.mesh.height = 1;
  Compiled c;
  ::testing::AssertionResult r = compile("gen_ff_affine_lif.nir", hw, c);
  ASSERT_FALSE(r);
  EXPECT_NE(std::string(r.message()).find("xbar-place: layer '"),
            std::string::npos)
      << r.message();
  EXPECT_NE(std::string(r.message()).find("chip has 1)"), std::string::npos)
      << r.message();
}

} // namespace
