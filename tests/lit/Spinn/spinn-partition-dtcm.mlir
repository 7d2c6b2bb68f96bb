// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition=dtcm-bytes=10000 | FileCheck %s

// DTCM forces smaller slices: 256 neurons need 16432 B (see
// spinn-partition.mlir) > 10000; halved to 128: 128 * 44 = 5632, ring
// 2^(7+1+1) * 2 = 1024 (D = 1: one delay bit), + 1024 + 2072 + 24 = 9776
// <= 10000. 1000 = 7 * 128 + 104; the last slice: 104 * 44 = 4576,
// n = ceil(log2 104) = 7: ring 1024, total 8720. SDRAM (3 + 128) * 4 = 524
// and (3 + 104) * 4 = 428.
// CHECK: spinn.population "n"
// CHECK-NEXT: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 9776 : i64, hi = 128 : i64, lo = 0 : i64, needs_delay_extension = false, sdram_bytes = 524 : i64}
// CHECK-COUNT-5: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 9776 : i64
// CHECK-NEXT: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 9776 : i64, hi = 896 : i64, lo = 768 : i64
// CHECK-NEXT: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 8720 : i64, hi = 1000 : i64, lo = 896 : i64, needs_delay_extension = false, sdram_bytes = 428 : i64}
// CHECK-NEXT: }
snn.graph @small_dtcm attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1000x1xf32>} -> tensor<1000xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<1000xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1000xf64>, b_syn = dense<0.0> : tensor<1000xf64>, a_mem = dense<0.5> : tensor<1000xf64>, c_mem_syn = dense<0.0> : tensor<1000xf64>, c_mem_in = dense<0.5> : tensor<1000xf64>, c_mem_0 = dense<0.0> : tensor<1000xf64>, v_threshold = dense<1.0> : tensor<1000xf64>, v_reset = dense<0.0> : tensor<1000xf64>, reset = #snn.reset<value>} -> tensor<1000xf32>
}
