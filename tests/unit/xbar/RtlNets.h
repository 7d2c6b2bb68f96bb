//===- RtlNets.h - Hand-built xbar images for the RTL tests -----*- C++ -*-===//
//
// The single-tile example of the RTL writer and the lockstep tests: input
// "in" (4) -> dense "fc" (4 x 3, levels below, scale 0.25, no bias) ->
// "lif" (3; leak 0.875, threshold 1, reset to 0) -> "out" (3), on one 8 x 8
// differential tile (4 logical rows) at mesh (0, 0) with an ideal ADC,
// one ADC for the 8 columns (3 conversion rounds of 1 cycle) and 4 neuron
// units.
//===----------------------------------------------------------------------===//
#ifndef NMC_TESTS_XBAR_RTLNETS_H
#define NMC_TESTS_XBAR_RTLNETS_H

#include "XbarNets.h"

namespace nmc::test {

/// Default costs; the tile, ADC and a square mesh as given.
inline Hardware rtlHardware(int64_t rows, int64_t cols, int64_t adcBits,
                            int64_t columnsPerAdc, int64_t mesh) {
  Hardware hw;
  hw.tile.rows = rows;
  hw.tile.cols = cols;
  hw.adc.bits = adcBits;
  hw.adc.columnsPerAdc = columnsPerAdc;
  hw.mesh.width = hw.mesh.height = mesh;
  return hw;
}

/// Levels by input row: in0 [4 0 -2], in1 [2 3 0], in2 [0 4 4],
/// in3 [1 1 1].
inline std::shared_ptr<XbarPayload> singleTileExample() {
  Hardware hw = rtlHardware(8, 8, 0, 8, 1);
  hw.cycles.neuronUnits = 4; // 6 periphery elements: 2 batches
  auto p = newPayload(hw);
  const std::vector<int32_t> levels = {4, 0, -2, 2, 3, 0, 0, 4, 4, 1, 1, 1};
  p->network.nodes = {inputNode("in", {4}),
                      denseLayer(*p, "fc", 4, 3, levels, 0.25, {}, from({0})),
                      lifNode("lif", 3, from({1})),
                      outputNode("out", {3}, from({2}))};
  p->tiles[0].adcFullScale = 8; // the largest column sum: 3 + 4 + 1
  p->periphery = {{"lif", 0, 3, 0}, {"out", 0, 3, 0}};
  p->routes = {{"in", 0, 4, xbar::kHostPort, 0, 0}};
  return p;
}

/// A 2 x 2 mesh laid out as the compiler does (xbar-place's snake,
/// xbar-route's homes and routes): "in" (4) -> "fc1" (4 x 6, bias 0.125)
/// -> "lif1" (6) -> "fc2" (6 x 2) -> "lif2" (2) -> "out" (2), on 8 x 4
/// differential tiles (4 logical rows, 4 columns), 5-bit ADC, 2 columns per
/// ADC, hop 3, digital add 2, neuron update 2. fc1 is split into two column
/// blocks (tile 0 at (0, 0): outputs 0-3, tile 1 at (1, 0): outputs 4-5), so
/// lif1 lives on two tiles; fc2 into two row blocks (tile 2 at (1, 1): rows
/// 0-3, tile 3 at (0, 1): rows 4-5, the home where the partial sums meet and
/// lif2 lives). lif1's spikes cross the mesh: tile 0 -> tile 2 and tile 1 ->
/// tile 3, 2 hops each.
inline std::shared_ptr<XbarPayload> meshExample() {
  Hardware hw = rtlHardware(8, 4, 5, 2, 2);
  hw.cycles.hop = 3;          // a router and 2 link registers per hop
  hw.cycles.digitalAdd = 2;   // partial sums
  hw.cycles.neuronUpdate = 2; // periphery batches
  auto p = newPayload(hw);
  // By input row (fc1: 4 x 6, fc2: 6 x 2).
  const std::vector<int32_t> fc1 = {12, -5, 10, 3, 14, -6, 6,  13,
                                    -4, 11, -3, 9, -7, 8,  12, -2,
                                    9,  10, 9,  2, 7,  13, -8, 11};
  const std::vector<int32_t> fc2 = {9, -4, -3, 10, 6, 5, -5, 8, 7, -6, 4, 9};
  p->network.nodes = {inputNode("in", {4}),
                      denseLayer(*p, "fc1", 4, 6, fc1, 0.0625,
                                 std::vector<double>(6, 0.125), from({0})),
                      lifNode("lif1", 6, from({1})),
                      denseLayer(*p, "fc2", 6, 2, fc2, 0.125, {}, from({2})),
                      lifNode("lif2", 2, from({3})),
                      outputNode("out", {2}, from({4}))};
  const int64_t x[] = {0, 1, 1, 0}, y[] = {0, 0, 1, 1}; // the snake
  for (size_t t = 0; t < p->tiles.size(); ++t) {
    p->tiles[t].x = x[t];
    p->tiles[t].y = y[t];
  }
  p->periphery = {{"lif1", 0, 4, 0},
                  {"lif1", 4, 6, 1},
                  {"lif2", 0, 2, 3},
                  {"out", 0, 2, 3}};
  p->routes = {{"in", 0, 4, xbar::kHostPort, 0, 0},
               {"in", 0, 4, xbar::kHostPort, 1, 1},
               {"lif1", 0, 4, 0, 2, 2},
               {"lif1", 4, 6, 1, 3, 2}};
  return p;
}

/// in (1 x 4 x 4) -> conv "c" (1 -> 2, 2x2, stride 2: 2 x 2 x 2, tile 0 at
/// (0, 0)) -> "n" (8) -> sum pool "p" 2x2 (2 x 1 x 1) -> flatten "f" (2)
/// -> dense "fc" (2 -> 1, tile 1 at (1, 0)) -> "m" -> "out", laid out as
/// the compiler does, on the conv mesh (32 x 8 tiles).
inline std::shared_ptr<XbarPayload> convPoolExample() {
  Hardware hw = rtlHardware(64, 8, 0, 8, 2);
  hw.mesh.width = 4;
  hw.cycles.neuronUnits = 4;
  auto p = newPayload(hw);
  Node pool = makeNode("p", "sum_pool", {2, 2, 2}, {2, 1, 1}, from({2}));
  pool.i["kernel_size"] = {2, 2};
  pool.i["stride"] = {2, 2};
  pool.i["padding"] = {0, 0};
  p->network.nodes = {inputNode("in", {1, 4, 4}),
                      convLayer(*p, "c", 1, 4, 4, 2, 2, 0, 1,
                                {1, 2, 3, 4, 5, 6, 7, 8}, 0.25, {}, from({0}),
                                2),
                      lifNode("n", 8, from({1})),
                      pool,
                      makeNode("f", "flatten", {2, 1, 1}, {2}, from({3})),
                      denseLayer(*p, "fc", 2, 1, {3, -2}, 0.5, {}, from({4})),
                      lifNode("m", 1, from({5})),
                      outputNode("out", {1}, from({6}))};
  p->periphery = {{"n", 0, 8, 0},
                  {"p", 0, 2, 0},
                  {"f", 0, 2, 0},
                  {"m", 0, 1, 1},
                  {"out", 0, 1, 1}};
  p->routes = {{"in", 0, 16, xbar::kHostPort, 0, 0}, {"f", 0, 2, 0, 1, 1}};
  return p;
}

/// in (2 x 5) -> Conv1d "c" (2 -> 2, kernel 3, padding 1: 2 x 5; rows
/// (channel, kx), levels below, scale 0.25, bias 0.25 and 0) -> "n" (10) ->
/// "out" (10), on one tile at (0, 0) of the conv mesh (32 x 8 tiles).
/// Levels by row: c0k0 [3 1], c0k1 [4 -2], c0k2 [2 3], c1k0 [1 4], c1k1
/// [-3 2], c1k2 [2 1].
inline std::shared_ptr<XbarPayload> conv1dExample() {
  Hardware hw = rtlHardware(64, 8, 0, 8, 2);
  hw.mesh.width = 4;
  hw.cycles.neuronUnits = 4;
  auto p = newPayload(hw);
  const std::vector<int32_t> levels = {3, 1, 4, -2, 2, 3, 1, 4, -3, 2, 2, 1};
  const double scale = 0.25;
  Node conv = makeNode("c", "conv", {2, 5}, {2, 5}, from({0}));
  std::vector<double> weight(12); // [out channel][row (channel, kx)]
  for (int64_t oc = 0; oc < 2; ++oc)
    for (int64_t r = 0; r < 6; ++r)
      weight[size_t(oc * 6 + r)] = levels[size_t(r * 2 + oc)] * scale;
  conv.f["weight"] = weight;
  conv.f["bias"] = std::vector<double>{0.25, 0};
  conv.i["kernel_size"] = std::vector<int64_t>{3};
  conv.i["stride"] = std::vector<int64_t>{1};
  conv.i["dilation"] = std::vector<int64_t>{1};
  conv.i["pad_lo"] = std::vector<int64_t>{1};
  conv.i["pad_hi"] = std::vector<int64_t>{1};
  conv.i["groups"] = std::vector<int64_t>{1};
  addLayer(*p, "c", LayerKind::Conv, 6, 2, 1, levels, scale);
  p->network.nodes = {inputNode("in", {2, 5}), conv,
                      lifNode("n", 10, from({1})),
                      outputNode("out", {10}, from({2}))};
  p->periphery = {{"n", 0, 10, 0}, {"out", 0, 10, 0}};
  p->routes = {{"in", 0, 10, xbar::kHostPort, 0, 0}};
  return p;
}

} // namespace nmc::test

#endif // NMC_TESTS_XBAR_RTLNETS_H
