// RUN: nmc-opt %s -split-input-file -snn-quantize="format=s16.15" -verify-diagnostics | FileCheck %s
// RUN: nmc-opt %s -split-input-file -snn-quantize="format=s16.15 rounding=truncate" -verify-diagnostics | FileCheck %s --check-prefix=TRUNC
// RUN: not nmc-opt %s -split-input-file -snn-quantize="format=s16.16" 2>&1 | FileCheck %s --check-prefix=BADFORMAT
// RUN: not nmc-opt %s -split-input-file -snn-quantize="rounding=up" 2>&1 | FileCheck %s --check-prefix=BADROUNDING

// BADFORMAT: error: snn-quantize: format 's16.16' is not sI.F or uI.F with 1 to 32 bits
// BADROUNDING: error: snn-quantize: unknown rounding 'up' (use nearest, truncate or stochastic)

// Values computed by hand (value = raw / 2^15):
//   0.1   = 3276.8 lsb  -> 3277 (nearest) = 0.100006103515625
//                       -> 3276 (truncate) = 0.0999755859375
//   -0.3  = -9830.4 lsb -> -9830 (nearest) = -0.29998779296875
//                       -> -9831 (truncate, toward -inf) = -0.300018310546875
//   0.9   = 29491.2 lsb -> 29491 = 0.899993896484375 (both)
//   0.25, 1.0, 2.0 are exact.

// CHECK-LABEL: snn.graph @net
// CHECK-SAME: number_format = "s16.15"
// TRUNC-LABEL: snn.graph @net
// TRUNC-SAME: number_format = "s16.15"
snn.graph @net attributes {dt = 1.000000e+00 : f64} {
  %in = snn.input "in" -> tensor<2xf32>
  // CHECK: snn.affine "fc"{{.*}}bias = dense<[0.100006103515625, 2.500000e-01]> : tensor<2xf64>, {{.*}}weight = dense<{{\[}}[0.100006103515625, -0.29998779296875], [1.000000e+00, 2.000000e+00]]> : tensor<2x2xf64>
  // TRUNC: snn.affine "fc"{{.*}}bias = dense<[0.0999755859375, 2.500000e-01]> : tensor<2xf64>, {{.*}}weight = dense<{{\[}}[0.0999755859375, -0.300018310546875], [1.000000e+00, 2.000000e+00]]> : tensor<2x2xf64>
  %fc = snn.affine "fc"(%in : tensor<2xf32>) {weight = dense<[[0.1, -0.3], [1.0, 2.0]]> : tensor<2x2xf32>, bias = dense<[0.1, 0.25]> : tensor<2xf32>} -> tensor<2xf32>
  // CHECK: snn.discrete_neuron "lif"{{.*}}a_mem = dense<0.899993896484375> : tensor<2xf64>{{.*}}c_mem_in = dense<0.100006103515625> : tensor<2xf64>{{.*}}v_threshold = dense<1.000000e+00> : tensor<2xf64>
  %lif = snn.discrete_neuron "lif"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.9> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.1> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  // CHECK: snn.scale "s"{{.*}}scale = dense<[-0.29998779296875, 2.000000e+00]> : tensor<2xf64>
  %s = snn.scale "s"(%lif : tensor<2xf32>) {scale = dense<[-0.3, 2.0]> : tensor<2xf32>} -> tensor<2xf32>
  // CHECK: snn.threshold "th"{{.*}}threshold = dense<0.100006103515625> : tensor<2xf64>
  %th = snn.threshold "th"(%s : tensor<2xf32>) {threshold = dense<0.1> : tensor<2xf32>} -> tensor<2xf32>
  %out = snn.output "out"(%th : tensor<2xf32>) -> tensor<2xf32>
}

// -----

// Losses are reported per node: 70000 is above 65535.99997 (saturates to
// (2^31 - 1) / 2^15 = 65535.999969482421875) and 1e-6 is 0.033 lsb (rounds
// to zero); -70000 saturates to -65536.

// CHECK-LABEL: snn.graph @lossy
snn.graph @lossy attributes {dt = 1.000000e+00 : f64} {
  %in = snn.input "in" -> tensor<4xf32>
  // expected-warning@+4 {{snn-quantize: in node 'w', 3 value(s) saturate and 1 round to zero in s16.15}}
  // expected-note@+3 {{weight[0] = 7.000000e+04 saturates to 6.553600e+04}}
  // expected-note@+2 {{weight[1] = 1.000000e-06 rounds to 0.000000e+00}}
  // expected-note@+1 {{weight[2] = -7.000000e+04 saturates to -6.553600e+04}}
  %w = snn.linear "w"(%in : tensor<4xf32>) {weight = dense<[[70000.0, 1.0e-6, -70000.0, 70000.0]]> : tensor<1x4xf64>} -> tensor<1xf32>
  // CHECK: snn.linear "w"{{.*}}weight = dense<{{\[}}[65535.999969482422, 0.000000e+00, -6.553600e+04, 65535.999969482422]]> : tensor<1x4xf64>
  %out = snn.output "out"(%w : tensor<1xf32>) -> tensor<1xf32>
}

// -----

// A continuous neuron: the graph must be discretized first.
snn.graph @continuous {
  %in = snn.input "in" -> tensor<1xf32>
  // expected-error@+1 {{snn-quantize: node 'lif' is not discretized; run snn-discretize first}}
  %lif = snn.lif "lif"(%in : tensor<1xf32>) {tau = dense<1.0e-2> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %out = snn.output "out"(%lif : tensor<1xf32>) -> tensor<1xf32>
}
