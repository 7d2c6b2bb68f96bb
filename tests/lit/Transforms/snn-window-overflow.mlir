// RUN: nmc-opt %s -split-input-file -verify-diagnostics
// Hostile conv/pool numbers (as a file could carry them): the arithmetic
// is overflow-checked, the error names the conv/pool node itself and the
// values as written (no wrapped int64), never the node after it.

snn.graph @dilation_overflows {
  %in = snn.input "in" -> tensor<2x8x8xf32>
  // expected-error @below {{node 'conv': kernel size 3 with dilation 9223372036854775807 has no span: dilation * (kernel - 1) + 1 must be a positive int64 along spatial dim 0}}
  %c = snn.conv2d "conv"(%in : tensor<2x8x8xf32>) {weight = dense<0.5> : tensor<4x2x3x3xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 9223372036854775807, 1>, groups = 1} -> tensor<*xf32>
  %o = snn.output "out"(%c : tensor<*xf32>) -> tensor<*xf32>
}

// -----

snn.graph @same_padding_overflows {
  %in = snn.input "in" -> tensor<2x8x8xf32>
  // expected-error @below {{node 'conv': padding "same" for kernel [3, 3] with dilation [1, 4611686018427387904] overflows int64}}
  %c = snn.conv2d "conv"(%in : tensor<2x8x8xf32>) {weight = dense<0.5> : tensor<4x2x3x3xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = "same", dilation = array<i64: 1, 4611686018427387904>, groups = 1} -> tensor<*xf32>
  %o = snn.output "out"(%c : tensor<*xf32>) -> tensor<*xf32>
}

// -----

snn.graph @padding_overflows {
  %in = snn.input "in" -> tensor<2x8x8xf32>
  // expected-error @below {{node 'conv': input size 8 plus padding 9223372036854775807 + 9223372036854775807 overflows int64 along spatial dim 1}}
  %c = snn.conv2d "conv"(%in : tensor<2x8x8xf32>) {weight = dense<0.5> : tensor<4x2x3x3xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 9223372036854775807>, dilation = array<i64: 1, 1>, groups = 1} -> tensor<*xf32>
  %o = snn.output "out"(%c : tensor<*xf32>) -> tensor<*xf32>
}

// -----

// 5x5 kernel over a 3x3 input: the conv's error (it used to get an empty
// output and the next node was blamed).
snn.graph @kernel_larger_than_input {
  %in = snn.input "in" -> tensor<2x3x3xf32>
  // expected-error @below {{node 'conv': kernel size 5 with dilation 1 spans 5 cells, more than the padded input (3 + 0 + 0 = 3) along spatial dim 0}}
  %c = snn.conv2d "conv"(%in : tensor<2x3x3xf32>) {weight = dense<0.5> : tensor<4x2x5x5xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1} -> tensor<*xf32>
  %f = snn.flatten "flat"(%c : tensor<*xf32>) {start_dim = 0 : i64, end_dim = -1 : i64} -> tensor<*xf32>
  %o = snn.output "out"(%f : tensor<*xf32>) -> tensor<*xf32>
}

// -----

snn.graph @pool_larger_than_input {
  %in = snn.input "in" -> tensor<2x4x4xf32>
  // expected-error @below {{node 'pool': kernel size 6 with dilation 1 spans 6 cells, more than the padded input (4 + 0 + 0 = 4) along spatial dim 1}}
  %p = snn.sum_pool2d "pool"(%in : tensor<2x4x4xf32>) {kernel_size = array<i64: 2, 6>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} -> tensor<*xf32>
  %o = snn.output "out"(%p : tensor<*xf32>) -> tensor<*xf32>
}

// -----

snn.graph @pool_padding_overflows {
  %in = snn.input "in" -> tensor<2x4x4xf32>
  // expected-error @below {{node 'pool': input size 4 plus padding 9223372036854775807 + 9223372036854775807 overflows int64 along spatial dim 0}}
  %p = snn.avg_pool2d "pool"(%in : tensor<2x4x4xf32>) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 9223372036854775807, 0>} -> tensor<*xf32>
  %o = snn.output "out"(%p : tensor<*xf32>) -> tensor<*xf32>
}
