// RUN: nmc-opt %s -convert-snn-to-spinn -verify-diagnostics | FileCheck %s
// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition | FileCheck %s --check-prefix=PART

// A plastic connector (issue 14) stays procedural on spinnaker: a
// connector-form spinn.projection that keeps the rule (`stdp`, the
// #snn.stdp attribute unchanged) and one hardware delay
// D = round(delay / dt) + delay_offset for all its synapses; the image
// builder expands it into plastic rows.
//
// Network: in (2) -> plastic all-to-all connector c (weight 1.0, delay
// 2 ms = 2 steps) -> n (IF, 3); in -> static all-to-all connector st
// (weight 1.0, delay 1 ms = 1 step) -> n. Every edge waits >= 1 step, so
// L(n) = L(in) = 0: c's D = 2 + 0 (delay_offset 0), st's 1 + 0.
//
// Ring-buffer shifts from the static synapses only: st's weights 1.0,
// fan-in 2, equal delays: max(1 spike/tick * 1 * 2, 1) = 2 -> ceil(log2 2)
// = 1, + 1 because 2^1 <= 2: shift_exc = 2. Counting c's (1.0, fan-in 2
// more) would give 4 -> shift 3.
// CHECK-LABEL: snn.graph @plastic_connector
// CHECK: spinn.projection "c"(%{{.*}} : tensor<2xf32>)
// CHECK-SAME: connector = {allow_self = true, delay = array<f64: 2.000000e-03>, delay_distribution = #snn.dist<constant>, n_post = 3 : i64, n_pre = 2 : i64, rule = #snn.rule<all_to_all>, seed = 5 : i64, weight = array<f64: 1.000000e+00>, weight_distribution = #snn.dist<constant>, with_replacement = false}
// CHECK-SAME: delay_offset = 0 : i64
// CHECK-SAME: post = "n", pre = "in"
// CHECK-SAME: stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 2.000000e-02, tau_minus = 1.000000e-02, a_plus = 1.250000e-01, a_minus = 6.250000e-02, w_min = 0.000000e+00, w_max = 1.000000e+00>
// CHECK-NOT: indptr
// CHECK: spinn.projection "st"
// CHECK-SAME: delay_offset = 0 : i64
// CHECK-NOT: stdp
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 0 : i64, shift_exc = 2 : i64, shift_inh = 0 : i64
//
// Partition: the slice's ring holds D = 2 on-core: delay_bits =
// ceil(log2(2 + 1)) = 2. DTCM of the 3-neuron IF slice as in plastic.mlir
// (one plastic projection into it): 132 + 64 + 1024 + 2072 + 48 + plastic
// ring 4 x 2^2 x 3 = 48 + post-spike history 3 x (16 x 8 + 8) = 408:
// 3796. SDRAM from the connectors' expected synapses (all-to-all: 3 per
// source row): c's rows 3 header + 2 pre-trace + 3 weights + 2 control
// words = 10 words each, st's 3 + 3 = 6 each: (20 + 12) x 4 = 128 B.
// PART-LABEL: snn.graph @plastic_connector
// PART: spinn.slice {delay_bits = 2 : i64, dtcm_bytes = 3796 : i64, hi = 3 : i64, lo = 0 : i64, needs_delay_extension = false, sdram_bytes = 128 : i64}
snn.graph @plastic_connector attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %c = snn.connector "c"(%in : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 3, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, delay_distribution = #snn.dist<constant>, delay = array<f64: 0.002>, seed = 5, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 2.000000e-02, tau_minus = 1.000000e-02, a_plus = 1.250000e-01, a_minus = 6.250000e-02, w_min = 0.000000e+00, w_max = 1.000000e+00>} -> tensor<3xf32>
  %st = snn.connector "st"(%in : tensor<2xf32>) {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 3, weight_distribution = #snn.dist<constant>, weight = array<f64: 1.0>, delay_distribution = #snn.dist<constant>, delay = array<f64: 0.001>, seed = 6} -> tensor<3xf32>
  %n = snn.discrete_neuron "n"(%c, %st : tensor<3xf32>, tensor<3xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<3xf64>, b_syn = dense<0.0> : tensor<3xf64>, a_mem = dense<1.0> : tensor<3xf64>, c_mem_syn = dense<0.0> : tensor<3xf64>, c_mem_in = dense<1.0> : tensor<3xf64>, c_mem_0 = dense<0.0> : tensor<3xf64>, v_threshold = dense<1.0> : tensor<3xf64>, v_reset = dense<0.0> : tensor<3xf64>, reset = #snn.reset<value>} -> tensor<3xf32>
  %o = snn.output "out"(%n : tensor<3xf32>) -> tensor<3xf32>
}
