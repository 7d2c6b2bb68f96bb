// IF neurons behind an identity layer (r = 0.75: v' = v + 0.75 x at dt = 1,
// threshold 1, reset 0) with the nmc extensions: `ref` has refractory
// periods of 0, 1 and 2 time units, `adapt` an adaptive threshold
// (d_theta = 1, tau_theta = 2, so theta decays by 1 - dt/tau = 0.5 under
// Euler).
snn.graph @neuron_ext {
  %0 = snn.input "in" -> tensor<3xf32>
  %1 = snn.linear "w"(%0 : tensor<3xf32>) {weight = dense<[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]> : tensor<3x3xf32>} -> tensor<3xf32>
  %2 = snn.if "ref"(%1 : tensor<3xf32>) {r = dense<0.75> : tensor<3xf32>, v_threshold = dense<1.0> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>, t_ref = dense<[0.0, 1.0, 2.0]> : tensor<3xf32>} -> tensor<3xf32>
  %3 = snn.if "adapt"(%1 : tensor<3xf32>) {r = dense<0.75> : tensor<3xf32>, v_threshold = dense<1.0> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>, d_theta = dense<1.0> : tensor<3xf32>, tau_theta = dense<2.0> : tensor<3xf32>} -> tensor<3xf32>
  %4 = snn.output "out_ref"(%2 : tensor<3xf32>) -> tensor<3xf32>
  %5 = snn.output "out_adapt"(%3 : tensor<3xf32>) -> tensor<3xf32>
}
