// RUN: nmc-opt %s -split-input-file -snn-lower="dt=0.001" -snn-expand-connectors | FileCheck %s
// RUN: nmc-opt %s -split-input-file -snn-lower="dt=0.001" -snn-quantize="format=s16.15" -verify-diagnostics | FileCheck %s --check-prefix=Q
// A plastic node keeps its `stdp` rule through the graph rewrites (issue
// 14): inlining renames it, discretization leaves it in time units (the
// image writer divides by dt), connector expansion moves it onto the
// sparse node behind the connector's Delay node, and quantization rounds
// its amplitudes and bounds like weights.
//
// Hand values in s16.15 (value = raw / 2^15):
//   a_plus  0.01  = 327.68 lsb -> 328 = 0.010009765625
//   a_minus 0.012 = 393.216    -> 393 = 0.011993408203125
//   w_min   0.1   = 3276.8     -> 3277 = 0.100006103515625
//   w_max   1.0 exact; the taus are not weights and stay as written.

// CHECK-LABEL: snn.graph @nested
// CHECK: snn.linear "sub.w"{{.*}}stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 2.000000e-02, tau_minus = 3.000000e-02, a_plus = 1.000000e-02, a_minus = 1.200000e-02, w_min = 1.000000e-01, w_max = 1.000000e+00>
// CHECK: snn.discrete_neuron "n"
// Q-LABEL: snn.graph @nested
// Q: snn.linear "sub.w"{{.*}}stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 2.000000e-02, tau_minus = 3.000000e-02, a_plus = 0.010009765625, a_minus = 0.011993408203125, w_min = 0.100006103515625, w_max = 1.000000e+00>
snn.graph @nested {
  %in = snn.input "in" -> tensor<2xf32>
  %sub = snn.subgraph "sub"(%in : tensor<2xf32>) -> tensor<1xf32> {
    %i = snn.input "input" -> tensor<2xf32>
    %w = snn.linear "w"(%i : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.03, a_plus = 0.01, a_minus = 0.012, w_min = 0.1, w_max = 1.0>} -> tensor<1xf32>
    %o = snn.output "output"(%w : tensor<1xf32>) -> tensor<1xf32>
  }
  %n = snn.if "n"(%sub : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %o = snn.output "out"(%n : tensor<1xf32>) -> tensor<1xf32>
}

// -----

// CHECK-LABEL: snn.graph @connector
// CHECK: %[[D:.*]] = snn.discrete_delay "c.delay"({{.*}}) {steps = dense<2> : tensor<2xi64>}
// CHECK: snn.sparse_affine "c"(%[[D]] : tensor<2xf32>) {indices = dense<[0, 1, 0, 1]> : tensor<4xi32>, indptr = dense<[0, 2, 4]> : tensor<3xi64>, stdp = #snn.stdp<pairing = nearest_pair, dependence = multiplicative, tau_plus = 2.000000e-02, tau_minus = 2.000000e-02, a_plus = 1.000000e-02, a_minus = 1.000000e-02, w_min = 0.000000e+00, w_max = 1.000000e+00>, weight = dense<2.500000e-01> : tensor<4xf32>}
// CHECK-NOT: snn.connector
snn.graph @connector {
  %in = snn.input "in" -> tensor<2xf32>
  %c = snn.connector "c"(%in : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 2, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.25>, delay_distribution = #snn.dist<constant>, delay = array<f64: 0.002>, seed = 7, stdp = #snn.stdp<pairing = nearest_pair, dependence = multiplicative, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<2xf32>
  %n = snn.lif "n"(%c : tensor<2xf32>) {tau = dense<0.01> : tensor<2xf32>, r = dense<1.0> : tensor<2xf32>, v_leak = dense<0.0> : tensor<2xf32>, v_threshold = dense<1.0> : tensor<2xf32>, v_reset = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
  %o = snn.output "out"(%n : tensor<2xf32>) -> tensor<2xf32>
}
