// Two inputs -> one LIF neuron through a plastic Linear, twice (issue 14):
// `w` with traces that do not decay over the run (tau = 1e6 s, 1e9 steps
// of dt = 1 ms), `w2` with tau = 2 ms = 2 steps. A teacher input forces
// each neuron to fire through a static Linear of weight 3 (threshold 2.5;
// the plastic inputs add at most 2 x w_max = 2 and never fire it alone).
// LIF with tau = dt under Euler is memoryless: v' = x.
snn.graph @stdp_train {
  %in = snn.input "in" -> tensor<2xf32>
  %teacher = snn.input "teacher" -> tensor<1xf32>
  %w = snn.linear "w"(%in : tensor<2xf32>) {weight = dense<[[0.5, 0.5]]> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 1.0e6, tau_minus = 1.0e6, a_plus = 0.25, a_minus = 0.125, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %t = snn.linear "t"(%teacher : tensor<1xf32>) {weight = dense<3.0> : tensor<1x1xf32>} -> tensor<1xf32>
  %n = snn.lif "n"(%w, %t : tensor<1xf32>, tensor<1xf32>) {tau = dense<0.001> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<2.5> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %w2 = snn.linear "w2"(%in : tensor<2xf32>) {weight = dense<[[0.5, 0.5]]> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.002, tau_minus = 0.002, a_plus = 0.25, a_minus = 0.125, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %t2 = snn.linear "t2"(%teacher : tensor<1xf32>) {weight = dense<3.0> : tensor<1x1xf32>} -> tensor<1xf32>
  %n2 = snn.lif "n2"(%w2, %t2 : tensor<1xf32>, tensor<1xf32>) {tau = dense<0.001> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<2.5> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %o = snn.output "out"(%n : tensor<1xf32>) -> tensor<1xf32>
  %o2 = snn.output "out2"(%n2 : tensor<1xf32>) -> tensor<1xf32>
}
