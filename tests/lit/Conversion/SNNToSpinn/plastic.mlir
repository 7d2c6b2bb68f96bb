// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -verify-diagnostics | FileCheck %s
// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition | FileCheck %s --check-prefix=PART

// Plastic projections (issue 14): spinnaker keeps the rule on the
// projection (`stdp`, the #snn.stdp attribute unchanged), the weights
// exact (codes 0, types 0, `weights` = the graph's, zero weights included:
// they may learn) and one hardware delay D for all synapses.
//
// Network: in (2) -> delay d (1 step) -> plastic fc (3x2) -> n (IF, 3);
// in -> static st -> n. Latency: st is a forward 0-step edge, so
// L(n) = L(in) + 1 = 1; fc waits 1 step already (lag 0). Hardware delays:
// fc D = 1 + L(n) - L(in) = 2; st D = 0 + 1 - 0 = 1. fc's D differs from
// its graph delay d = 1: the machine pairs a pre spike of tick T with a
// post spike of tick p at p + D, which in graph steps (p' = p - L(n)) is
// p' + 2d - D: a warning says so (CA3 and spatial have D = d).
//
// Ring-buffer shifts come from the static synapses only: st's excitatory
// weights 1.0 (in 0 -> n 0) and 0.5 (in 1 -> n 0): max |w| = 1, fan-in 2,
// equal delays: max(1 spike/tick * 1 * 2, 1) = 2 -> ceil(log2 2) = 1,
// + 1 because 2^1 <= 2: shift_exc = 2. (Counting fc's 1.0, 0.5, 0.25
// would give 2 + 1 * 2 = 4 -> shift 3.) No static inhibitory synapse:
// shift_inh = 0 although fc has a negative weight.
// CHECK-LABEL: snn.graph @plastic
// CHECK-NOT: snn.discrete_delay
// CHECK: spinn.projection "fc"(%{{.*}} : tensor<2xf32>)
// CHECK-SAME: codes = dense<0> : tensor<6xi32>
// CHECK-SAME: delay_steps = dense<2> : tensor<1xi64>
// CHECK-SAME: indices = dense<[0, 1, 2, 0, 1, 2]> : tensor<6xi64>
// CHECK-SAME: indptr = dense<[0, 3, 6]> : tensor<3xi64>
// CHECK-SAME: post = "n", pre = "in", saturated = 0 : i64
// CHECK-SAME: stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 2.000000e-02, tau_minus = 1.000000e-02, a_plus = 1.250000e-01, a_minus = 6.250000e-02, w_min = 0.000000e+00, w_max = 1.000000e+00>
// CHECK-SAME: synapse_types = dense<0> : tensor<6xi32>
// CHECK-SAME: weights = dense<[5.000000e-01, 2.500000e-01, 0.000000e+00, 0.000000e+00, -1.250000e-01, 1.000000e+00]> : tensor<6xf64>
// CHECK-SAME: zeroed = 0 : i64
// CHECK: spinn.projection "st"
// CHECK-SAME: codes = dense<[8192, 4096]> : tensor<2xi32>
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK-NOT: stdp
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 2 : i64, shift_inh = 0 : i64
//
// Partition: the slice's ring holds D = 2 on-core: delay_bits =
// ceil(log2(2 + 1)) = 2. DTCM of the 3-neuron IF slice: neurons 3 x 44 =
// 132; 16-bit rings 2^(2 + 1 + 2) x 2 = 64; input buffer 1024; DMA
// buffers 2072; pop table 2 projections x 1 source slice x 24 = 48;
// plastic ring 4 x 2^2 x 3 = 48; post-spike history of one plastic
// projection 3 x (16 x 8 + 8) = 408. Total 3796. SDRAM: fc's rows (2
// sources, 3 synapses each) 3 header + 2 pre-trace + 3 weights + 2 control
// words = 10 words each, st's 3 + 1 each: (20 + 8) x 4 = 112 B.
// PART-LABEL: snn.graph @plastic
// PART: spinn.slice {delay_bits = 2 : i64, dtcm_bytes = 3796 : i64, hi = 3 : i64, lo = 0 : i64, needs_delay_extension = false, sdram_bytes = 112 : i64}
snn.graph @plastic attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %d = snn.discrete_delay "d"(%in : tensor<2xf32>) {steps = dense<1> : tensor<2xi64>} -> tensor<2xf32>
  // expected-warning @+1 {{convert-snn-to-spinn: plastic projection 'fc' from 'in' (latency 0) to 'n' (latency 1) has hardware delay 2 but dendritic delay 1 in the graph: the machine pairs pre and post spikes 2 tick(s) apart from the original network's timing}}
  %fc = snn.linear "fc"(%d : tensor<2xf32>) {weight = dense<[[0.5, 0.0], [0.25, -0.125], [0.0, 1.0]]> : tensor<3x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 2.000000e-02, tau_minus = 1.000000e-02, a_plus = 1.250000e-01, a_minus = 6.250000e-02, w_min = 0.000000e+00, w_max = 1.000000e+00>} -> tensor<3xf32>
  %st = snn.linear "st"(%in : tensor<2xf32>) {weight = dense<[[1.0, 0.5], [0.0, 0.0], [0.0, 0.0]]> : tensor<3x2xf32>} -> tensor<3xf32>
  %n = snn.discrete_neuron "n"(%fc, %st : tensor<3xf32>, tensor<3xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<3xf64>, b_syn = dense<0.0> : tensor<3xf64>, a_mem = dense<1.0> : tensor<3xf64>, c_mem_syn = dense<0.0> : tensor<3xf64>, c_mem_in = dense<1.0> : tensor<3xf64>, c_mem_0 = dense<0.0> : tensor<3xf64>, v_threshold = dense<1.0> : tensor<3xf64>, v_reset = dense<0.0> : tensor<3xf64>, reset = #snn.reset<value>} -> tensor<3xf32>
  %o = snn.output "out"(%n : tensor<3xf32>) -> tensor<3xf32>
}

// -----

// A plastic sparse_affine keeps every CSR entry (the zero one too), in
// order; no delay: D = 0 + L(n) - L(in) = 1.
// CHECK-LABEL: snn.graph @sparse
// CHECK: spinn.projection "sp"
// CHECK-SAME: codes = dense<0> : tensor<3xi32>
// CHECK-SAME: delay_steps = dense<1> : tensor<1xi64>
// CHECK-SAME: indices = dense<[2, 0, 1]> : tensor<3xi64>
// CHECK-SAME: indptr = dense<[0, 2, 3]> : tensor<3xi64>
// CHECK-SAME: stdp = #snn.stdp<pairing = nearest_pair, dependence = multiplicative
// CHECK-SAME: weights = dense<[2.500000e+00, 0.000000e+00, 3.0517578125E-5]> : tensor<3xf64>
snn.graph @sparse attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-warning @+1 {{plastic projection 'sp' from 'in' (latency 0) to 'n' (latency 1) has hardware delay 1 but dendritic delay 0}}
  %sp = snn.sparse_affine "sp"(%in : tensor<2xf32>) {indptr = dense<[0, 2, 3]> : tensor<3xi64>, indices = dense<[2, 0, 1]> : tensor<3xi32>, weight = dense<[2.5, 0.0, 3.0517578125E-5]> : tensor<3xf32>, stdp = #snn.stdp<pairing = nearest_pair, dependence = multiplicative, tau_plus = 2.000000e-02, tau_minus = 2.000000e-02, a_plus = 1.000000e-02, a_minus = 1.000000e-02, w_min = 0.000000e+00, w_max = 4.000000e+00>} -> tensor<3xf32>
  %n = snn.discrete_neuron "n"(%sp : tensor<3xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<3xf64>, b_syn = dense<0.0> : tensor<3xf64>, a_mem = dense<1.0> : tensor<3xf64>, c_mem_syn = dense<0.0> : tensor<3xf64>, c_mem_in = dense<1.0> : tensor<3xf64>, c_mem_0 = dense<0.0> : tensor<3xf64>, v_threshold = dense<1.0> : tensor<3xf64>, v_reset = dense<0.0> : tensor<3xf64>, reset = #snn.reset<value>} -> tensor<3xf32>
  %o = snn.output "out"(%n : tensor<3xf32>) -> tensor<3xf32>
}
