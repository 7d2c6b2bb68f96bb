// One plastic node of each kind that can learn (issue 14), with other
// metadata next to the rule.
snn.graph @stdp {
  %in = snn.input "in" -> tensor<2xf32>
  %a = snn.affine "a"(%in : tensor<2xf32>) {weight = dense<[[0.5, 0.25]]> : tensor<1x2xf32>, bias = dense<0.0> : tensor<1xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.03, a_plus = 0.01, a_minus = 0.012, w_min = 0.0, w_max = 1.0>, "nir.metadata" = {other = "kept"}} -> tensor<1xf32>
  %n1 = snn.lif "n1"(%a : tensor<1xf32>) {tau = dense<0.01> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %l = snn.linear "l"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>, stdp = #snn.stdp<pairing = nearest_pair, dependence = multiplicative, tau_plus = 0.1, tau_minus = 0.1, a_plus = 0.5, a_minus = 0.25, w_min = -1.0, w_max = 2.0>} -> tensor<2xf32>
  %n2 = snn.if "n2"(%l : tensor<2xf32>) {r = dense<1.0> : tensor<2xf32>, v_threshold = dense<1.0> : tensor<2xf32>, v_reset = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
  %s = snn.sparse_affine "s"(%in : tensor<2xf32>) {indptr = dense<[0, 1, 2]> : tensor<3xi64>, indices = dense<[0, 2]> : tensor<2xi32>, weight = dense<[0.5, 0.25]> : tensor<2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = multiplicative, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<3xf32>
  %n3 = snn.if "n3"(%s : tensor<3xf32>) {r = dense<1.0> : tensor<3xf32>, v_threshold = dense<1.0> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>} -> tensor<3xf32>
  %c = snn.connector "c"(%in : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 4, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, delay_distribution = #snn.dist<constant>, delay = array<f64: 0.002>, seed = 1, stdp = #snn.stdp<pairing = nearest_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<4xf32>
  %n4 = snn.if "n4"(%c : tensor<4xf32>) {r = dense<1.0> : tensor<4xf32>, v_threshold = dense<1.0> : tensor<4xf32>, v_reset = dense<0.0> : tensor<4xf32>} -> tensor<4xf32>
  %o = snn.output "out"(%n1 : tensor<1xf32>) -> tensor<1xf32>
}
