// RUN: nmc-opt %s -convert-snn-to-xbar -xbar-tile="tile-rows=4 tile-cols=2" -xbar-place="mesh-width=3 mesh-height=2" -xbar-route | FileCheck %s
// RUN: not nmc-opt %s -convert-snn-to-xbar -xbar-tile="tile-rows=4 tile-cols=2" -xbar-route 2>&1 | FileCheck %s --check-prefix=UNPLACED

// Placement as in xbar-place.mlir: fc1 tiles 0 (rows 0-1, cols 0-1) at
// (0,0), 1 (rows 0-1, cols 2-3) at (1,0), 2 (rows 2-3, cols 0-1) at (2,0),
// 3 (rows 2-3, cols 2-3) at (2,1); fc2 tiles 4 (rows 0-1) at (1,1), 5
// (rows 2-3) at (0,1).
//
// Homes: fc1's columns 0-1 meet at their last row block, tile 2; columns
// 2-3 at tile 3. "lif" inherits them: [0, 2) on 2, [2, 4) on 3. fc2's
// columns 0-1 meet at tile 5, so "out" lives there.
// CHECK-LABEL: snn.graph @net
// CHECK: snn.input "in"
// CHECK: xbar.layer "fc1"
// Routes into fc1 come from the host port (-1) at (0,0):
//   tile 0 (0,0) reads in[0,2): 0 hops; tile 1 (1,0): in[0,2), 1 hop;
//   tile 2 (2,0): in[2,4), 2 hops; tile 3 (2,1): in[2,4), 3 hops.
// CHECK: xbar.route {begin = 0 : i64, end = 2 : i64, from_tile = -1 : i64, hops = 0 : i64, source = "in", to_tile = 0 : i64}
// CHECK-NEXT: xbar.route {begin = 0 : i64, end = 2 : i64, from_tile = -1 : i64, hops = 1 : i64, source = "in", to_tile = 1 : i64}
// CHECK-NEXT: xbar.route {begin = 2 : i64, end = 4 : i64, from_tile = -1 : i64, hops = 2 : i64, source = "in", to_tile = 2 : i64}
// CHECK-NEXT: xbar.route {begin = 2 : i64, end = 4 : i64, from_tile = -1 : i64, hops = 3 : i64, source = "in", to_tile = 3 : i64}
// CHECK-NEXT: }
// CHECK: snn.discrete_neuron "lif"
// CHECK-SAME: xbar.periphery = array<i64: 0, 2, 2, 2, 4, 3>
// Routes into fc2: tile 4 (1,1) reads lif[0,2) from tile 2 (2,0): 2 hops;
// tile 5 (0,1) reads lif[2,4) from tile 3 (2,1): 2 hops.
// CHECK: xbar.layer "fc2"
// CHECK: xbar.route {begin = 0 : i64, end = 2 : i64, from_tile = 2 : i64, hops = 2 : i64, source = "lif", to_tile = 4 : i64}
// CHECK-NEXT: xbar.route {begin = 2 : i64, end = 4 : i64, from_tile = 3 : i64, hops = 2 : i64, source = "lif", to_tile = 5 : i64}
// CHECK-NEXT: }
// CHECK: snn.output "out"
// CHECK-SAME: xbar.periphery = array<i64: 0, 2, 5>

// UNPLACED: error: xbar-route: layer 'fc1' is not placed; run xbar-place first
snn.graph @net attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<4xf32>
  %fc1 = snn.linear "fc1"(%in : tensor<4xf32>) {weight = dense<0.5> : tensor<4x4xf64>} -> tensor<4xf32>
  %lif = snn.discrete_neuron "lif"(%fc1 : tensor<4xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<4xf64>, b_syn = dense<0.0> : tensor<4xf64>, a_mem = dense<0.9> : tensor<4xf64>, c_mem_syn = dense<0.0> : tensor<4xf64>, c_mem_in = dense<0.1> : tensor<4xf64>, c_mem_0 = dense<0.0> : tensor<4xf64>, v_threshold = dense<1.0> : tensor<4xf64>, v_reset = dense<0.0> : tensor<4xf64>, reset = #snn.reset<value>} -> tensor<4xf32>
  %fc2 = snn.linear "fc2"(%lif : tensor<4xf32>) {weight = dense<0.25> : tensor<2x4xf64>} -> tensor<2xf32>
  %out = snn.output "out"(%fc2 : tensor<2xf32>) -> tensor<2xf32>
}

