//===- WeightHook.h - Replace weight nodes in the plain loop ----*- C++ -*-===//
//
// The extension point through which a target reuses the fixed-point
// reference's plain loop (PlainRunner.cpp) for its whole digital periphery
// (inputs, neurons, delays, pooling, scale, threshold, recording, sinks,
// initial v, traces, batches, progress) and computes only the weighted sums
// itself: the xbar emulator computes affine, sparse_affine and conv nodes
// with its crossbar model (emulator/xbar/).
//
// Given in engine::RunConfig::weightHook, which only a fixed-point image
// accepts. Without a hook the plain loop is unchanged.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_WEIGHTHOOK_H
#define NMC_EMULATOR_WEIGHTHOOK_H

#include "nmc/Model/FixedPoint.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace nmc::engine {

/// 2-D geometry of conv and pooling nodes as the engine prepared it (1-D
/// conv has h = oh = kh = 1): input cin x h x w, output cout x oh x ow,
/// kernel kh x kw, stride, dilation, zero padding before (ph, pw), groups.
struct ConvGeometry {
  int64_t cin = 0, h = 1, w = 1, cout = 0, oh = 1, ow = 1;
  int64_t kh = 1, kw = 1, sh = 1, sw = 1, dh = 1, dw = 1, ph = 0, pw = 0;
  int64_t groups = 1;
};

/// im2col of one output position: the input element that every row of the
/// patch of position (oy, ox) of `group` reads, rows in (channel, ky, kx)
/// order (channels of the group), into `index` ((cin / groups) * kh * kw
/// entries); `outside` for a row in the zero padding. A pooling node's
/// geometry has one channel per group: group = channel gives its window.
inline void convPatch(const ConvGeometry &g, int64_t group, int64_t oy,
                      int64_t ox, int32_t outside, int32_t *index) {
  const int64_t cinG = g.cin / g.groups;
  for (int64_t l = 0; l < cinG; ++l)
    for (int64_t ky = 0; ky < g.kh; ++ky) {
      const int64_t iy = oy * g.sh - g.ph + ky * g.dh;
      for (int64_t kx = 0; kx < g.kw; ++kx) {
        const int64_t ix = ox * g.sw - g.pw + kx * g.dw;
        const bool inside = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w;
        *index++ = inside ? int32_t(((group * cinG + l) * g.h + iy) * g.w + ix)
                          : outside;
      }
    }
}

enum class WeightKind { Affine, SparseAffine, Conv };

/// A weight node of the network, as the hook is told about it.
struct WeightNodeInfo {
  size_t index = 0; ///< position in execution order (Engine::nodes())
  std::string name;
  WeightKind kind = WeightKind::Affine;
  int64_t inSize = 0, outSize = 0;
  bool hasBias = false;
  ConvGeometry geom; ///< conv only
};

/// Computes every weight node of a fixed-point run in place of the plain
/// loop. All calls happen inside the run's FixedContext, so DynamicFixed
/// arithmetic uses the image's format and counts into the run's
/// saturation and rounding totals.
class WeightHook {
public:
  virtual ~WeightHook() = default;
  /// Once per run, before the first sample: the network's weight nodes in
  /// execution order. Throw std::runtime_error to refuse the network.
  virtual void begin(const std::vector<WeightNodeInfo> &nodes) = 0;
  /// Before the first step of every sample.
  virtual void beginSample(int64_t sample) { (void)sample; }
  /// Adds the weighted input of node `node` (WeightNodeInfo::index) to
  /// `out`, which holds the node's bias (zeros without one); `x` is the
  /// node's summed input of this step.
  virtual void addWeighted(size_t node, int64_t sample, int64_t step,
                           std::span<const model::DynamicFixed> x,
                           std::span<model::DynamicFixed> out) = 0;
  /// After every node of step `step` has run.
  virtual void endStep(int64_t sample, int64_t step) {
    (void)sample;
    (void)step;
  }
};

} // namespace nmc::engine

#endif // NMC_EMULATOR_WEIGHTHOOK_H
