// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -verify-diagnostics | FileCheck %s

// Two layers, dt = 1 ms (1000 steps/s), all delays equal, so sPyNNaker's
// bound is the worst case: max|w| x fan-in x spikes per tick, with spikes
// per tick = max(1, 30 / 1000) = 1 (spinnaker.md §A.4).
//
// fc1: W[out][in] = [[0.5, -0.25], [0.75, 0]] from "in" (2) to "l1" (2).
//   excitatory: 0.5 (in0->l1_0), 0.75 (in0->l1_1); fan-in 1 per neuron;
//     bound max(1 * 0.75 * 1, 0.75) = 0.75; ceil(log2 0.75) = 0 (at least
//     0) and 2^0 = 1 > 0.75, so shift_exc = 0. Codes x 2^(15-0):
//     0.5 -> 16384, 0.75 -> 24576.
//   inhibitory: 0.25 (in1->l1_0): bound 0.25, shift_inh = 0, code 8192.
//   CSR by source: in0 -> [l1_0, l1_1], in1 -> [l1_0]:
//     indptr [0, 2, 3], indices [0, 1, 0], types [0, 0, 1].
// fc2: W = [[3.0, 0.29998779296875]] from "l1" (2) to "l2" (1); the second
//   weight is 0.3 quantized to s16.15 (9830 / 2^15).
//   excitatory: fan-in 2, max 3.0: bound 1 * 3.0 * 2 = 6; ceil(log2 6) = 3,
//     2^3 = 8 > 6, so shift_exc = 3; no inhibitory weights: shift_inh = 0.
//   codes x 2^(15-3) = 4096: 3.0 -> 12288; 0.29998779296875 * 4096 =
//     1228.75 -> 1229, applied 1229 / 4096 = 0.300048828125.
// Latencies (SpinnImage.h "Time"): in 0, l1 = 1 + 0, l2 = 1 + 1 = 2; both
//   edges forward with graph delay 0, so D = 0 + 1 - 0 = 1 and 0 + 2 - 1 = 1.
// CHECK-LABEL: snn.graph @two_layers
// CHECK: %[[IN:.*]] = snn.input "in"
// CHECK: %[[FC1:.*]] = spinn.projection "fc1"(%[[IN]] : tensor<2xf32>)
// CHECK-SAME: codes = dense<[16384, 24576, 8192]> : tensor<3xi32>
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK-SAME: indices = dense<[0, 1, 0]> : tensor<3xi64>
// CHECK-SAME: indptr = dense<[0, 2, 3]> : tensor<3xi64>
// CHECK-SAME: n_post = 2 : i64, n_pre = 2 : i64, post = "l1", pre = "in", saturated = 0 : i64
// CHECK-SAME: synapse_types = dense<[0, 0, 1]> : tensor<3xi32>
// CHECK-SAME: weights = dense<[5.000000e-01, 7.500000e-01, -2.500000e-01]> : tensor<3xf64>
// CHECK-SAME: zeroed = 0 : i64
// CHECK: %[[L1:.*]] = snn.discrete_neuron "l1"(%[[FC1]] : tensor<2xf32>)
// CHECK: %[[FC2:.*]] = spinn.projection "fc2"(%[[L1]] : tensor<2xf32>)
// CHECK-SAME: codes = dense<[12288, 1229]> : tensor<2xi32>
// CHECK-SAME: indices = dense<0> : tensor<2xi64>
// CHECK-SAME: indptr = dense<[0, 1, 2]> : tensor<3xi64>
// CHECK-SAME: synapse_types = dense<0> : tensor<2xi32>
// CHECK-SAME: weights = dense<[3.000000e+00, 0.300048828125]> : tensor<2xf64>
// CHECK: snn.discrete_neuron "l2"(%[[FC2]] : tensor<1xf32>)
// CHECK: spinn.mapping {
// CHECK-NEXT: spinn.population "in" attributes {kind = #spinn.kind<source>, latency = 0 : i64, size = 2 : i64}
// CHECK: spinn.population "l1" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 0 : i64, shift_inh = 0 : i64, size = 2 : i64}
// CHECK: spinn.population "l2" attributes {kind = #spinn.kind<neuron>, latency = 2 : i64, shift_exc = 3 : i64, shift_inh = 0 : i64, size = 1 : i64}
// CHECK-NOT: snn.linear
snn.graph @two_layers attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %fc1 = snn.linear "fc1"(%in : tensor<2xf32>) {weight = dense<[[0.5, -0.25], [0.75, 0.0]]> : tensor<2x2xf32>} -> tensor<2xf32>
  %l1 = snn.discrete_neuron "l1"(%fc1 : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %fc2 = snn.linear "fc2"(%l1 : tensor<2xf32>) {weight = dense<[[3.0, 0.29998779296875]]> : tensor<1x2xf32>} -> tensor<1xf32>
  %l2 = snn.discrete_neuron "l2"(%fc2 : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %out = snn.output "out"(%l2 : tensor<1xf32>) -> tensor<1xf32>
}

// -----

// Delays that differ switch to the Poisson bound (spinnaker.md §A.4):
// "in" (2) -> delay [1, 3] -> fc (W = [[1, 1]]) -> "n" (1).
// n = 2 synapses, mean 1, SD 0; lambda = 2 * 30 / 1000 = 0.06;
// bound = lambda * 1 + 5 * sqrt(lambda * 1^2) = 0.06 + 1.2247 = 1.2847,
// capped by the worst case 2 and at least max 1: ceil(log2 1.2847) = 1,
// 2^1 = 2 > 1.2847, so shift_exc = 1 (equal delays would give
// ceil(log2 2) = 1, 2^1 <= 2, shift 2). Codes 1 * 2^14 = 16384; the delay
// node is absorbed into per-synapse delays: graph delays [1, 3] are all
// >= 1 step, so the edge adds no latency (n keeps latency 0) and the
// hardware delays are the graph's, [1, 3].
// CHECK-LABEL: snn.graph @poisson
// CHECK-NOT: snn.discrete_delay
// CHECK: %[[IN:.*]] = snn.input "in"
// CHECK: spinn.projection "fc"(%[[IN]] : tensor<2xf32>)
// CHECK-SAME: codes = dense<16384> : tensor<2xi32>
// CHECK-SAME: delay_steps = dense<[1, 3]> : tensor<2xi64>
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 0 : i64, shift_exc = 1 : i64, shift_inh = 0 : i64, size = 1 : i64}
snn.graph @poisson attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %d = snn.discrete_delay "d"(%in : tensor<2xf32>) {steps = dense<[1, 3]> : tensor<2xi64>} -> tensor<2xf32>
  %fc = snn.linear "fc"(%d : tensor<2xf32>) {weight = dense<[[1.0, 1.0]]> : tensor<1x2xf32>} -> tensor<1xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
}

// -----

// A weight that rounds to code 0 is dropped and counted:
// W = [[1000, 2^-15, 0.5]] into one neuron, equal delays: bound
// 1 * 1000 * 3 = 3000, ceil(log2 3000) = 12, 2^12 = 4096 > 3000: shift 12,
// scale 2^(15-12) = 8: 1000 -> 8000, 2^-15 * 8 = 2^-12 -> 0 (zeroed),
// 0.5 -> 4.
// CHECK-LABEL: snn.graph @zeroed
// CHECK: spinn.projection "fc"
// CHECK-SAME: codes = dense<[8000, 4]> : tensor<2xi32>
// CHECK-SAME: indptr = dense<[0, 1, 1, 2]> : tensor<4xi64>
// CHECK-SAME: weights = dense<[1.000000e+03, 5.000000e-01]> : tensor<2xf64>
// CHECK-SAME: zeroed = 1 : i64
snn.graph @zeroed attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<3xf32>
  // expected-warning @+1 {{projection 'fc' into 'n': 1 nonzero weight(s) round to code 0 (dropped), 0 saturate at code 65535 (ring-buffer shifts exc 12, inh 0)}}
  %fc = snn.linear "fc"(%in : tensor<3xf32>) {weight = dense<[[1000.0, 3.0517578125e-05, 0.5]]> : tensor<1x3xf32>} -> tensor<1xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
}

// -----

// sparse_affine keeps its CSR by source; a zero bias is accepted; CubaLIF
// is a population. in0 -> [n1] (-2), in1 -> [] , in2 -> [n0 (1), n1 (1)].
// Excitatory fan-in 1 per neuron, max 1: bound 1, ceil(log2 1) = 0,
// 2^0 <= 1: shift 1, codes 1 * 2^14 = 16384. Inhibitory: bound 2, shift 2,
// code 2 * 2^13 = 16384.
// CHECK-LABEL: snn.graph @sparse
// CHECK: spinn.projection "sp"
// CHECK-SAME: codes = dense<16384> : tensor<3xi32>
// CHECK-SAME: indices = dense<[1, 0, 1]> : tensor<3xi64>
// CHECK-SAME: indptr = dense<[0, 1, 1, 3]> : tensor<4xi64>
// CHECK-SAME: synapse_types = dense<[1, 0, 0]> : tensor<3xi32>
// CHECK: spinn.population "c" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 1 : i64, shift_inh = 2 : i64, size = 2 : i64}
snn.graph @sparse attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<3xf32>
  %sp = snn.sparse_affine "sp"(%in : tensor<3xf32>) {indptr = dense<[0, 1, 1, 3]> : tensor<4xi64>, indices = dense<[1, 0, 1]> : tensor<3xi64>, weight = dense<[-2.0, 1.0, 1.0]> : tensor<3xf32>, bias = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
  %c = snn.discrete_neuron "c"(%sp : tensor<2xf32>) {neuron_type = #snn.neuron_type<CubaLIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}
