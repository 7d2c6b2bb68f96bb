// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition="neurons-per-core=1" -spinn-place="machine=%S/Inputs/one-app-core.json" | FileCheck %s

// One application core per chip (3 cores, 2 monitors: core 2), 8 slices
// (in, n[0] .. n[6]): one chip each, in ring order around (0,0) on the
// spin5 board (no wrap; x < 0 or y < 0 is off the board):
// ring 0: (0,0); ring 1: (0,1), (1,0), (1,1) (hex length 1: (1,1) has equal
// signs, max(1, 1) = 1); ring 2: (0,2), (1,2), (2,0), (2,1), (2,2).
// CHECK-LABEL: snn.graph @rings
// CHECK: spinn.population "in"
// CHECK-NEXT: p = 2 : i64, sdram_bytes = 0 : i64, x = 0 : i64, y = 0 : i64}
// CHECK: spinn.population "n"
// CHECK-NEXT: lo = 0 : i64, {{.*}}p = 2 : i64, {{.*}}x = 0 : i64, y = 1 : i64}
// CHECK-NEXT: lo = 1 : i64, {{.*}}p = 2 : i64, {{.*}}x = 1 : i64, y = 0 : i64}
// CHECK-NEXT: lo = 2 : i64, {{.*}}p = 2 : i64, {{.*}}x = 1 : i64, y = 1 : i64}
// CHECK-NEXT: lo = 3 : i64, {{.*}}p = 2 : i64, {{.*}}x = 0 : i64, y = 2 : i64}
// CHECK-NEXT: lo = 4 : i64, {{.*}}p = 2 : i64, {{.*}}x = 1 : i64, y = 2 : i64}
// CHECK-NEXT: lo = 5 : i64, {{.*}}p = 2 : i64, {{.*}}x = 2 : i64, y = 0 : i64}
// CHECK-NEXT: lo = 6 : i64, {{.*}}p = 2 : i64, {{.*}}x = 2 : i64, y = 1 : i64}
// CHECK-NEXT: }
snn.graph @rings attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<7x1xf32>} -> tensor<7xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<7xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<7xf64>, b_syn = dense<0.0> : tensor<7xf64>, a_mem = dense<0.5> : tensor<7xf64>, c_mem_syn = dense<0.0> : tensor<7xf64>, c_mem_in = dense<0.5> : tensor<7xf64>, c_mem_0 = dense<0.0> : tensor<7xf64>, v_threshold = dense<1.0> : tensor<7xf64>, v_reset = dense<0.0> : tensor<7xf64>, reset = #snn.reset<value>} -> tensor<7xf32>
}
