// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition=dtcm-bytes=1000000 -verify-diagnostics | FileCheck %s

// A plastic projection's hardware delay must fit its post slice's ring
// buffer: plastic synapses are never delayed by an extension core
// (SpinnImage.h PlasticProjection), so the slice is halved until it does.
// (DTCM is made ample here so that only the delay decides.)
//
// in -> delay 40 -> plastic fc -> n (256): L(n) = 0 (the edge waits >= 1
// step), D = 40, which needs ceil(log2 41) = 6 delay bits. A 256-neuron
// slice has n = 8 index bits + 1 type bit, leaving 14 - 9 = 5 (at most 31
// ticks); 128 neurons leave 14 - 8 = 6 (63 ticks): two slices of 128.
// CHECK-LABEL: snn.graph @halved
// CHECK: spinn.slice {delay_bits = 6 : i64, {{.*}}hi = 128 : i64, lo = 0 : i64
// CHECK: spinn.slice {delay_bits = 6 : i64, {{.*}}hi = 256 : i64, lo = 128 : i64
snn.graph @halved attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %d = snn.discrete_delay "d"(%in : tensor<2xf32>) {steps = dense<40> : tensor<2xi64>} -> tensor<2xf32>
  %fc = snn.linear "fc"(%d : tensor<2xf32>) {weight = dense<0.5> : tensor<256x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<256xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<256xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<256xf64>, b_syn = dense<0.0> : tensor<256xf64>, a_mem = dense<1.0> : tensor<256xf64>, c_mem_syn = dense<0.0> : tensor<256xf64>, c_mem_in = dense<1.0> : tensor<256xf64>, c_mem_0 = dense<0.0> : tensor<256xf64>, v_threshold = dense<1.0> : tensor<256xf64>, v_reset = dense<0.0> : tensor<256xf64>, reset = #snn.reset<value>} -> tensor<256xf32>
}

// -----

// D = 5000 needs 13 delay bits; even one neuron (1 index bit + 1 type bit)
// leaves 12 (4095 ticks).
snn.graph @too_long attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %d = snn.discrete_delay "d"(%in : tensor<2xf32>) {steps = dense<5000> : tensor<2xi64>} -> tensor<2xf32>
  // expected-error @+1 {{spinn-partition: plastic projection 'fc' has hardware delay 5000 but a slice of 1 neuron(s) of 'n' holds at most 4095 ticks on-core (12 delay bits); plastic synapses cannot use a delay extension}}
  %fc = snn.linear "fc"(%d : tensor<2xf32>) {weight = dense<0.5> : tensor<256x2xf32>, stdp = #snn.stdp<pairing = all_pair, dependence = additive, tau_plus = 0.02, tau_minus = 0.02, a_plus = 0.01, a_minus = 0.01, w_min = 0.0, w_max = 1.0>} -> tensor<256xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<256xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<256xf64>, b_syn = dense<0.0> : tensor<256xf64>, a_mem = dense<1.0> : tensor<256xf64>, c_mem_syn = dense<0.0> : tensor<256xf64>, c_mem_in = dense<1.0> : tensor<256xf64>, c_mem_0 = dense<0.0> : tensor<256xf64>, v_threshold = dense<1.0> : tensor<256xf64>, v_reset = dense<0.0> : tensor<256xf64>, reset = #snn.reset<value>} -> tensor<256xf32>
}
