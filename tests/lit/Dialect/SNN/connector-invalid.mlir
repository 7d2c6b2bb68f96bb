// RUN: nmc-opt %s -split-input-file -verify-diagnostics
// Bad connector specs: the verifier's message comes from
// nmc::model::validateConnector and names the field and value.

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': p = 1.5 (fixed_probability) must be in [0, 1]}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<fixed_probability>, n_pre = 4, n_post = 4, p = 1.5 : f64, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, seed = 1} -> tensor<4xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': fixed_probability needs the attribute p}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<fixed_probability>, n_pre = 4, n_post = 4, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, seed = 1} -> tensor<4xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': n = 4 (fixed_number_pre) is more than the 3 distinct sources a target can have without replacement (self-connections excluded)}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<fixed_number_pre>, n_pre = 4, n_post = 4, n = 4, allow_self = false, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, seed = 1} -> tensor<4xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': weight (uniform) has 1 parameters, expected 2 [low, high]}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<all_to_all>, n_pre = 4, n_post = 2, weight_distribution = #snn.dist<uniform>, weight = array<f64: 1.0>, seed = 1} -> tensor<2xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': delay.value = -0.001 (constant) is negative; delays must be >= 0 s}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<one_to_one>, n_pre = 4, n_post = 4, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, delay_distribution = #snn.dist<constant>, delay = array<f64: -0.001>, seed = 1} -> tensor<4xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': weight.sd = -1 (normal_clipped) must be finite and >= 0}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<all_to_all>, n_pre = 4, n_post = 2, weight_distribution = #snn.dist<normal_clipped>, weight = array<f64: 0.0, -1.0, -1.0, 1.0>, seed = 1} -> tensor<2xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': input has 4 elements but n_pre = 5}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<all_to_all>, n_pre = 5, n_post = 2, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, seed = 1} -> tensor<2xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': output has 3 elements but n_post = 2}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<all_to_all>, n_pre = 4, n_post = 2, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, seed = 1} -> tensor<3xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': n_post = -3 must be in [1, 2147483647]}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<all_to_all>, n_pre = 4, n_post = -3, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, seed = 1} -> tensor<*xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'c': delay and delay_distribution go together}}
  %1 = snn.connector "c"(%0 : tensor<4xf32>) {rule = #snn.rule<one_to_one>, n_pre = 4, n_post = 4, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, delay = array<f64: 0.001>, seed = 1} -> tensor<4xf32>
}
