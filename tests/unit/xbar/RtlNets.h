//===- RtlNets.h - Hand-built xbar images for the RTL tests -----*- C++ -*-===//
//
// The single-tile example of the RTL writer and the lockstep tests: input
// "in" (4) -> dense "fc" (4 x 3, levels below, scale 0.25, no bias) ->
// "lif" (3; leak 0.875, threshold 1, reset to 0) -> "out" (3), on one 8 x 8
// differential tile (4 logical rows) at mesh (0, 0) with an ideal ADC and
// one ADC for the 8 columns (3 conversion rounds of 1 cycle).
//===----------------------------------------------------------------------===//
#ifndef NMC_TESTS_XBAR_RTLNETS_H
#define NMC_TESTS_XBAR_RTLNETS_H

#include "XbarNets.h"

namespace nmc::test {

/// Levels by input row: in0 [4 0 -2], in1 [2 3 0], in2 [0 4 4],
/// in3 [1 1 1].
inline std::shared_ptr<XbarPayload> singleTileExample() {
  Hardware hw;
  hw.tile.rows = 8;
  hw.tile.cols = 8;
  hw.adc.bits = 0;
  hw.adc.columnsPerAdc = 8;
  hw.mesh.width = 1;
  hw.mesh.height = 1;
  auto p = newPayload(hw);
  const std::vector<int32_t> levels = {4, 0, -2, 2, 3, 0, 0, 4, 4, 1, 1, 1};
  p->network.nodes = {
      inputNode("in", {4}),
      denseLayer(*p, "fc", 4, 3, levels, 0.25, {}, from({0})),
      lifNode("lif", 3, from({1})), outputNode("out", {3}, from({2}))};
  p->tiles[0].adcFullScale = 8; // the largest column sum: 3 + 4 + 1
  p->periphery = {{"lif", 0, 3, 0}, {"out", 0, 3, 0}};
  p->routes = {{"in", 0, 4, xbar::kHostPort, 0, 0}};
  return p;
}

} // namespace nmc::test

#endif // NMC_TESTS_XBAR_RTLNETS_H
