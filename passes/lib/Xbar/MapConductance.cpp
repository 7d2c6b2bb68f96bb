//===- MapConductance.cpp - xbar-map-conductance -------------------------===//
//
// Weights become signed conductance levels times one scale per layer. The
// scale is a value of the periphery format (FixedPoint.h), so the periphery
// multiplies column sums by it exactly as the fixed-point reference
// multiplies by the realized weights level * scale.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Xbar/XbarOps.h"
#include "nmc/Model/FixedPoint.h"
#include "nmc/Xbar/XbarPasses.h"

#include "mlir/IR/Builders.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

using namespace mlir;
using nmc::xbar::LayerOp;
using nmc::xbar::MatrixKind;
using nmc::xbar::TileOp;
namespace model = nmc::model;

namespace nmc {
#define GEN_PASS_DEF_XBARMAPCONDUCTANCE
#include "nmc/Xbar/XbarPasses.h.inc"
} // namespace nmc

namespace {

/// The p-th percentile (0 < p <= 100) of `values`, linear interpolation
/// between closest ranks (numpy's default). `values` is sorted in place.
double percentile(std::vector<double> &values, double p) {
  std::sort(values.begin(), values.end());
  const double pos = p / 100.0 * double(values.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  if (lo + 1 >= values.size())
    return values.back();
  return values[lo] + (pos - double(lo)) * (values[lo + 1] - values[lo]);
}

/// The shortest decimal that reads back as `x` (the exact scale, unlike
/// the diagnostic's 7 digits).
std::string shortest(double x) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

struct XbarMapConductancePass
    : nmc::impl::XbarMapConductanceBase<XbarMapConductancePass> {
  using XbarMapConductanceBase::XbarMapConductanceBase;

  void runOnOperation() override {
    nmc::snn::GraphOp graph = getOperation();
    nmc::xbar::Hardware hw;
    hw.device.levels = levels;
    hw.mapping.slices = slices;
    hw.mapping.sign = sign;
    if (levels < 2 || slices < 1 ||
        (sign == nmc::xbar::SignScheme::Offset && slices != 1)) {
      graph.emitError() << "xbar-map-conductance: needs levels >= 2 and "
                           "slices >= 1 (exactly 1 with the offset scheme)";
      return signalPassFailure();
    }
    if (hw.maxLevel() < 1 ||
        hw.maxLevel() > std::numeric_limits<int32_t>::max()) {
      graph.emitError() << "xbar-map-conductance: " << hw.device.levels
                        << " levels"
                        << " over " << hw.mapping.slices
                        << " slices give a top level " << hw.maxLevel()
                        << " outside [1, 2^31)";
      return signalPassFailure();
    }
    if (!(clipPercentile > 0 && clipPercentile <= 100)) {
      graph.emitError() << "xbar-map-conductance: clip-percentile "
                        << shortest(clipPercentile) << " is not in (0, 100]";
      return signalPassFailure();
    }
    std::string formatName = numberFormat;
    if (formatName.empty())
      if (auto attr = graph->getAttrOfType<StringAttr>("number_format"))
        formatName = attr.str();
    std::optional<model::FixedFormat> fmt = model::parseFixedFormat(formatName);
    if (!fmt) {
      graph.emitError() << "xbar-map-conductance: number format '" << formatName
                        << "' is not sI.F or uI.F (give number-format or run "
                           "snn-quantize first)";
      return signalPassFailure();
    }
    for (LayerOp layer : graph.getBodyBlock().getOps<LayerOp>())
      if (failed(mapLayer(layer, hw.maxLevel(), *fmt)))
        return signalPassFailure();
  }

  /// The layer's scale: percentile / maxLevel in the periphery format, at
  /// least one LSB, at most so that maxLevel * scale stays in the format.
  double layerScale(LayerOp layer, int64_t maxLevel,
                    const model::FixedFormat &fmt) {
    std::vector<double> magnitudes;
    layer.forEachEntry([&](int64_t, int64_t, int64_t, double w) {
      if (w != 0)
        magnitudes.push_back(std::fabs(w));
    });
    const double top =
        magnitudes.empty() ? 0.0 : percentile(magnitudes, clipPercentile);
    int64_t raw =
        model::fixed::fromDouble(top / double(maxLevel), fmt,
                                 model::Rounding::Nearest, nullptr, nullptr);
    raw = std::clamp<int64_t>(raw, 1,
                              std::max<int64_t>(1, fmt.maxRaw() / maxLevel));
    return model::fixed::toDouble(raw, fmt);
  }

  LogicalResult mapLayer(LayerOp layer, int64_t maxLevel,
                         const model::FixedFormat &fmt) {
    if (layer.getTiles().empty())
      return layer.emitError()
             << "xbar-map-conductance: layer '" << layer.getName()
             << "' has no tiles; run xbar-tile first";
    const double scale = layerScale(layer, maxLevel, fmt);
    int64_t clipped = 0, zeroed = 0;
    auto levelOf = [&](double w) {
      double level = std::round(w / scale); // ties away from zero
      if (std::fabs(level) > double(maxLevel)) {
        ++clipped;
        level = level > 0 ? double(maxLevel) : -double(maxLevel);
      }
      if (w != 0 && level == 0)
        ++zeroed;
      return static_cast<int32_t>(level);
    };
    // Levels of the whole matrix, laid out as the matrix or the CSR values.
    std::vector<int32_t> all;
    layer.forEachEntry([&](int64_t, int64_t, int64_t, double w) {
      all.push_back(levelOf(w));
    });

    OpBuilder b(layer.getContext());
    for (TileOp tile : layer.getTiles()) {
      const int64_t rows = tile.getRows(), cols = tile.getCols();
      std::vector<int32_t> block(rows * cols, 0);
      fillBlock(layer, tile, all, block);
      double fullScale = adcFullScale;
      if (adcRange == nmc::xbar::AdcRange::Calibrated) {
        fullScale = 0;
        for (int64_t c = 0; c < cols; ++c) {
          int64_t pos = 0, neg = 0;
          for (int64_t r = 0; r < rows; ++r) {
            const int32_t level = block[r * cols + c];
            (level > 0 ? pos : neg) += std::abs(level);
          }
          fullScale = std::max(fullScale, double(std::max(pos, neg)));
        }
      }
      auto type = RankedTensorType::get({rows, cols}, b.getI32Type());
      tile.setLevelsAttr(DenseIntElementsAttr::get(type, ArrayRef(block)));
      tile.setAdcFullScale(APFloat(fullScale));
    }
    layer.setScale(APFloat(scale));
    layer.setMaxLevel(maxLevel);
    layer.setClipped(clipped);
    layer.setZeroed(zeroed);
    if (clipped || zeroed)
      layer.emitWarning() << "xbar-map-conductance: layer '" << layer.getName()
                          << "': " << clipped << " weight(s) clip to +-"
                          << maxLevel << " levels and " << zeroed
                          << " nonzero weight(s) become level 0 (scale "
                          << shortest(scale) << ")";
    return success();
  }

  /// Copies the tile's block out of the layer's levels.
  static void fillBlock(LayerOp layer, TileOp tile,
                        const std::vector<int32_t> &all,
                        std::vector<int32_t> &block) {
    const int64_t r0 = tile.getRowStart(), c0 = tile.getColStart();
    const int64_t rows = tile.getRows(), cols = tile.getCols();
    if (layer.getKind() != MatrixKind::Sparse) {
      const int64_t base = tile.getGroup() * layer.getRows();
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c)
          block[r * cols + c] = all[(base + r0 + r) * layer.getCols() + c0 + c];
      return;
    }
    auto indptr = layer.getIndptr()->getValues<int64_t>();
    auto indices = layer.getIndices()->getValues<int64_t>();
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t k = indptr[r0 + r]; k < indptr[r0 + r + 1]; ++k)
        if (int64_t c = indices[k] - c0; c >= 0 && c < cols)
          block[r * cols + c] = all[k];
  }
};

} // namespace
