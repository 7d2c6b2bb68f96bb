// A plastic fixed-probability connector (issue 14): 100 inputs -> p = 0.2,
// weights U[0.1, 0.6), one 2 ms delay, additive all-pair STDP -> 40 LIF
// (tau 20 ms, threshold 0.15: about 40 Hz at 30 Hz Poisson input).
snn.graph @stdp_connector {
  %in = snn.input "in" -> tensor<100xf32>
  %c = snn.connector "c"(%in : tensor<100xf32>) {rule = #snn.rule<fixed_probability>, p = 0.2, n_pre = 100, n_post = 40, weight_distribution = #snn.dist<uniform>, weight = array<f64: 0.1, 0.6>, delay_distribution = #snn.dist<constant>, delay = array<f64: 0.002>, seed = 11, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.012, w_min = 0.0, w_max = 1.0>} -> tensor<40xf32>
  %n = snn.lif "n"(%c : tensor<40xf32>) {tau = dense<0.02> : tensor<40xf32>, r = dense<1.0> : tensor<40xf32>, v_leak = dense<0.0> : tensor<40xf32>, v_threshold = dense<0.15> : tensor<40xf32>, v_reset = dense<0.0> : tensor<40xf32>} -> tensor<40xf32>
  %o = snn.output "out"(%n : tensor<40xf32>) -> tensor<40xf32>
}
