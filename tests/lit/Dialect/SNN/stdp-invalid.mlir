// RUN: nmc-opt %s -split-input-file -verify-diagnostics
// The `stdp` attribute (issue 14): its values, and where a plastic node's
// output goes (exactly one spiking neuron node of the same size).

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'w': stdp tau_plus must be finite and > 0, got 0}}
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.0, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %2 = snn.if "n"(%1 : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'w': stdp tau_minus must be finite and > 0, got -0.02}}
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = -0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %2 = snn.if "n"(%1 : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'w': stdp w_min (2) must be <= w_max (1)}}
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 2.0, w_max = 1.0>} -> tensor<1xf32>
  %2 = snn.if "n"(%1 : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

// A connector whose synapses have different delays: the pre times of one
// spike would differ per synapse.
snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'c': a plastic connector needs one delay for all its synapses (a constant delay distribution), got uniform}}
  %1 = snn.connector "c"(%0 : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 1, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, delay_distribution = #snn.dist<uniform>, delay = array<f64: 0.001, 0.003>, seed = 1, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %2 = snn.if "n"(%1 : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'w': its output feeds node 'li' (snn.li), not a spiking neuron node (IF, LIF or CubaLIF)}}
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %2 = snn.li "li"(%1 : tensor<1xf32>) {tau = dense<1.0> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'w': its output feeds more than one node input; a plastic node must feed exactly one spiking neuron node (IF, LIF or CubaLIF) and nothing else}}
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %2 = snn.if "n"(%1 : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %3 = snn.output "out"(%1 : tensor<1xf32>) -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'w': its output feeds no node; a plastic node must feed exactly one spiking neuron node (IF, LIF or CubaLIF)}}
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
}

// -----

// After snn-discretize the post neuron is a discrete_neuron; a non-spiking
// one (LI) is refused the same way.
snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'w': its output feeds node 'li' (snn.discrete_neuron), not a spiking neuron node (IF, LIF or CubaLIF)}}
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<1xf32>
  %2 = snn.discrete_neuron "li"(%1 : tensor<1xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
}

// -----

// A batched (rank-3) weight has no single synapse matrix to learn.
snn.graph @g {
  %0 = snn.input "in" -> tensor<2x2xf32>
  // expected-error @+1 {{node 'w': a plastic node needs a rank-2 weight (out, in), got rank 3}}
  %1 = snn.linear "w"(%0 : tensor<2x2xf32>) {weight = dense<0.5> : tensor<2x1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<2x1xf32>
  %2 = snn.if "n"(%1 : tensor<2x1xf32>) {r = dense<1.0> : tensor<2x1xf32>, v_threshold = dense<1.0> : tensor<2x1xf32>, v_reset = dense<0.0> : tensor<2x1xf32>} -> tensor<2x1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{duplicate or unknown struct parameter name: tau}}
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau = 0.02>} -> tensor<1xf32>
}
