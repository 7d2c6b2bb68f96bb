//===- XbarNets.h - Hand-built xbar payloads for the tests ------*- C++ -*-===//
//
// A layer is given as its logical level matrix (per group: rows = inputs,
// cols = outputs) and a scale; the helpers write the network's weight node
// with weight = level * scale (what the compiler does) and split the matrix
// into tiles of the hardware's logical size (sparse layers skip all-zero
// blocks), so the tests need no compiler.
//===----------------------------------------------------------------------===//
#ifndef NMC_TESTS_XBAR_XBARNETS_H
#define NMC_TESTS_XBAR_XBARNETS_H

#include "../emulator/TestImages.h"

#include "nmc/Target/Xbar/Emulator.h"

#include <algorithm>
#include <memory>

namespace nmc::test {

using xbar::Hardware;
using xbar::Layer;
using xbar::LayerKind;
using xbar::Tile;
using xbar::XbarPayload;

/// Small tiles so that tiny layers span several: 8x6 physical
/// (differential: 4 logical rows x 6 columns), ideal ADC, effects off.
inline Hardware smallHardware() {
  Hardware hw;
  hw.tile.rows = 8;
  hw.tile.cols = 6;
  hw.adc.bits = 0;
  hw.adc.columnsPerAdc = 2;
  return hw;
}

/// Level of a pseudo-random matrix cell in [-maxLevel, maxLevel], with
/// some zeros.
inline int32_t pseudoLevel(int64_t k, int64_t maxLevel) {
  const int64_t v = (k * 7919 + 13) % (2 * maxLevel + 5);
  return v > 2 * maxLevel ? 0 : int32_t(v - maxLevel);
}

/// Appends layer `node` (levels: groups x rows x cols) and its tiles.
inline void addLayer(XbarPayload &p, const std::string &node, LayerKind kind,
                     int64_t rows, int64_t cols, int64_t groups,
                     const std::vector<int32_t> &levels, double scale) {
  Layer l;
  l.node = node;
  l.kind = kind;
  l.rows = rows;
  l.cols = cols;
  l.groups = groups;
  l.scale = scale;
  const int64_t index = int64_t(p.layers.size());
  p.layers.push_back(l);
  const int64_t tr = p.hw.logicalRows(), tc = p.hw.logicalCols();
  for (int64_t g = 0; g < groups; ++g)
    for (int64_t r0 = 0; r0 < rows; r0 += tr)
      for (int64_t c0 = 0; c0 < cols; c0 += tc) {
        Tile t;
        t.layer = index;
        t.group = g;
        t.rowStart = r0;
        t.rows = std::min(tr, rows - r0);
        t.colStart = c0;
        t.cols = std::min(tc, cols - c0);
        bool any = false;
        for (int64_t r = 0; r < t.rows; ++r)
          for (int64_t c = 0; c < t.cols; ++c) {
            const int32_t v = levels[(g * rows + r0 + r) * cols + c0 + c];
            t.levels.push_back(v);
            any |= v != 0;
          }
        if (kind == LayerKind::Sparse && !any)
          continue;
        t.x = int64_t(p.tiles.size());
        p.tiles.push_back(std::move(t));
      }
}

/// A dense layer: the affine node (NIR weight[out, in] = level * scale).
inline Node denseLayer(XbarPayload &p, const std::string &name, int64_t in,
                       int64_t out, const std::vector<int32_t> &levels,
                       double scale, std::vector<double> bias,
                       std::vector<InputEdge> inputs) {
  std::vector<double> w(in * out);
  for (int64_t i = 0; i < in; ++i)
    for (int64_t o = 0; o < out; ++o)
      w[o * in + i] = levels[i * out + o] * scale;
  addLayer(p, name, LayerKind::Dense, in, out, 1, levels, scale);
  return affineNode(name, in, out, w, std::move(bias), std::move(inputs));
}

/// A sparse layer: CSR by source of the nonzero levels.
inline Node sparseLayer(XbarPayload &p, const std::string &name, int64_t in,
                        int64_t out, const std::vector<int32_t> &levels,
                        double scale, std::vector<InputEdge> inputs) {
  Node n = makeNode(name, "sparse_affine", {in}, {out}, std::move(inputs));
  std::vector<int64_t> indptr = {0}, indices;
  std::vector<double> w;
  for (int64_t i = 0; i < in; ++i) {
    for (int64_t o = 0; o < out; ++o)
      if (levels[i * out + o] != 0) {
        indices.push_back(o);
        w.push_back(levels[i * out + o] * scale);
      }
    indptr.push_back(int64_t(indices.size()));
  }
  n.i["indptr"] = indptr;
  n.i["indices"] = indices;
  n.f["weight"] = w;
  addLayer(p, name, LayerKind::Sparse, in, out, 1, levels, scale);
  return n;
}

/// A 2-D conv (cin x h x w -> cout x oh x ow, k x k, padding pad, groups,
/// stride and dilation); levels are the unrolled per-group matrices
/// ((cin/groups)*k*k x cout/groups).
inline Node convLayer(XbarPayload &p, const std::string &name, int64_t cin,
                      int64_t h, int64_t w, int64_t cout, int64_t k,
                      int64_t pad, int64_t groups,
                      const std::vector<int32_t> &levels, double scale,
                      std::vector<double> bias, std::vector<InputEdge> inputs,
                      int64_t stride = 1, int64_t dilation = 1) {
  const int64_t span = dilation * (k - 1) + 1;
  const int64_t oh = (h + 2 * pad - span) / stride + 1,
                ow = (w + 2 * pad - span) / stride + 1;
  const int64_t cinG = cin / groups, coutG = cout / groups;
  const int64_t rows = cinG * k * k;
  Node n =
      makeNode(name, "conv", {cin, h, w}, {cout, oh, ow}, std::move(inputs));
  std::vector<double> weight(cout * cinG * k * k);
  for (int64_t oc = 0; oc < cout; ++oc)
    for (int64_t r = 0; r < rows; ++r)
      weight[oc * rows + r] =
          levels[((oc / coutG) * rows + r) * coutG + oc % coutG] * scale;
  n.f["weight"] = weight;
  if (!bias.empty())
    n.f["bias"] = std::move(bias);
  n.i["kernel_size"] = std::vector<int64_t>{k, k};
  n.i["stride"] = std::vector<int64_t>{stride, stride};
  n.i["dilation"] = std::vector<int64_t>{dilation, dilation};
  n.i["pad_lo"] = std::vector<int64_t>{pad, pad};
  n.i["pad_hi"] = std::vector<int64_t>{pad, pad};
  n.i["groups"] = std::vector<int64_t>{groups};
  addLayer(p, name, LayerKind::Conv, rows, coutG, groups, levels, scale);
  return n;
}

/// A LIF that leaks by 1/8 per step and fires at 1 (values exact in s16.15).
inline Node lifNode(const std::string &name, int64_t n,
                    std::vector<InputEdge> inputs) {
  model::DiscreteCoeffs c;
  c.aMem = 0.875;
  c.cMemIn = 1;
  c.vThreshold = 1.0;
  c.vReset = 0;
  return neuronNode(name, n, c, false, true, false, std::move(inputs));
}

inline std::vector<int32_t> pseudoLevels(int64_t count, int64_t maxLevel,
                                         int64_t salt = 0) {
  std::vector<int32_t> v(count);
  for (int64_t k = 0; k < count; ++k)
    v[k] = pseudoLevel(k + salt, maxLevel);
  return v;
}

inline std::shared_ptr<XbarPayload> newPayload(const Hardware &hw) {
  auto p = std::make_shared<XbarPayload>();
  p->hw = hw;
  p->network.target = "xbar";
  p->network.numberFormat = hw.numberFormat;
  return p;
}

} // namespace nmc::test

#endif // NMC_TESTS_XBAR_XBARNETS_H
