// RUN: nmc-opt %s -snn-infer-shapes -split-input-file -verify-diagnostics | FileCheck %s

// Conv without input_shape, pooling and flatten get their shapes from
// upstream: (2,8,8) -conv k3 p1 s2-> (4,4,4) -pool 2-> (4,2,2) -flat-> (16).
// CHECK-LABEL: snn.graph @chain
snn.graph @chain {
  %in = snn.input "in" -> tensor<2x8x8xf32>
  // CHECK: snn.conv2d "conv"{{.*}} -> tensor<4x4x4xf32>
  %c = snn.conv2d "conv"(%in : tensor<2x8x8xf32>) {weight = dense<0.5> : tensor<4x2x3x3xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1} -> tensor<*xf32>
  // CHECK: snn.sum_pool2d "pool"{{.*}} -> tensor<4x2x2xf32>
  %p = snn.sum_pool2d "pool"(%c : tensor<*xf32>) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} -> tensor<*xf32>
  // CHECK: snn.flatten "flat"{{.*}} -> tensor<16xf32>
  %f = snn.flatten "flat"(%p : tensor<*xf32>) {start_dim = 0, end_dim = -1} -> tensor<*xf32>
  // CHECK: snn.output "out"{{.*}} -> tensor<16xf32>
  %o = snn.output "out"(%f : tensor<*xf32>) -> tensor<*xf32>
}

// -----

// Conv1d with "same" padding keeps the length; dilation 2, kernel 3.
// CHECK-LABEL: snn.graph @same
snn.graph @same {
  %in = snn.input "in" -> tensor<2x10xf32>
  // CHECK: snn.conv1d "c"{{.*}} -> tensor<3x10xf32>
  %c = snn.conv1d "c"(%in : tensor<2x10xf32>) {weight = dense<1.0> : tensor<3x2x3xf32>, bias = dense<0.0> : tensor<3xf32>, stride = array<i64: 1>, padding = "same", dilation = array<i64: 2>, groups = 1} -> tensor<*xf32>
  %o = snn.output "out"(%c : tensor<*xf32>) -> tensor<3x10xf32>
}

// -----

snn.graph @nothing_known {
  %a = snn.input "a" -> tensor<2xf32>
  // expected-error @+1 {{node 'pool': cannot infer its output shape}}
  %p = snn.sum_pool2d "pool" {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} -> tensor<*xf32>
}
