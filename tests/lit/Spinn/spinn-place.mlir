// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition="neurons-per-core=250" -spinn-place="machine=%S/Inputs/two-app-cores.json" | FileCheck %s
// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition="neurons-per-core=250" -spinn-place="machine=%S/Inputs/two-app-cores.json" > %t.1
// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition="neurons-per-core=250" -spinn-place="machine=%S/Inputs/two-app-cores.json" > %t.2
// RUN: diff %t.1 %t.2
// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition="neurons-per-core=250" -spinn-place="machine=%S/Inputs/small-sdram.json" | FileCheck %s --check-prefix=BUDGET

// Determinism: the two runs above print the same bytes.
//
// A spin5 board whose chips have 4 cores: cores 0, 1 are the monitors, so
// 2 and 3 are the application cores. Slices in mapping order: in, then
// n[0,250) .. n[750,1000).
// Chips ring by ring around (0,0), each ring in (x, y) order: (0,0); ring 1
// (hex distance 1; (-1, *) is off the board): (0,1), (1,0), (1,1); ...
// - (0,0): in -> p2, n0 -> p3.
// - (0,1): n1 -> p2, n2 -> p3.
// - (1,0): n3 -> p2.
// CHECK-LABEL: snn.graph @net
// CHECK: spinn.mapping attributes {machine = "{\22name\22:\22{{.*}}two-app-cores.json\22,
// CHECK: spinn.population "in"
// CHECK-NEXT: spinn.slice {hi = 1 : i64, lo = 0 : i64, p = 2 : i64, sdram_bytes = 0 : i64, x = 0 : i64, y = 0 : i64}
// CHECK: spinn.population "n"
// CHECK-NEXT: spinn.slice {{.*}}lo = 0 : i64, needs_delay_extension = false, p = 3 : i64, {{.*}}x = 0 : i64, y = 0 : i64}
// CHECK-NEXT: spinn.slice {{.*}}lo = 250 : i64, needs_delay_extension = false, p = 2 : i64, {{.*}}x = 0 : i64, y = 1 : i64}
// CHECK-NEXT: spinn.slice {{.*}}lo = 500 : i64, needs_delay_extension = false, p = 3 : i64, {{.*}}x = 0 : i64, y = 1 : i64}
// CHECK-NEXT: spinn.slice {{.*}}lo = 750 : i64, needs_delay_extension = false, p = 2 : i64, {{.*}}x = 1 : i64, y = 0 : i64}
//
// Chip memory: 2000 usable bytes per chip, 16 application cores. Each n slice
// holds one synaptic row from the single source neuron: (3 + 250) * 4 =
// 1012 B. (0,0): in (0 B) p2, n0 p3 (1012 B); n1 would make 2024 > 2000,
// so the next chip in ring order, (0,1), p2; likewise n2 -> (1,0) p2 and
// n3 -> (1,1) p2.
// BUDGET-LABEL: snn.graph @net
// BUDGET: spinn.population "in"
// BUDGET-NEXT: p = 2 : i64, sdram_bytes = 0 : i64, x = 0 : i64, y = 0 : i64}
// BUDGET: spinn.population "n"
// BUDGET-NEXT: p = 3 : i64, sdram_bytes = 1012 : i64, x = 0 : i64, y = 0 : i64}
// BUDGET-NEXT: p = 2 : i64, sdram_bytes = 1012 : i64, x = 0 : i64, y = 1 : i64}
// BUDGET-NEXT: p = 2 : i64, sdram_bytes = 1012 : i64, x = 1 : i64, y = 0 : i64}
// BUDGET-NEXT: p = 2 : i64, sdram_bytes = 1012 : i64, x = 1 : i64, y = 1 : i64}
snn.graph @net attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1000x1xf32>} -> tensor<1000xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<1000xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1000xf64>, b_syn = dense<0.0> : tensor<1000xf64>, a_mem = dense<0.5> : tensor<1000xf64>, c_mem_syn = dense<0.0> : tensor<1000xf64>, c_mem_in = dense<0.5> : tensor<1000xf64>, c_mem_0 = dense<0.0> : tensor<1000xf64>, v_threshold = dense<1.0> : tensor<1000xf64>, v_reset = dense<0.0> : tensor<1000xf64>, reset = #snn.reset<value>} -> tensor<1000xf32>
}
