// RUN: nmc-opt %s -convert-snn-to-sfq -verify-diagnostics
// The sfq target has no synaptic plasticity yet (issue 14): a plastic
// node is refused by name before anything is mapped.
snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'fc' is plastic (stdp) but the sfq target has no synaptic plasticity yet; run it on reference or reference-fixed}}
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<1.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %o = snn.output "out"(%n : tensor<2xf32>) -> tensor<2xf32>
}
