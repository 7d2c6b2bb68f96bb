// RUN: nmc-opt %s -split-input-file -verify-diagnostics

snn.graph @g {
  %0 = snn.input "in" -> tensor<3xf32>
  // expected-error @+1 {{node 'lif': parameter 'r' has shape [4] but the node shape is [3]}}
  %1 = snn.lif "lif"(%0 : tensor<3xf32>) {tau = dense<0.02> : tensor<3xf32>, r = dense<1.0> : tensor<4xf32>, v_leak = dense<0.0> : tensor<3xf32>, v_threshold = dense<1.0> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>} -> tensor<3xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<5xf32>
  // expected-error @+1 {{node 'fc': input shape [5] does not match weight shape [2, 4] (expects [4])}}
  %1 = snn.linear "fc"(%0 : tensor<5xf32>) {weight = dense<1.0> : tensor<2x4xf32>} -> tensor<2xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'fc': bias has shape [3] but weight has 2 outputs}}
  %1 = snn.affine "fc"(%0 : tensor<4xf32>) {weight = dense<1.0> : tensor<2x4xf32>, bias = dense<0.0> : tensor<3xf32>} -> tensor<2xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "a" -> tensor<4xf32>
  %1 = snn.input "b" -> tensor<3xf32>
  // expected-error @+1 {{node 'sum': summed inputs have different types}}
  %2 = snn.output "sum"(%0, %1 : tensor<4xf32>, tensor<3xf32>) -> tensor<4xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{duplicate node name 'in' in graph}}
  %1 = snn.output "in"(%0 : tensor<4xf32>) -> tensor<4xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2x8x8xf32>
  // expected-error @+1 {{node 'conv': output shape [4, 8, 8] does not match [4, 6, 6] computed from input shape [2, 8, 8]}}
  %1 = snn.conv2d "conv"(%0 : tensor<2x8x8xf32>) {weight = dense<0.5> : tensor<4x2x3x3xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1} -> tensor<4x8x8xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<3x8x8xf32>
  // expected-error @+1 {{node 'conv': input shape [3, 8, 8] does not fit weight [4, 2, 3, 3] with groups 1}}
  %1 = snn.conv2d "conv"(%0 : tensor<3x8x8xf32>) {weight = dense<0.5> : tensor<4x2x3x3xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = "same", dilation = array<i64: 1, 1>, groups = 1} -> tensor<4x8x8xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2x8xf32>
  // expected-error @+1 {{node 'conv': padding must be 1 sizes or "same"/"valid"}}
  %1 = snn.conv1d "conv"(%0 : tensor<2x8xf32>) {weight = dense<0.5> : tensor<4x2x3xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1>, padding = "full", dilation = array<i64: 1>, groups = 1} -> tensor<4x8xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4x4x4xf32>
  // expected-error @+1 {{node 'flat': input_type [4, 16] differs from the incoming shape [4, 4, 4]}}
  %1 = snn.flatten "flat"(%0 : tensor<4x4x4xf32>) {start_dim = 0, end_dim = -1, input_type = array<i64: 4, 16>} -> tensor<64xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'd': delay must be >= 0}}
  %1 = snn.delay "d"(%0 : tensor<2xf32>) {delay = dense<[1.0, -1.0]> : tensor<2xf32>} -> tensor<2xf32>
}

// -----

snn.graph @g {
  // expected-error @+1 {{node 'in': an input node needs a known shape}}
  %0 = snn.input "in" -> tensor<*xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'sub': a nested graph needs exactly one input and one output node (NIR has no subgraph port notation), found 0 and 1}}
  %1 = snn.subgraph "sub"(%0 : tensor<2xf32>) -> tensor<2xf32> {
    %o = snn.output "output"(%o : tensor<2xf32>) -> tensor<2xf32>
  }
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<4xf32>
  // expected-error @+1 {{node 'sp': indptr has 4 entries, expected inputs + 1 = 5}}
  %1 = snn.sparse_affine "sp"(%0 : tensor<4xf32>) {indptr = dense<[0, 1, 2, 2]> : tensor<4xi64>, indices = dense<[0, 1]> : tensor<2xi64>, weight = dense<[1.0, 2.0]> : tensor<2xf32>} -> tensor<2xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // expected-error @+2 {{expected ::nmc::snn::NeuronType to be one of: I, IF, LI, LIF, CubaLI, CubaLIF}}
  // expected-error @+1 {{failed to parse SNN_NeuronTypeAttr parameter 'value'}}
  %1 = snn.discrete_neuron "n"(%0 : tensor<2xf32>) {neuron_type = #snn.neuron_type<HH>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.9> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.1> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  // A string is no longer a neuron type: the attribute must be the enum.
  // expected-error @+1 {{'snn.discrete_neuron' op attribute 'neuron_type' failed to satisfy constraint: NIR neuron node type}}
  %1 = snn.discrete_neuron "n"(%0 : tensor<2xf32>) {neuron_type = "LIF", a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.9> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.1> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

// expected-error @+2 {{expected ::nmc::snn::ResetMode to be one of: value, subtract}}
// expected-error @+1 {{failed to parse SNN_ResetModeAttr parameter 'value'}}
snn.graph @g attributes {dt = 1.0e-3 : f64, reset = #snn.reset<zero>} {
  %0 = snn.input "in" -> tensor<2xf32>
}

// -----

// expected-error @+1 {{'snn.lif' op node 'x' must be inside snn.graph or snn.subgraph}}
%x = snn.lif "x" {tau = dense<0.02> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
