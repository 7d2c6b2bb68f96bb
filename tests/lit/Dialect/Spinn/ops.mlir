// RUN: nmc-opt %s | nmc-opt | FileCheck %s

// Round trip of every op with every optional attribute filled in.
// CHECK-LABEL: snn.graph @g
// CHECK: spinn.projection "fc"
// CHECK: spinn.projection "conn"
// CHECK-SAME: connector = {n_post = 1 : i64, n_pre = 2 : i64, rule = #snn.rule<all_to_all>, seed = 1 : i64, weight = array<f64: 5.000000e-01>, weight_distribution = #snn.dist<constant>}, delay_offset = 2 : i64, latency_clash
// CHECK: spinn.mapping attributes {key_fields = array<i64: 1, 0, 8>, machine = "{}"} {
// CHECK: spinn.population "in" attributes {kind = #spinn.kind<source>, latency = 0 : i64, size = 2 : i64} {
// CHECK-NEXT: spinn.slice {ext_keys = array<i64: 512, 768>, ext_p = 3 : i64, ext_stage_ticks = 31 : i64, ext_x = 0 : i64, ext_y = 0 : i64, hi = 2 : i64, lo = 0 : i64, p = 1 : i64, x = 0 : i64, y = 0 : i64}
// CHECK: spinn.population "n" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 3 : i64, shift_inh = 0 : i64, size = 1 : i64} {
// CHECK-NEXT: spinn.slice {delay_bits = 5 : i64, dtcm_bytes = 100 : i64, hi = 1 : i64, key = 256 : i64, lo = 0 : i64, mask = 4294967040 : i64, needs_delay_extension = false, p = 2 : i64, sdram_bytes = 16 : i64, x = 1 : i64, y = 0 : i64}
// CHECK: spinn.router_table {entries = array<i64: 256, 4294967040, 256>, x = 0 : i64, y = 0 : i64}
// CHECK: spinn.router_table {defaultable = array<i1: true>, entries = array<i64: 256, 4294967040, 1>, sources = array<i64: 1>, uncompressed = 2 : i64, x = 1 : i64, y = 0 : i64}
snn.graph @g attributes {dt = 1.0e-03 : f64} {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<12288> : tensor<1xi32>, weights = dense<3.0> : tensor<1xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %conn = spinn.projection "conn"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, connector = {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 1, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1}, delay_offset = 2, latency_clash, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %n = snn.discrete_neuron "n"(%fc, %conn : tensor<1xf32>, tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  spinn.mapping attributes {key_fields = array<i64: 1, 0, 8>, machine = "{}"} {
    spinn.population "in" attributes {kind = #spinn.kind<source>, size = 2, latency = 0} {
      spinn.slice {lo = 0, hi = 2, x = 0, y = 0, p = 1, ext_x = 0, ext_y = 0, ext_p = 3, ext_stage_ticks = 31, ext_keys = array<i64: 512, 768>}
    }
    spinn.population "n" attributes {kind = #spinn.kind<neuron>, size = 1, shift_exc = 3, shift_inh = 0, latency = 1} {
      spinn.slice {lo = 0, hi = 1, delay_bits = 5, dtcm_bytes = 100, sdram_bytes = 16, needs_delay_extension = false, x = 1, y = 0, p = 2, key = 256, mask = 4294967040}
    }
    spinn.router_table {x = 0, y = 0, entries = array<i64: 256, 4294967040, 256>}
    spinn.router_table {x = 1, y = 0, entries = array<i64: 256, 4294967040, 1>, defaultable = array<i1: true>, sources = array<i64: 1>, uncompressed = 2}
  }
}
