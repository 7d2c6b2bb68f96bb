// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition -spinn-place="machine=spin3" -spinn-allocate-keys -spinn-route -verify-diagnostics | FileCheck %s
// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition -spinn-place="machine=%S/Inputs/one-app-core.json" -spinn-allocate-keys -spinn-route -verify-diagnostics | FileCheck %s --check-prefix=FAR

// Delay extensions (convention 4, spinnaker.md §A.5). "in" (40) reaches
// "n" (256) through graph delays 0..39, latency of n 1: hardware delays
// D = 1..40. n's slice of 256 neurons has n = 8 index bits, t = 1, so
// 14 - 9 = 5 delay bits: on-core delays up to M = 2^5 - 1 = 31.
// D = 1..31 are delivered directly; D = 32..40 by stage
// ceil((D - 31) / 31) = 1 with residual D - 31 = 1..9: the source slice
// [0, 40) of "in" gets ext_stage_ticks S = 31 (the only target's M) and
// one stage.
// Place (spin3: cores 2.. are application cores): in -> (0, 0, 2), n ->
// (0, 0, 3), the extension core on the source's chip, next free core 4.
// Keys: 2 populations + 1 stage key = 3 population-field values: P = 2,
// S = 0 (one slice each), N = 8 (256 neurons); in 0, n 1 << 8 = 256, the
// stage key value 2 + 0 + 1 - 1 = 2: 2 << 8 = 512; mask 0xFFFFFF00 =
// 4294967040.
// Route on chip (0, 0): key 0 (in) to core 3 (direct synapses) and core 4
// (the extension): route bits 6 + 3 and 6 + 4 = 512 + 1024 = 1536; the
// stage key 512 from the extension core to core 3: 1 << 9 = 512.
// CHECK-LABEL: snn.graph @extension
// CHECK: spinn.population "in"
// CHECK-NEXT: spinn.slice {ext_keys = array<i64: 512>, ext_p = 4 : i64, ext_stage_ticks = 31 : i64, ext_x = 0 : i64, ext_y = 0 : i64, hi = 40 : i64, key = 0 : i64, lo = 0 : i64, mask = 4294967040 : i64, p = 2 : i64, sdram_bytes = 0 : i64, x = 0 : i64, y = 0 : i64}
// CHECK: spinn.population "n"
// CHECK-NEXT: spinn.slice {delay_bits = 5 : i64, {{.*}}key = 256 : i64, lo = 0 : i64, mask = 4294967040 : i64, needs_delay_extension = true, p = 3 : i64,
// CHECK-NOT: ext_
// CHECK: spinn.router_table {defaultable = array<i1: false, false>, entries = array<i64: 0, 4294967040, 1536, 512, 4294967040, 512>, sources = array<i64: 0, 0>, x = 0 : i64, y = 0 : i64}
// CHECK-NOT: spinn.router_table
//
// With one application core per chip (core 2) the source's chip is full:
// ring order puts in on (0, 0) and n on (0, 1); the extension goes to the
// nearest chip with a free core, hex distance 1 in (x, y) order: (0, 1) is
// taken, so (1, 0), core 2. The stage key 512 then starts there.
// FAR-LABEL: snn.graph @extension
// FAR: spinn.slice {ext_keys = array<i64: 512>, ext_p = 2 : i64, ext_stage_ticks = 31 : i64, ext_x = 1 : i64, ext_y = 0 : i64,
// FAR: spinn.router_table {{.*}}entries = array<i64: {{.*}}512, 4294967040, {{[0-9]+}}>, {{.*}}x = 1 : i64, y = 0 : i64}
snn.graph @extension attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<40xf32>
  %d = snn.discrete_delay "d"(%in : tensor<40xf32>) {steps = dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]> : tensor<40xi64>} -> tensor<40xf32>
  %fc = snn.linear "fc"(%d : tensor<40xf32>) {weight = dense<0.5> : tensor<256x40xf32>} -> tensor<256xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<256xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<256xf64>, b_syn = dense<0.0> : tensor<256xf64>, a_mem = dense<0.5> : tensor<256xf64>, c_mem_syn = dense<0.0> : tensor<256xf64>, c_mem_in = dense<0.5> : tensor<256xf64>, c_mem_0 = dense<0.0> : tensor<256xf64>, v_threshold = dense<1.0> : tensor<256xf64>, v_reset = dense<0.0> : tensor<256xf64>, reset = #snn.reset<value>} -> tensor<256xf32>
}

// -----

// D = 300 (a 300-step delay adds no latency) onto M = 31 with S = 31:
// stage ceil(269 / 31) = 9, more than the 8 a delay-extension core has.
snn.graph @too_long attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  // expected-error @+1 {{spinn-partition: slice [0, 1) of population 'in' needs 9 delay-extension stages of 31 ticks for a hardware delay of 300 onto slice [0, 256) of population 'n' (on-core maximum 31); at most 8 (spinnaker.md §A.5)}}
  %in = snn.input "in" -> tensor<1xf32>
  %d = snn.discrete_delay "d"(%in : tensor<1xf32>) {steps = dense<300> : tensor<1xi64>} -> tensor<1xf32>
  %fc = snn.linear "fc"(%d : tensor<1xf32>) {weight = dense<0.5> : tensor<256x1xf32>} -> tensor<256xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<256xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<256xf64>, b_syn = dense<0.0> : tensor<256xf64>, a_mem = dense<0.5> : tensor<256xf64>, c_mem_syn = dense<0.0> : tensor<256xf64>, c_mem_in = dense<0.5> : tensor<256xf64>, c_mem_0 = dense<0.0> : tensor<256xf64>, v_threshold = dense<1.0> : tensor<256xf64>, v_reset = dense<0.0> : tensor<256xf64>, reset = #snn.reset<value>} -> tensor<256xf32>
}
