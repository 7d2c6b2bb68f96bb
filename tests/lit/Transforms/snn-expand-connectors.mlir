// RUN: nmc-opt %s -split-input-file -snn-expand-connectors -verify-diagnostics | FileCheck %s
// Expected synapses are the rules' definitions (no random draw involved):
// one_to_one is the identity, all_to_all without self pairs on 2 x 2 is
// 0 -> 1 and 1 -> 0. A constant delay of 2 ms at dt = 1 ms is 2 steps.

// CHECK-LABEL: snn.graph @discretized
// CHECK: %[[IN:.*]] = snn.input "in"
// CHECK: %[[D:.*]] = snn.discrete_delay "o2o.delay"(%[[IN]] : tensor<3xf32>) {steps = dense<2> : tensor<3xi64>} -> tensor<3xf32>
// CHECK: snn.sparse_affine "o2o"(%[[D]] : tensor<3xf32>) {indices = dense<[0, 1, 2]> : tensor<3xi32>, indptr = dense<[0, 1, 2, 3]> : tensor<4xi64>, weight = dense<5.000000e-01> : tensor<3xf32>} -> tensor<3xf32>
// CHECK-NOT: snn.connector
snn.graph @discretized attributes {dt = 1.000000e-03 : f64} {
  %in = snn.input "in" -> tensor<3xf32>
  %c = snn.connector "o2o"(%in : tensor<3xf32>) {rule = #snn.rule<one_to_one>, n_pre = 3, n_post = 3, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, delay_distribution = #snn.dist<constant>, delay = array<f64: 0.002>, seed = 1} -> tensor<3xf32>
  %o = snn.output "out"(%c : tensor<3xf32>) -> tensor<3xf32>
}

// -----

// Not yet discretized: the delay stays in seconds for snn-discretize.
// CHECK-LABEL: snn.graph @continuous
// CHECK: snn.delay "a2a.delay"(%{{.*}} : tensor<2xf32>) {delay = dense<2.000000e-03> : tensor<2xf64>} -> tensor<2xf32>
// CHECK: snn.sparse_affine "a2a"(%{{.*}} : tensor<2xf32>) {indices = dense<[1, 0]> : tensor<2xi32>, indptr = dense<[0, 1, 2]> : tensor<3xi64>, weight = dense<-1.000000e+00> : tensor<2xf32>} -> tensor<2xf32>
snn.graph @continuous {
  %in = snn.input "in" -> tensor<2xf32>
  %c = snn.connector "a2a"(%in : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 2, allow_self = false, weight_distribution = #snn.dist<constant>, weight = array<f64: -1.0>, delay_distribution = #snn.dist<choice>, delay = array<f64: 0.002, 0.002>, seed = 1} -> tensor<2xf32>
  %o = snn.output "out"(%c : tensor<2xf32>) -> tensor<2xf32>
}

// -----

// No delay: the sparse_affine reads the inputs directly.
// CHECK-LABEL: snn.graph @nodelay
// CHECK: %[[IN:.*]] = snn.input "in"
// CHECK-NEXT: snn.sparse_affine "c"(%[[IN]] : tensor<2xf32>)
snn.graph @nodelay {
  %in = snn.input "in" -> tensor<2xf32>
  %c = snn.connector "c"(%in : tensor<2xf32>) {rule = #snn.rule<one_to_one>, n_pre = 2, n_post = 2, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, seed = 1} -> tensor<2xf32>
  %o = snn.output "out"(%c : tensor<2xf32>) -> tensor<2xf32>
}

// -----

snn.graph @heterogeneous {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'c': its delays are drawn from a uniform distribution, one per synapse; this target has one delay per input (use a constant delay)}}
  %c = snn.connector "c"(%in : tensor<2xf32>) {rule = #snn.rule<one_to_one>, n_pre = 2, n_post = 2, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, delay_distribution = #snn.dist<uniform>, delay = array<f64: 0.001, 0.003>, seed = 1} -> tensor<2xf32>
  %o = snn.output "out"(%c : tensor<2xf32>) -> tensor<2xf32>
}
