// RUN: nmc-opt %s -split-input-file -convert-snn-to-sfq -verify-diagnostics | FileCheck %s

// LIF leak (a_mem = 0.9) is ignored with a warning; the conversion goes on.
// Only fc[0,0] (w = 1) is nonzero: in[1] has no synapse and is dropped.
// CHECK-LABEL: sfq.circuit @leak draft {
// CHECK-NEXT: sfq.input "in[0]"
// CHECK-NEXT: sfq.synapse "fc[0,0]"
// CHECK-NOT: "in[1]"
snn.graph @leak {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<[[1.0, 0.0]]> : tensor<1x2xf32>} -> tensor<1xf32>
  // expected-warning @+1 {{convert-snn-to-sfq: node 'lif': LIF leak ignored (a_mem != 1)}}
  %lif = snn.discrete_neuron "lif"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.9> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.1> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %out = snn.output "out"(%lif : tensor<1xf32>) -> tensor<1xf32>
}

// -----

// Hidden neurons whose spikes nobody reads are not hardware, nor are
// their synapses: h[1] has no outgoing weight.
// CHECK-LABEL: sfq.circuit @dead draft {
// CHECK-NOT: "h[1]"
// CHECK-NOT: "fc1[1,0]"
// CHECK: sfq.neuron "h[0]"
// CHECK: sfq.output "out[0]"
snn.graph @dead {
  %in = snn.input "in" -> tensor<1xf32>
  %fc1 = snn.linear "fc1"(%in : tensor<1xf32>) {weight = dense<[[1.0], [1.0]]> : tensor<2x1xf32>} -> tensor<2xf32>
  %h = snn.discrete_neuron "h"(%fc1 : tensor<2xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<1.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %fc2 = snn.linear "fc2"(%h : tensor<2xf32>) {weight = dense<[[1.0, 0.0]]> : tensor<1x2xf32>} -> tensor<1xf32>
  %o = snn.discrete_neuron "o"(%fc2 : tensor<1xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %out = snn.output "out"(%o : tensor<1xf32>) -> tensor<1xf32>
}

// -----

snn.graph @bias {
  %in = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{convert-snn-to-sfq: node 'fc' (snn.affine): a nonzero bias has no SFQ mapping}}
  %fc = snn.affine "fc"(%in : tensor<1xf32>) {weight = dense<1.0> : tensor<1x1xf32>, bias = dense<0.5> : tensor<1xf32>} -> tensor<1xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %out = snn.output "out"(%n : tensor<1xf32>) -> tensor<1xf32>
}

// -----

snn.graph @conv {
  %in = snn.input "in" -> tensor<1x3xf32>
  // expected-error @+1 {{convert-snn-to-sfq: node 'c' (snn.conv1d): has no SFQ mapping}}
  %c = snn.conv1d "c"(%in : tensor<1x3xf32>) {weight = dense<1.0> : tensor<1x1x2xf32>, bias = dense<0.0> : tensor<1xf32>, stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64} -> tensor<1x2xf32>
  %out = snn.output "out"(%c : tensor<1x2xf32>) -> tensor<1x2xf32>
}

// -----

snn.graph @not_lowered {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<1.0> : tensor<1x1xf32>} -> tensor<1xf32>
  // expected-error @+1 {{node 'lif' (snn.lif): has no SFQ mapping (run snn-lower first: it discretizes neurons)}}
  %lif = snn.lif "lif"(%fc : tensor<1xf32>) {tau = dense<0.01> : tensor<1xf64>, r = dense<1.0> : tensor<1xf64>, v_leak = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  %out = snn.output "out"(%lif : tensor<1xf32>) -> tensor<1xf32>
}

// -----

snn.graph @cuba {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<1.0> : tensor<1x1xf32>} -> tensor<1xf32>
  // expected-error @+1 {{node 'n' (snn.discrete_neuron): neuron type CubaLIF has no SFQ mapping (IF and LIF only)}}
  %n = snn.discrete_neuron "n"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<CubaLIF>, a_syn = dense<0.5> : tensor<1xf64>, b_syn = dense<0.5> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.5> : tensor<1xf64>, c_mem_in = dense<0.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %out = snn.output "out"(%n : tensor<1xf32>) -> tensor<1xf32>
}

// -----

snn.graph @reset {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<1.0> : tensor<1x1xf32>} -> tensor<1xf32>
  // expected-error @+1 {{node 'n' (snn.discrete_neuron): reset to v_reset != 0 has no SFQ mapping}}
  %n = snn.discrete_neuron "n"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<-0.5> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %out = snn.output "out"(%n : tensor<1xf32>) -> tensor<1xf32>
}

// -----

snn.graph @weights_to_output {
  %in = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'fc' (snn.linear): feeds 'out' (snn.output): weighted sums can only drive neurons on SFQ}}
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<1.0> : tensor<1x1xf32>} -> tensor<1xf32>
  %out = snn.output "out"(%fc : tensor<1xf32>) -> tensor<1xf32>
}

// -----

snn.graph @direct {
  %in = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'n' (snn.discrete_neuron): input from 'in' (snn.input) is not a weight node}}
  %n = snn.discrete_neuron "n"(%in : tensor<1xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %out = snn.output "out"(%n : tensor<1xf32>) -> tensor<1xf32>
}
