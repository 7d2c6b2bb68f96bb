// RUN: nmc-opt %s -split-input-file -convert-snn-to-xbar -verify-diagnostics | FileCheck %s

// Affine: weight W[out][in] = [[1, 2, 3], [4, 5, 6]] becomes the crossbar
// matrix rows = inputs, columns = outputs: [[1, 4], [2, 5], [3, 6]]; the
// bias stays on the layer; the neuron stays an snn op.
// CHECK-LABEL: snn.graph @dense
// CHECK: %[[IN:.*]] = snn.input "in"
// CHECK: %[[FC:.*]] = xbar.layer "fc"(%[[IN]] : tensor<3xf32>)
// CHECK-SAME: bias = dense<[5.000000e-01, -5.000000e-01]> : tensor<2xf64>
// CHECK-SAME: cols = 2 : i64, groups = 1 : i64, kind = #xbar.kind<dense>
// CHECK-SAME: matrix = dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf64>
// CHECK-SAME: rows = 3 : i64
// CHECK-SAME: -> tensor<2xf32> {
// CHECK: snn.discrete_neuron "lif"(%[[FC]] : tensor<2xf32>)
// CHECK-NOT: snn.affine
snn.graph @dense attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<3xf32>
  %fc = snn.affine "fc"(%in : tensor<3xf32>) {weight = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>, bias = dense<[0.5, -0.5]> : tensor<2xf32>} -> tensor<2xf32>
  %lif = snn.discrete_neuron "lif"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.9> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.1> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %out = snn.output "out"(%lif : tensor<2xf32>) -> tensor<2xf32>
}

// -----

// Conv2d, Cin 4, Cout 4, groups 2, kernel 2x2, padding 1: per group rows =
// (4/2) * 2*2 = 8 in (channel, ky, kx) order, cols = 4/2 = 2. With
// weight[co][ci][ky][kx] = 8*co + 4*ci + 2*ky + kx + 1 (1..32 in memory
// order), row r = 4*ci + 2*ky + kx of group g, column c holds output
// channel co = 2g + c: matrix[8g + r][c] = 8*(2g + c) + r + 1, i.e.
// group 0 rows [1, 9], [2, 10], ..., [8, 16]; group 1 rows [17, 25], ...,
// [24, 32]. Output (4, 4, 4) = (3 + 2 - 2)/1 + 1 = 4 per side.
// CHECK-LABEL: snn.graph @conv
// CHECK: xbar.layer "conv"
// CHECK-SAME: cols = 2 : i64
// CHECK-SAME: dilation = array<i64: 1, 1>
// CHECK-SAME: groups = 2 : i64
// CHECK-SAME: kernel = array<i64: 2, 2>
// CHECK-SAME: kind = #xbar.kind<conv>
// CHECK-SAME: matrix = dense<{{\[}}[1.000000e+00, 9.000000e+00], [2.000000e+00, 1.000000e+01], [3.000000e+00, 1.100000e+01], [4.000000e+00, 1.200000e+01], [5.000000e+00, 1.300000e+01], [6.000000e+00, 1.400000e+01], [7.000000e+00, 1.500000e+01], [8.000000e+00, 1.600000e+01], [1.700000e+01, 2.500000e+01], [1.800000e+01, 2.600000e+01], [1.900000e+01, 2.700000e+01], [2.000000e+01, 2.800000e+01], [2.100000e+01, 2.900000e+01], [2.200000e+01, 3.000000e+01], [2.300000e+01, 3.100000e+01], [2.400000e+01, 3.200000e+01]]> : tensor<16x2xf64>
// CHECK-SAME: pad_hi = array<i64: 1, 1>, pad_lo = array<i64: 1, 1>
// CHECK-SAME: rows = 8 : i64
// CHECK-SAME: stride = array<i64: 1, 1>
// CHECK-SAME: -> tensor<4x4x4xf32>
snn.graph @conv attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<4x3x3xf32>
  %c = snn.conv2d "conv"(%in : tensor<4x3x3xf32>) {weight = dense<[[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]], [[[9.0, 10.0], [11.0, 12.0]], [[13.0, 14.0], [15.0, 16.0]]], [[[17.0, 18.0], [19.0, 20.0]], [[21.0, 22.0], [23.0, 24.0]]], [[[25.0, 26.0], [27.0, 28.0]], [[29.0, 30.0], [31.0, 32.0]]]]> : tensor<4x2x2x2xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 2 : i64} -> tensor<4x4x4xf32>
  %out = snn.output "out"(%c : tensor<4x4x4xf32>) -> tensor<4x4x4xf32>
}

// -----

// Conv1d with padding "same" (kernel 3: one cell each side), stride 2.
// rows = 2 * 3 = 6, cols = 1; the splat weight stays a splat.
// CHECK-LABEL: snn.graph @conv1d
// CHECK: xbar.layer "c1"
// CHECK-SAME: kernel = array<i64: 3>
// CHECK-SAME: matrix = dense<2.500000e-01> : tensor<6x1xf64>
// CHECK-SAME: pad_hi = array<i64: 1>, pad_lo = array<i64: 1>
// CHECK-SAME: rows = 6 : i64
snn.graph @conv1d attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<2x5xf32>
  %c = snn.conv1d "c1"(%in : tensor<2x5xf32>) {weight = dense<0.25> : tensor<1x2x3xf32>, bias = dense<0.0> : tensor<1xf32>, stride = array<i64: 2>, padding = "same", dilation = array<i64: 1>, groups = 1 : i64} -> tensor<1x3xf32>
  %out = snn.output "out"(%c : tensor<1x3xf32>) -> tensor<1x3xf32>
}

// -----

// Sparse: the CSR by input row carries over; indices widen to i64.
// CHECK-LABEL: snn.graph @sparse
// CHECK: xbar.layer "sp"
// CHECK-SAME: cols = 3 : i64
// CHECK-SAME: indices = dense<[0, 1, 2]> : tensor<3xi64>, indptr = dense<[0, 1, 1, 2, 3]> : tensor<5xi64>
// CHECK-SAME: kind = #xbar.kind<sparse>
// CHECK-SAME: rows = 4 : i64
// CHECK-SAME: values = dense<[5.000000e-01, 0.000000e+00, -2.500000e-01]> : tensor<3xf64>
snn.graph @sparse attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<4xf32>
  %sp = snn.sparse_affine "sp"(%in : tensor<4xf32>) {indptr = dense<[0, 1, 1, 2, 3]> : tensor<5xi32>, indices = dense<[0, 1, 2]> : tensor<3xi32>, weight = dense<[0.5, 0.0, -0.25]> : tensor<3xf64>} -> tensor<3xf32>
  %out = snn.output "out"(%sp : tensor<3xf32>) -> tensor<3xf32>
}

// -----

snn.graph @batched attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<2x3xf32>
  // expected-error @+1 {{convert-snn-to-xbar: node 'fc': batched weights (rank 3) cannot be mapped onto a crossbar}}
  %fc = snn.linear "fc"(%in : tensor<2x3xf32>) {weight = dense<1.0> : tensor<2x2x3xf32>} -> tensor<2x2xf32>
}
