// A connector whose weights are exact crossbar levels (a choice of
// multiples of 0.0625 up to 15 * 0.0625 = 0.9375) and whose delay is one
// constant of 2 steps at dt = 1: the xbar pipeline expands it
// (snn-expand-connectors: discrete_delay + sparse_affine), the reference
// engines expand it when they load the image; both must see the same
// synapses and the same delays.
snn.graph @conn_levels {
  %in = snn.input "in" -> tensor<12xf32>
  %c = snn.connector "c"(%in : tensor<12xf32>) {rule = #snn.rule<fixed_probability>, n_pre = 12, n_post = 8, p = 0.5 : f64, weight_distribution = #snn.dist<choice>, weight = array<f64: 0.9375, -0.5, 0.25, 0.625>, delay_distribution = #snn.dist<constant>, delay = array<f64: 2.0>, seed = 7} -> tensor<8xf32>
  %lif = snn.lif "lif"(%c : tensor<8xf32>) {tau = dense<4.0> : tensor<8xf32>, r = dense<2.0> : tensor<8xf32>, v_leak = dense<0.0> : tensor<8xf32>, v_threshold = dense<0.5> : tensor<8xf32>, v_reset = dense<0.0> : tensor<8xf32>} -> tensor<8xf32>
  %out = snn.output "out"(%lif : tensor<8xf32>) -> tensor<8xf32>
}
