// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -verify-diagnostics

// expected-error @+1 {{graph 'g' must be quantized to s16.15}}
snn.graph @g attributes {dt = 1.0e-03 : f64} {
  %in = snn.input "in" -> tensor<2xf32>
}

// -----

// expected-error @+1 {{graph 'g' has no dt; run snn-discretize first}}
snn.graph @g attributes {number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
}

// -----

snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<1.0> : tensor<2x2xf32>} -> tensor<2xf32>
  // expected-error @+1 {{node 'li': LI neurons do not spike; SpiNNaker populations must be spiking (IF, LIF, CubaLIF)}}
  %li = snn.discrete_neuron "li"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'fc': a bias has no SpiNNaker equivalent}}
  %fc = snn.affine "fc"(%in : tensor<2xf32>) {weight = dense<1.0> : tensor<2x2xf32>, bias = dense<[0.0, 0.5]> : tensor<2xf32>} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1x3x3xf32>
  // expected-error @+1 {{node 'conv': snn.conv2d has no SpiNNaker equivalent}}
  %c = snn.conv2d "conv"(%in : tensor<1x3x3xf32>) {weight = dense<1.0> : tensor<1x1x2x2xf32>, bias = dense<0.0> : tensor<1xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} -> tensor<1x2x2xf32>
}

// -----

snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<1.0> : tensor<2x2xf32>} -> tensor<2xf32>
  %l1 = snn.discrete_neuron "l1"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  // expected-error @+1 {{node 'fc2': sums 2 inputs; a projection has one pre-population}}
  %fc2 = snn.linear "fc2"(%in, %l1 : tensor<2xf32>, tensor<2xf32>) {weight = dense<1.0> : tensor<2x2xf32>} -> tensor<2xf32>
  %l2 = snn.discrete_neuron "l2"(%fc2 : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'n': input from 'in' is not a weight node or an LI synapse filter; SpiNNaker neurons take input only through synapses}}
  %n = snn.discrete_neuron "n"(%in : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'fc': must feed exactly one spiking neuron node}}
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<1.0> : tensor<2x2xf32>} -> tensor<2xf32>
  %l1 = snn.discrete_neuron "l1"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %l2 = snn.discrete_neuron "l2"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<1.0> : tensor<2x2xf32>} -> tensor<2xf32>
  // expected-error @+1 {{node 'out': an output must record a population's spikes}}
  %out = snn.output "out"(%fc : tensor<2xf32>) -> tensor<2xf32>
}

// -----

// A connector takes one delay for all sources from a delay node.
snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %d = snn.discrete_delay "d"(%in : tensor<2xf32>) {steps = dense<[1, 2]> : tensor<2xi64>} -> tensor<2xf32>
  // expected-error @+1 {{node 'c': delay 'd' has different steps per source; a connector takes one delay for all (add it to the connector's delay instead)}}
  %c = snn.connector "c"(%d : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 2, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%c : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

// An unbounded normal delay cannot size the ring buffers.
snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'c': a normal_clipped delay needs a finite high bound on SpiNNaker}}
  %c = snn.connector "c"(%in : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 2, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, delay_distribution = #snn.dist<normal_clipped>, delay = array<f64: 0.002, 0.001, 0.0, 0x7FF0000000000000>, seed = 1} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%c : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}
