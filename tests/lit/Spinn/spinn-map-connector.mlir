// RUN: nmc-opt %s --snn-lower="dt=0.001" --spinn-map="machine=spin3 neurons-per-core=10" | FileCheck %s

// The pipeline keeps connectors procedural (no snn-expand-connectors):
// in (20) -> one_to_one -> a (20 LIF) -> one_to_one -> b (20 LIF) at 10
// neurons per core. Latencies 0, 1, 2: delay_offset 1 on both.
// Slices: in [0, 20) (sources: 256 per core), a and b two slices each;
// placed on chip (0, 0) cores 2 (in), 3, 4 (a), 5, 6 (b).
// Keys: 3 populations -> P = 2, at most 2 slices -> S = 1, largest slice
// 20 -> N = 5: key = population << 6 | slice << 5: in 0, a 64 and 96, b 128
// and 160; mask 0xFFFFFFE0 = 4294967264.
// one_to_one reaches only the target slice of the same neurons: in's
// slice reaches both slices of a (cores 3, 4: route bits 9, 10 = 1536);
// a's slice [0, 10) only b's [0, 10) (core 5: 2048), a's [10, 20) only
// b's [10, 20) (core 6: 4096).
// CHECK-LABEL: snn.graph @net
// CHECK: spinn.projection "c1"
// CHECK-SAME: connector = {allow_self = true, n_post = 20 : i64, n_pre = 20 : i64, rule = #snn.rule<one_to_one>
// CHECK-SAME: delay_offset = 1 : i64
// CHECK: spinn.projection "c2"
// CHECK-SAME: delay_offset = 1 : i64
// CHECK: spinn.router_table {defaultable = array<i1: false, false, false>, entries = array<i64: 0, 4294967264, 1536, 64, 4294967264, 2048, 96, 4294967264, 4096>, sources = array<i64: 0, 1, 1>, uncompressed = 3 : i64, x = 0 : i64, y = 0 : i64}
// CHECK-NOT: spinn.router_table
snn.graph @net {
  %in = snn.input "in" -> tensor<20xf32>
  %c1 = snn.connector "c1"(%in : tensor<20xf32>) {rule = #snn.rule<one_to_one>, n_pre = 20, n_post = 20, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1} -> tensor<20xf32>
  %a = snn.lif "a"(%c1 : tensor<20xf32>) {tau = dense<0.01> : tensor<20xf64>, r = dense<1.0> : tensor<20xf64>, v_leak = dense<0.0> : tensor<20xf64>, v_threshold = dense<1.0> : tensor<20xf64>, v_reset = dense<0.0> : tensor<20xf64>} -> tensor<20xf32>
  %c2 = snn.connector "c2"(%a : tensor<20xf32>) {rule = #snn.rule<one_to_one>, n_pre = 20, n_post = 20, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 2} -> tensor<20xf32>
  %b = snn.lif "b"(%c2 : tensor<20xf32>) {tau = dense<0.01> : tensor<20xf64>, r = dense<1.0> : tensor<20xf64>, v_leak = dense<0.0> : tensor<20xf64>, v_threshold = dense<1.0> : tensor<20xf64>, v_reset = dense<0.0> : tensor<20xf64>} -> tensor<20xf32>
  %out = snn.output "out"(%b : tensor<20xf32>) -> tensor<20xf32>
}
