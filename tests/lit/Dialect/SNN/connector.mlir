// RUN: nmc-opt %s --verify-roundtrip | FileCheck %s
// snn.connector with every rule and distribution kind; the round trip
// checks the enum attributes' assembly.

// CHECK-LABEL: snn.graph @conn
snn.graph @conn {
  %in = snn.input "in" -> tensor<10xf32>
  // CHECK: snn.connector "a2a"
  // CHECK-SAME: rule = #snn.rule<all_to_all>
  // CHECK-SAME: weight_distribution = #snn.dist<constant>
  %a = snn.connector "a2a"(%in : tensor<10xf32>) {rule = #snn.rule<all_to_all>, n_pre = 10, n_post = 4, allow_self = false, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1} -> tensor<4xf32>
  // CHECK: snn.connector "o2o"
  // CHECK-SAME: delay_distribution = #snn.dist<choice>
  %b = snn.connector "o2o"(%in : tensor<10xf32>) {rule = #snn.rule<one_to_one>, n_pre = 10, n_post = 10, weight_distribution = #snn.dist<uniform>, weight = array<f64: 0.0, 1.0>, delay_distribution = #snn.dist<choice>, delay = array<f64: 0.001, 0.002>, seed = 2} -> tensor<10xf32>
  // CHECK: snn.connector "prob"
  // CHECK-SAME: p = 1.000000e-01
  %c = snn.connector "prob"(%in : tensor<10xf32>) {rule = #snn.rule<fixed_probability>, n_pre = 10, n_post = 6, p = 0.1 : f64, weight_distribution = #snn.dist<normal_clipped>, weight = array<f64: 1.0, 0.5, 0.0, 0x7FF0000000000000>, seed = 3} -> tensor<6xf32>
  // CHECK: snn.connector "indeg"
  // CHECK-SAME: rule = #snn.rule<fixed_number_pre>
  %d = snn.connector "indeg"(%in : tensor<10xf32>) {rule = #snn.rule<fixed_number_pre>, n_pre = 10, n_post = 3, n = 4, with_replacement = true, weight_distribution = #snn.dist<constant>, weight = array<f64: -1.0>, seed = 4} -> tensor<3xf32>
  // CHECK: snn.connector "total"
  // CHECK-SAME: rule = #snn.rule<fixed_total_number>
  %e = snn.connector "total"(%in : tensor<10xf32>) {rule = #snn.rule<fixed_total_number>, n_pre = 10, n_post = 3, n = 12, weight_distribution = #snn.dist<constant>, weight = array<f64: 2.0>, seed = 5} -> tensor<3xf32>
  %o = snn.output "out"(%e : tensor<3xf32>) -> tensor<3xf32>
}
