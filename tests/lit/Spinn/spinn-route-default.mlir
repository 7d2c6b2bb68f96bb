// RUN: nmc-opt %s -spinn-route | FileCheck %s
// RUN: nmc-opt %s -spinn-route -spinn-compress-tables | FileCheck %s --check-prefix=COMPRESSED

// spin5 board (the default machine). in on (0,0) core 2 sends to a on
// (2,0) core 2: vector (2, 0), two E hops through (1,0). On (1,0) the
// packet enters on W and leaves on E to no core: default routing would do
// the same, so the entry is flagged defaultable (kept for the compressor).
// CHECK-LABEL: snn.graph @line
// CHECK: spinn.router_table {defaultable = array<i1: false>, entries = array<i64: 0, 4294967294, 1>, sources = array<i64: 0>, x = 0 : i64, y = 0 : i64}
// CHECK-NEXT: spinn.router_table {defaultable = array<i1: true>, entries = array<i64: 0, 4294967294, 1>, sources = array<i64: 0>, x = 1 : i64, y = 0 : i64}
// CHECK-NEXT: spinn.router_table {defaultable = array<i1: false>, entries = array<i64: 0, 4294967294, 256>, sources = array<i64: 0>, x = 2 : i64, y = 0 : i64}
//
// Compression drops the defaultable entry (nothing after it overlaps) and
// records the counts before.
// COMPRESSED-LABEL: snn.graph @line
// COMPRESSED: spinn.router_table {defaultable = array<i1: false>, entries = array<i64: 0, 4294967294, 1>, sources = array<i64: 0>, uncompressed = 1 : i64, x = 0 : i64, y = 0 : i64}
// COMPRESSED-NEXT: spinn.router_table {defaultable = array<i1>, entries = array<i64>, sources = array<i64>, uncompressed = 1 : i64, x = 1 : i64, y = 0 : i64}
// COMPRESSED-NEXT: spinn.router_table {defaultable = array<i1: false>, entries = array<i64: 0, 4294967294, 256>, sources = array<i64: 0>, uncompressed = 1 : i64, x = 2 : i64, y = 0 : i64}
snn.graph @line {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "a", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 2]> : tensor<3xi64>, indices = dense<0> : tensor<2xi64>, synapse_types = dense<0> : tensor<2xi32>, codes = dense<16384> : tensor<2xi32>, weights = dense<0.5> : tensor<2xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%fc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  spinn.mapping {
    spinn.population "in" attributes {kind = #spinn.kind<source>, size = 2} {
      spinn.slice {lo = 0, hi = 2, x = 0, y = 0, p = 2, key = 0, mask = 4294967294}
    }
    spinn.population "a" attributes {kind = #spinn.kind<neuron>, size = 1} {
      spinn.slice {lo = 0, hi = 1, x = 2, y = 0, p = 2, key = 2, mask = 4294967294}
    }
  }
}
