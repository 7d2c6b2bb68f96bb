// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition -verify-diagnostics | FileCheck %s

// 1000 LIF neurons, 256 per core: 256, 256, 256, 232. DTCM of a 256
// slice: state 256 * 44 = 11264; ring buffers 2^(8 + 1 + 1) * 2 = 2048
// (n = 8, t = 1, hardware delay D = 0 + 1 - 0 = 1: d = ceil(log2 2) = 1);
// input buffer 256 * 4 = 1024; DMA buffers 2 * (3 + 256) * 4 = 2072;
// population table 1 source slice * 24 = 24: 16432. The 232 slice:
// 10208 + 2048 + 1024 + 2072 + 24 = 15376. SDRAM:
// one row from the single source of (3 + 256) * 4 = 1036 B, and
// (3 + 232) * 4 = 940 B.
// CHECK-LABEL: snn.graph @thousand
// CHECK: spinn.population "in"
// CHECK-NEXT: spinn.slice {hi = 1 : i64, lo = 0 : i64, sdram_bytes = 0 : i64}
// CHECK: spinn.population "n"
// CHECK-NEXT: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 16432 : i64, hi = 256 : i64, lo = 0 : i64, needs_delay_extension = false, sdram_bytes = 1036 : i64}
// CHECK-NEXT: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 16432 : i64, hi = 512 : i64, lo = 256 : i64, needs_delay_extension = false, sdram_bytes = 1036 : i64}
// CHECK-NEXT: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 16432 : i64, hi = 768 : i64, lo = 512 : i64, needs_delay_extension = false, sdram_bytes = 1036 : i64}
// CHECK-NEXT: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 15376 : i64, hi = 1000 : i64, lo = 768 : i64, needs_delay_extension = false, sdram_bytes = 940 : i64}
// CHECK-NEXT: }
snn.graph @thousand attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1000x1xf32>} -> tensor<1000xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<1000xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1000xf64>, b_syn = dense<0.0> : tensor<1000xf64>, a_mem = dense<0.5> : tensor<1000xf64>, c_mem_syn = dense<0.0> : tensor<1000xf64>, c_mem_in = dense<0.5> : tensor<1000xf64>, c_mem_0 = dense<0.0> : tensor<1000xf64>, v_threshold = dense<1.0> : tensor<1000xf64>, v_reset = dense<0.0> : tensor<1000xf64>, reset = #snn.reset<value>} -> tensor<1000xf32>
}

// -----

// A delay of 40 steps into 256 neurons: D = 40 + 1 - 0 = 41,
// d = ceil(log2 42) = 6, but n + t = 8 + 1 leaves 14 - 9 = 5 delay bits
// (on-core delays up to 31): needs a delay extension.
// Ring buffers 2^14 * 2 = 32768; DTCM 11264 + 32768 + 1024 + 2072 + 24 =
// 47152 (fits 64 KB).
// CHECK-LABEL: snn.graph @long_delay
// CHECK: spinn.population "n"
// CHECK-NEXT: spinn.slice {delay_bits = 5 : i64, dtcm_bytes = 47152 : i64, hi = 256 : i64, lo = 0 : i64, needs_delay_extension = true, sdram_bytes = 1036 : i64}
snn.graph @long_delay attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %d = snn.discrete_delay "d"(%in : tensor<1xf32>) {steps = dense<40> : tensor<1xi64>} -> tensor<1xf32>
  %fc = snn.linear "fc"(%d : tensor<1xf32>) {weight = dense<0.5> : tensor<256x1xf32>} -> tensor<256xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<256xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<256xf64>, b_syn = dense<0.0> : tensor<256xf64>, a_mem = dense<0.5> : tensor<256xf64>, c_mem_syn = dense<0.0> : tensor<256xf64>, c_mem_in = dense<0.5> : tensor<256xf64>, c_mem_0 = dense<0.0> : tensor<256xf64>, v_threshold = dense<1.0> : tensor<256xf64>, v_reset = dense<0.0> : tensor<256xf64>, reset = #snn.reset<value>} -> tensor<256xf32>
}
