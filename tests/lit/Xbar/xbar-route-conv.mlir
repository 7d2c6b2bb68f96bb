// RUN: nmc-opt %s -convert-snn-to-xbar -xbar-tile -xbar-place -xbar-route | FileCheck %s --check-prefix=CONV
// A grouped conv2d: input (4, 3, 3) = 9 positions per channel, 2 groups of
// 2 input channels (rows 2 * 2*2 = 8) and 2 output channels each, one tile
// per group: tile 0 at (0,0) drives channels 0-1 = in[0, 18), tile 1 at
// (1,0) channels 2-3 = in[18, 36). Output (4, 4, 4) = 16 positions per
// channel: group 0's channels 0-1 = [0, 32) are computed at tile 0, group
// 1's [32, 64) at tile 1; the sum pool keeps whole channels (4 positions
// each after 2x2 pooling): [0, 8) on 0, [8, 16) on 1.
// CONV-LABEL: snn.graph @conv
// CONV: xbar.route {begin = 0 : i64, end = 18 : i64, from_tile = -1 : i64, hops = 0 : i64, source = "in", to_tile = 0 : i64}
// CONV-NEXT: xbar.route {begin = 18 : i64, end = 36 : i64, from_tile = -1 : i64, hops = 1 : i64, source = "in", to_tile = 1 : i64}
// CONV: snn.sum_pool2d "pool"
// CONV-SAME: xbar.periphery = array<i64: 0, 8, 0, 8, 16, 1>
// CONV: snn.output "out"
// CONV-SAME: xbar.periphery = array<i64: 0, 8, 0, 8, 16, 1>
snn.graph @conv attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<4x3x3xf32>
  %c = snn.conv2d "conv"(%in : tensor<4x3x3xf32>) {weight = dense<0.5> : tensor<4x2x2x2xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 2 : i64} -> tensor<4x4x4xf32>
  %p = snn.sum_pool2d "pool"(%c : tensor<4x4x4xf32>) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} -> tensor<4x2x2xf32>
  %out = snn.output "out"(%p : tensor<4x2x2xf32>) -> tensor<4x2x2xf32>
}
