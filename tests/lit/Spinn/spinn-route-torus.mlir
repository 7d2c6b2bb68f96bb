// RUN: nmc-opt %s -spinn-route="machine=%S/Inputs/torus3x3.json" | FileCheck %s

// A 3x3 torus (wrap in x and y, 18 cores per chip). Placed and keyed by
// hand: in (2 sources) on (0,0) core 2, key 0; a[0] on (0,0) core 3, a[1]
// on (1,2) core 2, a[2] on (2,2) core 3 (keys 8, 10, 12); b on (0,0) core
// 4 (key 16); every mask 0xFFFFFFFE = 4294967294.
// fc: in0 -> a0, a1, a2 and in1 -> a1, so slice in reaches all of a.
// fc2: only a1 -> b0, so only slice a[1] sends to b; a[0], a[2] and b
// send nowhere and get no entries.
//
// Tree of in from (0,0), targets sorted by chip:
// - (0,0) core 3: local.
// - (1,2): deltas mod 3: x+ = 1, x- = -2; y+ = 2, y- = -1. Candidates
//   (1,2) len 2, (-2,2) len 4, (1,-1) len 2, (-2,-1) len 2: the first,
//   (1,2). Minimised: y = 2 - 1 = 1, z = -1 (one NE). Longest first, ties
//   x, y, z: y (N) then z (NE): (0,0) -N-> (0,1) -NE-> (1,2).
// - (2,2): candidates (2,2) len 2, (-1,2) len 3, (2,-1) len 3, (-1,-1)
//   len 1: (-1,-1) = z = +1: one SW hop across both wraps to (2,2).
// Route words (link l = bit l: E 0, NE 1, N 2, W 3, SW 4, S 5; core c =
// bit c + 6): (0,0) = core 3 (512) + N (4) + SW (16) = 532; (0,1) = NE (2);
// (1,2) = core 2 (256); (2,2) = core 3 (512).
//
// Tree of a[1] from (1,2) to b on (0,0): dx = -1 mod 3: x+ = 2, x- = -1;
// dy = -2 mod 3: y+ = 1, y- = -2. Candidates (2,1) len 2, (-1,1) len 2,
// (2,-2) len 4, (-1,-2) len 2: (2,1). Minimised: x = 1, z = -1. x (E)
// first, then z (NE): (1,2) -E-> (2,2) -NE-> (0,0) (wrapped).
// Route words: (1,2) = E (1); (2,2) = NE (2); (0,0) = core 4 (1024).
// No entry only repeats default routing (no straight pass-through).
// Tables in chip order, entries in slice order (in first):
// CHECK-LABEL: snn.graph @torus
// CHECK: spinn.mapping attributes {machine = "{\22name\22:\22torus3x3\22,
// CHECK: spinn.router_table {defaultable = array<i1: false, false>, entries = array<i64: 0, 4294967294, 532, 10, 4294967294, 1024>, sources = array<i64: 0, 1>, x = 0 : i64, y = 0 : i64}
// CHECK-NEXT: spinn.router_table {defaultable = array<i1: false>, entries = array<i64: 0, 4294967294, 2>, sources = array<i64: 0>, x = 0 : i64, y = 1 : i64}
// CHECK-NEXT: spinn.router_table {defaultable = array<i1: false, false>, entries = array<i64: 0, 4294967294, 256, 10, 4294967294, 1>, sources = array<i64: 0, 1>, x = 1 : i64, y = 2 : i64}
// CHECK-NEXT: spinn.router_table {defaultable = array<i1: false, false>, entries = array<i64: 0, 4294967294, 512, 10, 4294967294, 2>, sources = array<i64: 0, 1>, x = 2 : i64, y = 2 : i64}
// CHECK-NOT: spinn.router_table
snn.graph @torus {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "a", n_pre = 2, n_post = 3, indptr = dense<[0, 3, 4]> : tensor<3xi64>, indices = dense<[0, 1, 2, 1]> : tensor<4xi64>, synapse_types = dense<0> : tensor<4xi32>, codes = dense<16384> : tensor<4xi32>, weights = dense<0.5> : tensor<4xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<3xf32>
  %a = snn.discrete_neuron "a"(%fc : tensor<3xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<3xf64>, b_syn = dense<0.0> : tensor<3xf64>, a_mem = dense<0.5> : tensor<3xf64>, c_mem_syn = dense<0.0> : tensor<3xf64>, c_mem_in = dense<0.5> : tensor<3xf64>, c_mem_0 = dense<0.0> : tensor<3xf64>, v_threshold = dense<1.0> : tensor<3xf64>, v_reset = dense<0.0> : tensor<3xf64>, reset = #snn.reset<value>} -> tensor<3xf32>
  %fc2 = spinn.projection "fc2"(%a : tensor<3xf32>) {pre = "a", post = "b", n_pre = 3, n_post = 1, indptr = dense<[0, 0, 1, 1]> : tensor<4xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<16384> : tensor<1xi32>, weights = dense<0.5> : tensor<1xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %b = snn.discrete_neuron "b"(%fc2 : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  spinn.mapping {
    spinn.population "in" attributes {kind = #spinn.kind<source>, size = 2} {
      spinn.slice {lo = 0, hi = 2, x = 0, y = 0, p = 2, key = 0, mask = 4294967294}
    }
    spinn.population "a" attributes {kind = #spinn.kind<neuron>, size = 3} {
      spinn.slice {lo = 0, hi = 1, x = 0, y = 0, p = 3, key = 8, mask = 4294967294}
      spinn.slice {lo = 1, hi = 2, x = 1, y = 2, p = 2, key = 10, mask = 4294967294}
      spinn.slice {lo = 2, hi = 3, x = 2, y = 2, p = 3, key = 12, mask = 4294967294}
    }
    spinn.population "b" attributes {kind = #spinn.kind<neuron>, size = 1} {
      spinn.slice {lo = 0, hi = 1, x = 0, y = 0, p = 4, key = 16, mask = 4294967294}
    }
  }
}
