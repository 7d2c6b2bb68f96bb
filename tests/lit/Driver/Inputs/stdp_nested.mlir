// As stdp_train.mlir's `w` (traces that do not decay), as a plastic Linear
// inside a nested graph (`sub.w` once inlined) and as a plastic all-to-all
// connector with a 1 ms delay (`c`).
snn.graph @stdp_nested {
  %in = snn.input "in" -> tensor<2xf32>
  %teacher = snn.input "teacher" -> tensor<1xf32>
  %sub = snn.subgraph "sub"(%in : tensor<2xf32>) -> tensor<1xf32> {
    %i = snn.input "input" -> tensor<2xf32>
    %w = snn.linear "w"(%i : tensor<2xf32>) {weight = dense<[[0.5, 0.5]]> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 1.0e6, tau_minus = 1.0e6, a_plus = 0.25, a_minus = 0.125, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
    %o = snn.output "output"(%w : tensor<1xf32>) -> tensor<1xf32>
  }
  %t = snn.linear "t"(%teacher : tensor<1xf32>) {weight = dense<3.0> : tensor<1x1xf32>} -> tensor<1xf32>
  %n = snn.lif "n"(%sub, %t : tensor<1xf32>, tensor<1xf32>) {tau = dense<0.001> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<2.5> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %c = snn.connector "c"(%in : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 1, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, delay_distribution = #snn.dist<constant>, delay = array<f64: 0.001>, seed = 3, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 1.0e6, tau_minus = 1.0e6, a_plus = 0.25, a_minus = 0.125, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %t2 = snn.linear "t2"(%teacher : tensor<1xf32>) {weight = dense<3.0> : tensor<1x1xf32>} -> tensor<1xf32>
  %n2 = snn.lif "n2"(%c, %t2 : tensor<1xf32>, tensor<1xf32>) {tau = dense<0.001> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<2.5> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %o = snn.output "out"(%n : tensor<1xf32>) -> tensor<1xf32>
  %o2 = snn.output "out2"(%n2 : tensor<1xf32>) -> tensor<1xf32>
}
