// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -verify-diagnostics | FileCheck %s
// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition=neurons-per-core=10 -verify-diagnostics | FileCheck %s --check-prefix=PART

// snn.connector stays procedural (convention 3): a spinn.projection with
// the connector's attributes and delay_offset instead of a matrix. Ring-
// buffer statistics come from the rule and the weight distribution.

// fixed_number_pre, n = 10 sources per target, constant weight 0.5, no
// delay, dt 1 ms: every delay equal, so the worst case: spikes per tick
// max(1, 30/1000) = 1, x max|w| 0.5 x fan-in 10 = 5; ceil(log2 5) = 3,
// 2^3 = 8 > 5: shift_exc 3 (no inhibitory weights: 0). Latency of n is 1,
// so D = 0 + 1 - 0: delay_offset 1.
// CHECK-LABEL: snn.graph @constant
// CHECK: spinn.projection "c"(%{{.*}} : tensor<100xf32>)
// CHECK-SAME: connector = {allow_self = true, n = 10 : i64, n_post = 20 : i64, n_pre = 100 : i64, rule = #snn.rule<fixed_number_pre>, seed = 7 : i64, weight = array<f64: 5.000000e-01>, weight_distribution = #snn.dist<constant>, with_replacement = false}
// CHECK-SAME: delay_offset = 1 : i64
// CHECK-NOT: indptr
// CHECK-SAME: saturated = 0 : i64, zeroed = 0 : i64}
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 3 : i64, shift_inh = 0 : i64, size = 20 : i64}
//
// Partition at 10 neurons per core: "in" has one slice [0, 100), "n" two.
// Expected synapses 20 x 10 = 200, half of them onto each target slice:
// a mean of m = 1 per source row. The image pads a block's rows to its
// longest, estimated as ceil(m + 5 sqrt(m) + 2) = 8 synapses: every
// source neuron has a row of 3 header words + 8 = 11 words, 100 x 11 x 4 =
// 4400 B per slice.
// PART-LABEL: snn.graph @constant
// PART: spinn.population "n"
// PART-NEXT: spinn.slice {{.*}}hi = 10 : i64, lo = 0 : i64, needs_delay_extension = false, sdram_bytes = 4400 : i64}
// PART-NEXT: spinn.slice {{.*}}hi = 20 : i64, lo = 10 : i64, needs_delay_extension = false, sdram_bytes = 4400 : i64}
snn.graph @constant attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<100xf32>
  %c = snn.connector "c"(%in : tensor<100xf32>) {rule = #snn.rule<fixed_number_pre>, n_pre = 100, n_post = 20, n = 10, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 7} -> tensor<20xf32>
  %n = snn.discrete_neuron "n"(%c : tensor<20xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<20xf64>, b_syn = dense<0.0> : tensor<20xf64>, a_mem = dense<0.5> : tensor<20xf64>, c_mem_syn = dense<0.0> : tensor<20xf64>, c_mem_in = dense<0.5> : tensor<20xf64>, c_mem_0 = dense<0.0> : tensor<20xf64>, v_threshold = dense<1.0> : tensor<20xf64>, v_reset = dense<0.0> : tensor<20xf64>, reset = #snn.reset<value>} -> tensor<20xf32>
}

// -----

// The same connector through a 2-step delay node and with delays
// U[1 ms, 4 ms): connector steps 1..4 (they differ). Every synapse already
// waits >= 1 + 2 steps, so the edge adds no latency: n keeps latency 0 and
// delay_offset = 2 (the node), D = 3..6, 3 delay bits (ceil(log2 7)).
// Differing delays switch to the Poisson bound: n = 10 synapses,
// lambda = 10 x 30 / 1000 = 0.3, mean 0.5, sd 0: 0.3 x 0.5 +
// 5 sqrt(0.3 x 0.25) = 0.15 + 1.3693 = 1.5193 (below the worst case 5);
// ceil(log2 1.5193) = 1, 2 > 1.5193: shift_exc 1.
// CHECK-LABEL: snn.graph @delayed
// CHECK-NOT: snn.discrete_delay
// CHECK: spinn.projection "c"
// CHECK-SAME: delay = array<f64: 1.000000e-03, 4.000000e-03>, delay_distribution = #snn.dist<uniform>
// CHECK-SAME: delay_offset = 2 : i64
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 0 : i64, shift_exc = 1 : i64, shift_inh = 0 : i64, size = 20 : i64}
// PART-LABEL: snn.graph @delayed
// PART: spinn.slice {delay_bits = 3 : i64
snn.graph @delayed attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<100xf32>
  %d = snn.discrete_delay "d"(%in : tensor<100xf32>) {steps = dense<2> : tensor<100xi64>} -> tensor<100xf32>
  %c = snn.connector "c"(%d : tensor<100xf32>) {rule = #snn.rule<fixed_number_pre>, n_pre = 100, n_post = 20, n = 10, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, delay_distribution = #snn.dist<uniform>, delay = array<f64: 0.001, 0.004>, seed = 7} -> tensor<20xf32>
  %n = snn.discrete_neuron "n"(%c : tensor<20xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<20xf64>, b_syn = dense<0.0> : tensor<20xf64>, a_mem = dense<0.5> : tensor<20xf64>, c_mem_syn = dense<0.0> : tensor<20xf64>, c_mem_in = dense<0.5> : tensor<20xf64>, c_mem_0 = dense<0.0> : tensor<20xf64>, v_threshold = dense<1.0> : tensor<20xf64>, v_reset = dense<0.0> : tensor<20xf64>, reset = #snn.reset<value>} -> tensor<20xf32>
}

// -----

// Mixed signs: weights U[-1, 3), fixed_number_pre n = 8, equal delays.
// w > 0 with probability 3/4: fan-in ceil(8 x 0.75) = 6, max 3: worst
// case 1 x 3 x 6 = 18, ceil(log2 18) = 5, 32 > 18: shift_exc 5.
// w < 0 with probability 1/4: fan-in 2, max |w| 1: 2, ceil(log2 2) = 1,
// 2^1 <= 2: shift_inh 2.
// CHECK-LABEL: snn.graph @mixed
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 5 : i64, shift_inh = 2 : i64, size = 20 : i64}
snn.graph @mixed attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<100xf32>
  %c = snn.connector "c"(%in : tensor<100xf32>) {rule = #snn.rule<fixed_number_pre>, n_pre = 100, n_post = 20, n = 8, weight_distribution = #snn.dist<uniform>, weight = array<f64: -1.0, 3.0>, seed = 7} -> tensor<20xf32>
  %n = snn.discrete_neuron "n"(%c : tensor<20xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<20xf64>, b_syn = dense<0.0> : tensor<20xf64>, a_mem = dense<0.5> : tensor<20xf64>, c_mem_syn = dense<0.0> : tensor<20xf64>, c_mem_in = dense<0.5> : tensor<20xf64>, c_mem_0 = dense<0.0> : tensor<20xf64>, v_threshold = dense<1.0> : tensor<20xf64>, v_reset = dense<0.0> : tensor<20xf64>, reset = #snn.reset<value>} -> tensor<20xf32>
}

// -----

// one_to_one 20 -> 20 at 10 neurons per core: the source slices [0, 10)
// and [10, 20) reach only the target slice of the same neurons: 10 rows of
// 3 + 1 words = 160 B per slice. Weight -0.5: inhibitory only, fan-in 1:
// bound 0.5, shift_inh 0 (2^0 = 1 > 0.5).
// CHECK-LABEL: snn.graph @one_to_one
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 0 : i64, shift_inh = 0 : i64, size = 20 : i64}
// PART-LABEL: snn.graph @one_to_one
// PART: spinn.population "n"
// PART-NEXT: spinn.slice {{.*}}sdram_bytes = 160 : i64}
// PART-NEXT: spinn.slice {{.*}}sdram_bytes = 160 : i64}
snn.graph @one_to_one attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<20xf32>
  %c = snn.connector "c"(%in : tensor<20xf32>) {rule = #snn.rule<one_to_one>, n_pre = 20, n_post = 20, weight_distribution = #snn.dist<constant>, weight = array<f64: -0.5>, seed = 1} -> tensor<20xf32>
  %n = snn.discrete_neuron "n"(%c : tensor<20xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<20xf64>, b_syn = dense<0.0> : tensor<20xf64>, a_mem = dense<0.5> : tensor<20xf64>, c_mem_syn = dense<0.0> : tensor<20xf64>, c_mem_in = dense<0.5> : tensor<20xf64>, c_mem_0 = dense<0.0> : tensor<20xf64>, v_threshold = dense<1.0> : tensor<20xf64>, v_reset = dense<0.0> : tensor<20xf64>, reset = #snn.reset<value>} -> tensor<20xf32>
}
