// RUN: nmc-opt %s -canonicalize | FileCheck %s
// Identity-like nodes disappear; their inputs feed their users (summed).

// CHECK-LABEL: snn.graph @identities
snn.graph @identities {
  // CHECK: %[[A:.*]] = snn.input "a"
  // CHECK: %[[B:.*]] = snn.input "b"
  %a = snn.input "a" -> tensor<2xf32>
  %b = snn.input "b" -> tensor<2xf32>
  // CHECK-NOT: snn.scale "one"
  %s = snn.scale "one"(%a, %b : tensor<2xf32>, tensor<2xf32>) {scale = dense<1.0> : tensor<2xf32>} -> tensor<2xf32>
  // CHECK-NOT: snn.delay "zero"
  %d = snn.delay "zero"(%s : tensor<2xf32>) {delay = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
  // CHECK: snn.scale "two"
  %t = snn.scale "two"(%d : tensor<2xf32>) {scale = dense<2.0> : tensor<2xf32>} -> tensor<2xf32>
  // CHECK: snn.output "out"(%[[A]], %[[B]], %{{.*}} : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  %o = snn.output "out"(%d, %t : tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
}

// CHECK-LABEL: snn.graph @kept
snn.graph @kept {
  %a = snn.input "a" -> tensor<2x3xf32>
  // A flatten that changes the shape stays.
  // CHECK: snn.flatten "f1"
  %f = snn.flatten "f1"(%a : tensor<2x3xf32>) {start_dim = 0, end_dim = -1} -> tensor<6xf32>
  // A flatten of a vector is the identity.
  // CHECK-NOT: snn.flatten "f2"
  %g = snn.flatten "f2"(%f : tensor<6xf32>) {start_dim = 0, end_dim = -1} -> tensor<6xf32>
  // A delay that is not zero everywhere stays.
  // CHECK: snn.delay "d"
  %d = snn.delay "d"(%g : tensor<6xf32>) {delay = dense<[0.0, 0.0, 0.0, 0.0, 0.0, 1.0]> : tensor<6xf32>} -> tensor<6xf32>
  %o = snn.output "out"(%d : tensor<6xf32>) -> tensor<6xf32>
}
