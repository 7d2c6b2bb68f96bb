// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -verify-diagnostics | FileCheck %s

// The timing convention (SpinnImage.h "Time"): latency L = 0 for inputs,
// 1 + the largest L of the forward feeders for a neuron population; a
// synapse gets the hardware delay D = d + L(post) - L(pre), + 1 on a
// cycle-closing edge (one that points backwards in the reference's
// execution order, the reverse post-order DFS from the inputs). Every
// number below is worked by hand from those rules.

// A chain in -> a -> b -> c: L = 0, 1, 2, 3; every edge forward with
// d = 0, so each D = 0 + (L + 1) - L = 1.
// CHECK-LABEL: snn.graph @chain
// CHECK: spinn.projection "fa"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK: spinn.projection "fb"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK: spinn.projection "fc"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK: spinn.population "in" attributes {kind = #spinn.kind<source>, latency = 0 : i64
// CHECK: spinn.population "a" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64
// CHECK: spinn.population "b" attributes {kind = #spinn.kind<neuron>, latency = 2 : i64
// CHECK: spinn.population "c" attributes {kind = #spinn.kind<neuron>, latency = 3 : i64
snn.graph @chain attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fa = snn.linear "fa"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fa : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %fb = snn.linear "fb"(%a : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %b = snn.discrete_neuron "b"(%fb : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %fc = snn.linear "fc"(%b : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %c = snn.discrete_neuron "c"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %out = snn.output "out"(%c : tensor<1xf32>) -> tensor<1xf32>
}

// -----

// A self-recurrent LIF: in -> a, a -> a. Execution order in, fin, a, frec
// (the walk reaches frec from a, and a is already on the stack), so
// frec -> a points backwards: the recurrent edge reads a's previous step.
// L(a) = 1 + L(in) = 1; D(fin) = 0 + 1 - 0 = 1; D(frec) = 0 + 1 + 1 - 1 = 1.
// No warning.
// CHECK-LABEL: snn.graph @self_recurrent
// CHECK: spinn.projection "fin"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK: spinn.projection "frec"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK-NOT: latency_clash
// CHECK: spinn.population "a" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64
snn.graph @self_recurrent attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fin = snn.linear "fin"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fin, %frec : tensor<1xf32>, tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %frec = snn.linear "frec"(%a : tensor<1xf32>) {weight = dense<-0.25> : tensor<1x1xf32>} -> tensor<1xf32>
}

// -----

// A skip connection: in -> a -> b and in -> b directly. L(a) = 1,
// L(b) = 1 + max(L(a), L(in)) = 2. fa: 0 + 1 - 0 = 1; fab: 0 + 2 - 1 = 1;
// the skip: 0 + 2 - 0 = 2 (its spikes wait for a's to catch up).
// CHECK-LABEL: snn.graph @skip
// CHECK: spinn.projection "fa"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK: spinn.projection "fab"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK: spinn.projection "fskip"
// CHECK-SAME: delay_steps = dense<2> : tensor<1xi64>
// CHECK: spinn.population "a" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64
// CHECK: spinn.population "b" attributes {kind = #spinn.kind<neuron>, latency = 2 : i64
snn.graph @skip attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fa = snn.linear "fa"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fa : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %fab = snn.linear "fab"(%a : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %fskip = snn.linear "fskip"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %b = snn.discrete_neuron "b"(%fab, %fskip : tensor<1xf32>, tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
}

// -----

// A cycle across populations: in -> a -> b -> a. Execution order in, fa,
// a, fab, b, fba: fba -> a points backwards. L(a) = 1 (its only forward
// feeder is in), L(b) = 2. D(fba) = 0 + 1 + L(a) - L(b) = 0 < 1: raised
// to 1 with a warning (b's spikes reach a one tick later than the
// reference's). With a graph delay of 1 step on the back edge instead,
// D = 1 + 1 + 1 - 2 = 1 and nothing clashes (second graph).
// CHECK-LABEL: snn.graph @clash
// CHECK: spinn.projection "fba"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK-SAME: latency_clash
// CHECK: spinn.population "a" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64
// CHECK: spinn.population "b" attributes {kind = #spinn.kind<neuron>, latency = 2 : i64
snn.graph @clash attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fa = snn.linear "fa"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fa, %fba : tensor<1xf32>, tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %fab = snn.linear "fab"(%a : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %b = snn.discrete_neuron "b"(%fab : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  // expected-warning @+1 {{convert-snn-to-spinn: projection 'fba' from 'b' (latency 2) to 'a' (latency 1) closes a cycle with hardware delay 0 < 1; raised to 1, so 'a' differs from the original network (latency clash)}}
  %fba = snn.linear "fba"(%b : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
}

// -----

// CHECK-LABEL: snn.graph @no_clash
// CHECK: spinn.projection "fba"
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK-NOT: latency_clash
// CHECK: spinn.mapping
snn.graph @no_clash attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fa = snn.linear "fa"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fa, %fba : tensor<1xf32>, tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %fab = snn.linear "fab"(%a : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %b = snn.discrete_neuron "b"(%fab : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %d = snn.discrete_delay "d"(%b : tensor<1xf32>) {steps = dense<1> : tensor<1xi64>} -> tensor<1xf32>
  %fba = snn.linear "fba"(%d : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
}
