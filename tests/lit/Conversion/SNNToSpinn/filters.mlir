// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn="force-shift=0" -verify-diagnostics | FileCheck %s

// LI synapse filters (SpinnImage.h "Synapse filters") and Scale nodes,
// every number by hand with shift 0 (code = round(|w| * 2^15)).
// syn_e: gain c_mem_in = 0.5, so we's 0.5 and 0.25 become 0.25 and 0.125
// (codes 8192, 4096, excitatory); syn_i: gain 2, wi's -0.25 becomes -0.5
// (code 16384, inhibitory), its zero weight is no synapse. All edges are
// forward: L(a) = 0 + max(0, 1 - 0) = 1 and D = 0 + 1 - 0 = 1.
// CHECK-LABEL: snn.graph @cuba_like
// CHECK: spinn.projection "we"
// CHECK-SAME: codes = dense<[8192, 4096]> : tensor<2xi32>
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK-SAME: filter = "syn_e"
// CHECK-SAME: synapse_types = dense<0> : tensor<2xi32>
// CHECK: spinn.projection "wi"
// CHECK-SAME: codes = dense<16384> : tensor<1xi32>
// CHECK-SAME: filter = "syn_i"
// CHECK-SAME: indices = dense<0> : tensor<1xi64>
// CHECK-SAME: indptr = dense<[0, 1, 1]> : tensor<3xi64>
// CHECK-SAME: synapse_types = dense<1> : tensor<1xi32>
// The filters stay in the graph between the projections and the neuron.
// CHECK: snn.discrete_neuron "syn_e"
// CHECK: spinn.population "a" attributes {filter_exc = "syn_e", filter_inh = "syn_i", kind = #spinn.kind<neuron>, latency = 1 : i64
snn.graph @cuba_like attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %we = snn.linear "we"(%in : tensor<2xf32>) {weight = dense<[[0.5, 0.0], [0.0, 0.25]]> : tensor<2x2xf32>} -> tensor<2xf32>
  %wi = snn.linear "wi"(%in : tensor<2xf32>) {weight = dense<[[-0.25, 0.0], [0.0, 0.0]]> : tensor<2x2xf32>} -> tensor<2xf32>
  %se = snn.discrete_neuron "syn_e"(%we : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.75> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %si = snn.discrete_neuron "syn_i"(%wi : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.875> : tensor<2xf64>, c_mem_in = dense<2.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %a = snn.discrete_neuron "a"(%se, %si : tensor<2xf32>, tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %out = snn.output "out"(%a : tensor<2xf32>) -> tensor<2xf32>
}

// -----

// A Scale node from an input into a neuron (Brunel's drive) is the
// one-to-one projection of its factors: 0.5, 0.25 -> codes 16384, 8192.
// A population no forward edge feeds has latency 0 (here b: only its
// self-loop, which points backwards: D = 0 + 1 + 0 - 0 = 1).
// CHECK-LABEL: snn.graph @scale
// CHECK: spinn.projection "ext"
// CHECK-SAME: codes = dense<[16384, 8192]> : tensor<2xi32>
// CHECK-SAME: indices = dense<[0, 1]> : tensor<2xi64>
// CHECK-SAME: indptr = dense<[0, 1, 2]> : tensor<3xi64>
// CHECK: spinn.projection "rec"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK: spinn.population "a" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64
// CHECK: spinn.population "b" attributes {kind = #spinn.kind<neuron>, latency = 0 : i64
snn.graph @scale attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %ext = snn.scale "ext"(%in : tensor<2xf32>) {scale = dense<[0.5, 0.25]> : tensor<2xf32>} -> tensor<2xf32>
  %a = snn.discrete_neuron "a"(%ext : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %b = snn.discrete_neuron "b"(%rec : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %rec = snn.linear "rec"(%b : tensor<2xf32>) {weight = dense<[[0.0, 0.5], [0.5, 0.0]]> : tensor<2x2xf32>} -> tensor<2xf32>
  %out = snn.output "out"(%a : tensor<2xf32>) -> tensor<2xf32>
}

// -----

snn.graph @mixed_signs attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %w = snn.linear "w"(%in : tensor<2xf32>) {weight = dense<[[0.5, 0.0], [0.0, -0.25]]> : tensor<2x2xf32>} -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'syn': an LI synapse filter receives weights of both signs}}
  %s = snn.discrete_neuron "syn"(%w : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.75> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %a = snn.discrete_neuron "a"(%s : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @leak attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %w = snn.linear "w"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>} -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'syn': an LI synapse filter needs v_leak = 0}}
  %s = snn.discrete_neuron "syn"(%w : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.75> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.125> : tensor<2xf64>} -> tensor<2xf32>
  %a = snn.discrete_neuron "a"(%s : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @mix attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %w = snn.linear "w"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>} -> tensor<2xf32>
  %v = snn.linear "v"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>} -> tensor<2xf32>
  %s = snn.discrete_neuron "syn"(%w : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.75> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'a': mixes LI synapse filters with direct weight inputs}}
  %a = snn.discrete_neuron "a"(%s, %v : tensor<2xf32>, tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}

// -----

snn.graph @two_exc attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %w = snn.linear "w"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>} -> tensor<2xf32>
  %v = snn.linear "v"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>} -> tensor<2xf32>
  %s = snn.discrete_neuron "s1"(%w : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.75> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %t = snn.discrete_neuron "s2"(%v : tensor<2xf32>) {neuron_type = #snn.neuron_type<LI>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  // expected-error @+1 {{convert-snn-to-spinn: node 'a': LI synapse filters 's1' and 's2' are both excitatory}}
  %a = snn.discrete_neuron "a"(%s, %t : tensor<2xf32>, tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}
