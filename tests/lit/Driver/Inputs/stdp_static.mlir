// A network without plastic nodes (--save-weights refuses it).
snn.graph @static {
  %in = snn.input "in" -> tensor<2xf32>
  %w = snn.linear "w"(%in : tensor<2xf32>) {weight = dense<[[0.5, 0.5]]> : tensor<1x2xf32>} -> tensor<1xf32>
  %n = snn.lif "n"(%w : tensor<1xf32>) {tau = dense<0.001> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<2.5> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %o = snn.output "out"(%n : tensor<1xf32>) -> tensor<1xf32>
}
