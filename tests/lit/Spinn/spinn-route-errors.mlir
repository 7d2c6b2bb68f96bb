// RUN: nmc-opt %s -split-input-file -spinn-route -verify-diagnostics

// The target slice sits on (7,0), one of the spin5 board's absent corner
// chips (row y = 0 holds x = 0..4).
snn.graph @absent {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "a", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 2]> : tensor<3xi64>, indices = dense<0> : tensor<2xi64>, synapse_types = dense<0> : tensor<2xi32>, codes = dense<16384> : tensor<2xi32>, weights = dense<0.5> : tensor<2xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  spinn.mapping {
    spinn.population "in" attributes {kind = #spinn.kind<source>, size = 2} {
      // expected-error @below {{spinn-route: slice [0, 2) of population 'in': multicast tree: route}}
      spinn.slice {lo = 0, hi = 2, x = 0, y = 0, p = 2, key = 0, mask = 4294967294}
    }
    spinn.population "a" attributes {kind = #spinn.kind<neuron>, size = 1} {
      spinn.slice {lo = 0, hi = 1, x = 7, y = 0, p = 2, key = 2, mask = 4294967294}
    }
  }
}

// -----

snn.graph @unplaced {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "a", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 2]> : tensor<3xi64>, indices = dense<0> : tensor<2xi64>, synapse_types = dense<0> : tensor<2xi32>, codes = dense<16384> : tensor<2xi32>, weights = dense<0.5> : tensor<2xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  spinn.mapping {
    spinn.population "in" attributes {kind = #spinn.kind<source>, size = 2} {
      spinn.slice {lo = 0, hi = 2, x = 0, y = 0, p = 2, key = 0, mask = 4294967294}
    }
    spinn.population "a" attributes {kind = #spinn.kind<neuron>, size = 1} {
      // expected-error @below {{spinn-route: a slice of population 'a' has no placement or key; run spinn-place and spinn-allocate-keys first}}
      spinn.slice {lo = 0, hi = 1}
    }
  }
}

// -----

// The projection's 2 x 1 matrix does not match population a of 3.
snn.graph @sizes {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @below {{spinn-route: projection 'fc': n_pre x n_post = 2 x 1 differs from the sizes of 'in' and 'a'}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "a", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 2]> : tensor<3xi64>, indices = dense<0> : tensor<2xi64>, synapse_types = dense<0> : tensor<2xi32>, codes = dense<16384> : tensor<2xi32>, weights = dense<0.5> : tensor<2xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  spinn.mapping {
    spinn.population "in" attributes {kind = #spinn.kind<source>, size = 2} {
      spinn.slice {lo = 0, hi = 2, x = 0, y = 0, p = 2, key = 0, mask = 4294967294}
    }
    spinn.population "a" attributes {kind = #spinn.kind<neuron>, size = 3} {
      spinn.slice {lo = 0, hi = 3, x = 0, y = 0, p = 3, key = 4, mask = 4294967292}
    }
  }
}
