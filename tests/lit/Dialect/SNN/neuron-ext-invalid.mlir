// RUN: nmc-opt %s -split-input-file -verify-diagnostics
// The nmc neuron extensions (refractory period, adaptive threshold) are
// checked like the NIR parameters: values, pairing and shape.

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'n': 't_ref' must be finite and >= 0, got -1.000000e+00 (element 1)}}
  %1 = snn.if "n"(%0 : tensor<2xf32>) {r = dense<1.0> : tensor<2xf32>, v_threshold = dense<1.0> : tensor<2xf32>, v_reset = dense<0.0> : tensor<2xf32>, t_ref = dense<[1.0, -1.0]> : tensor<2xf32>} -> tensor<2xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'n': 't_ref' must be finite and >= 0, got INF (element 0)}}
  %1 = snn.lif "n"(%0 : tensor<1xf32>) {tau = dense<1.0> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>, t_ref = dense<0x7F800000> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<3xf32>
  // expected-error @+1 {{node 'n': parameter 't_ref' has shape [2] but the node shape is [3]}}
  %1 = snn.if "n"(%0 : tensor<3xf32>) {r = dense<1.0> : tensor<3xf32>, v_threshold = dense<1.0> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>, t_ref = dense<1.0> : tensor<2xf32>} -> tensor<3xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'n': 'd_theta' and 'tau_theta' (adaptive threshold) must be given together}}
  %1 = snn.if "n"(%0 : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>, d_theta = dense<0.5> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'n': 'tau_theta' must be finite and > 0, got 0.000000e+00 (element 0)}}
  %1 = snn.cubalif "n"(%0 : tensor<1xf32>) {tau_syn = dense<1.0> : tensor<1xf32>, tau_mem = dense<1.0> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>, w_in = dense<1.0> : tensor<1xf32>, d_theta = dense<0.5> : tensor<1xf32>, tau_theta = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'n': 'd_theta' must be finite, got nan (element 0)}}
  %1 = snn.if "n"(%0 : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>, d_theta = dense<0x7FC00000> : tensor<1xf32>, tau_theta = dense<1.0> : tensor<1xf32>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'n': ref_steps, a_theta and d_theta apply to spiking neuron types only}}
  %1 = snn.discrete_neuron "n"(%0 : tensor<1xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>, ref_steps = dense<2> : tensor<1xi64>} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'n': ref_steps must be in [0, 2^31)}}
  %1 = snn.discrete_neuron "n"(%0 : tensor<1xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>, ref_steps = dense<-1> : tensor<1xi64>} -> tensor<1xf32>
}
