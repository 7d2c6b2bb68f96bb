// RUN: nmc-opt %s --snn-lower="dt=0.001" --spinn-map="machine=spin3 neurons-per-core=10" | FileCheck %s

// The pipeline keeps connectors procedural (no snn-expand-connectors):
// in (20) -> one_to_one -> a (20 LIF) -> one_to_one -> b (20 LIF) at 10
// neurons per core. Latencies 0, 1, 2: delay_offset 1 on both.
// Slices: a and b two slices each; in, a source whose projections are
// all one-to-one, is sliced as its target a (spinn-partition) and each
// slice placed right before a's slice of the same neurons (spinn-place):
// chip (0, 0) cores 2 (in [0, 10)), 3 (a [0, 10)), 4 (in [10, 20)),
// 5 (a [10, 20)), 6, 7 (b).
// Keys: 3 populations -> P = 2, 2 slices -> S = 1, largest slice 10 ->
// N = 4: key = population << 5 | slice << 4: in 0 and 16, a 32 and 48, b 64
// and 80; mask 0xFFFFFFF0 = 4294967280.
// one_to_one reaches only the target slice of the same neurons: in's
// [0, 10) only a's [0, 10) (core 3: route bit 9 = 512), in's [10, 20) only
// a's [10, 20) (core 5: 2048), a's [0, 10) only b's [0, 10) (core 6: 4096),
// a's [10, 20) only b's [10, 20) (core 7: 8192).
// CHECK-LABEL: snn.graph @net
// CHECK: spinn.projection "c1"
// CHECK-SAME: connector = {allow_self = true, n_post = 20 : i64, n_pre = 20 : i64, rule = #snn.rule<one_to_one>
// CHECK-SAME: delay_offset = 1 : i64
// CHECK: spinn.projection "c2"
// CHECK-SAME: delay_offset = 1 : i64
// CHECK: spinn.router_table {defaultable = array<i1: false, false, false, false>, entries = array<i64: 0, 4294967280, 512, 16, 4294967280, 2048, 32, 4294967280, 4096, 48, 4294967280, 8192>, sources = array<i64: 0, 0, 1, 1>, uncompressed = 4 : i64, x = 0 : i64, y = 0 : i64}
// CHECK-NOT: spinn.router_table
snn.graph @net {
  %in = snn.input "in" -> tensor<20xf32>
  %c1 = snn.connector "c1"(%in : tensor<20xf32>) {rule = #snn.rule<one_to_one>, n_pre = 20, n_post = 20, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1} -> tensor<20xf32>
  %a = snn.lif "a"(%c1 : tensor<20xf32>) {tau = dense<0.01> : tensor<20xf64>, r = dense<1.0> : tensor<20xf64>, v_leak = dense<0.0> : tensor<20xf64>, v_threshold = dense<1.0> : tensor<20xf64>, v_reset = dense<0.0> : tensor<20xf64>} -> tensor<20xf32>
  %c2 = snn.connector "c2"(%a : tensor<20xf32>) {rule = #snn.rule<one_to_one>, n_pre = 20, n_post = 20, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 2} -> tensor<20xf32>
  %b = snn.lif "b"(%c2 : tensor<20xf32>) {tau = dense<0.01> : tensor<20xf64>, r = dense<1.0> : tensor<20xf64>, v_leak = dense<0.0> : tensor<20xf64>, v_threshold = dense<1.0> : tensor<20xf64>, v_reset = dense<0.0> : tensor<20xf64>} -> tensor<20xf32>
  %out = snn.output "out"(%b : tensor<20xf32>) -> tensor<20xf32>
}
