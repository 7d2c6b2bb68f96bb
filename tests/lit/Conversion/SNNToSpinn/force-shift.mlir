// RUN: nmc-opt %s -convert-snn-to-spinn=force-shift=0 -verify-diagnostics | FileCheck %s

// force-shift=0: code = round(|w| * 2^15). 3.0 -> 98304 > 65535: clamped
// (saturated, applied 65535 / 2^15 = 1.999969482421875); -0.5 -> 16384.
// CHECK: spinn.projection "fc"
// CHECK-SAME: codes = dense<[65535, 16384]> : tensor<2xi32>
// CHECK-SAME: saturated = 1 : i64
// CHECK-SAME: weights = dense<[1.999969482421875, -5.000000e-01]> : tensor<2xf64>
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 0 : i64, shift_inh = 0 : i64, size = 1 : i64}
snn.graph @forced attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-warning @+1 {{projection 'fc' into 'n': 0 nonzero weight(s) round to code 0 (dropped), 1 saturate at code 65535 (ring-buffer shifts exc 0, inh 0)}}
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<[[3.0, -0.5]]> : tensor<1x2xf32>} -> tensor<1xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
}

// RUN: not nmc-opt %s -convert-snn-to-spinn=force-shift=17 2>&1 | FileCheck %s --check-prefix=SHIFT
// RUN: not nmc-opt %s -convert-snn-to-spinn=spikes-per-second=-1 2>&1 | FileCheck %s --check-prefix=RATE
// SHIFT: error: convert-snn-to-spinn: force-shift 17 outside [0, 16]
// RATE: error: convert-snn-to-spinn: spikes-per-second and ring-buffer-sigma must be finite and >= 0
