// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -verify-diagnostics

// What spinnaker refuses of plastic (stdp) weight nodes, each by name.

// A plastic connector whose weight distribution reaches |w| >= 512 (known
// from its bounds: uniform [-600, 0.5)).
snn.graph @connector attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'c': plastic connector weights reach |w| = 600, outside (-512, 512): a plastic s16.15 weight must be exact in float32 for the image's network}}
  %c = snn.connector "c"(%in : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 2, weight_distribution = #snn.dist<uniform>, weight = array<f64: -600.0, 0.5>, delay_distribution = #snn.dist<constant>, delay = array<f64: 0.002>, seed = 1, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%c : tensor<2xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<1.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

// Synapses of different hardware delays (a delay node of steps 1 and 2 in
// front: D = 1 + 1 and 2 + 1).
snn.graph @delays attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %d = snn.discrete_delay "d"(%in : tensor<2xf32>) {steps = dense<[1, 2]> : tensor<2xi64>} -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'fc': is plastic (stdp) but its synapses have hardware delays from 1 to 2 ticks; a plastic projection needs one delay for all its synapses}}
  %fc = snn.linear "fc"(%d : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<1.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

// A post population with synapse filters (an LI exponential synapse in
// front of its static input).
snn.graph @filters attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %we = snn.linear "we"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>} -> tensor<2xf32>
  %se = snn.discrete_neuron "syn_e"(%we : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.75> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'fc': is plastic (stdp) and feeds 'n', which has LI synapse filters}}
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%se, %fc : tensor<2xf32>, tensor<2xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<1.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

// A weight of 512 or more: its s16.15 value is not exact in float32.
snn.graph @big_weight attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'fc': plastic weight 600 is outside (-512, 512)}}
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<[[0.5, 600.0], [0.0, 0.0]]> : tensor<2x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 511.0>} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<1.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

// A bound of 512 or more (w_min = -512).
snn.graph @big_bound attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'fc': stdp w_min = -512 is outside (-512, 512)}}
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = -512.0, w_max = 1.0>} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<1.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

// A plastic edge into a node that is not a spiking neuron population: the
// snn verifier already refuses it by name, before any target.
snn.graph @not_spiking attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'fc': its output feeds node 'li' (snn.discrete_neuron), not a spiking neuron node (IF, LIF or CubaLIF)}}
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<2xf32>
  %li = snn.discrete_neuron "li"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.75> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %o = snn.output "out"(%li : tensor<2xf32>) -> tensor<2xf32>
}
