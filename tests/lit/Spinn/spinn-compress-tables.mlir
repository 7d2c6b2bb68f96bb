// RUN: nmc-opt %s -spinn-compress-tables="target=0" | FileCheck %s
// RUN: nmc-opt %s -spinn-compress-tables | FileCheck %s --check-prefix=FIT
// RUN: nmc-opt %s -spinn-compress-tables="target=0 compressor=pair" | FileCheck %s
// RUN: nmc-opt %s -spinn-compress-tables="target=0 compressor=ordered-covering" | FileCheck %s
// RUN: not nmc-opt %s -spinn-compress-tables="compressor=best" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: spinn-compress-tables: option compressor=best: expected auto, pair or ordered-covering

// A hand-built table (full masks 0xFFFFFFFF = 4294967295): keys 0, 1, 2
// go to core 2 (route 256), key 3 to core 3 (512), key 16 passes straight
// through on E (1) and is marked defaultable.
// Known minimum: 2 entries. Two different routes need at least two
// entries, and two suffice: key 3 -> 512 first, then the key 0 mask
// 0xFFFFFFFC (keys 0..3) -> 256 catches 0, 1, 2; key 16 falls to default
// routing. Both compressors find it.
// CHECK-LABEL: snn.graph @hand
// CHECK: spinn.router_table {defaultable = array<i1: false, false>, entries = array<i64: 3, 4294967295, 512, 0, 4294967292, 256>, {{.*}}uncompressed = 5 : i64, x = 1 : i64, y = 2 : i64}
//
// With the default target (the machine's 1023 entries) dropping the
// defaultable entry is enough, and that is all that is done.
// FIT: spinn.router_table {defaultable = array<i1: false, false, false, false>, entries = array<i64: 0, 4294967295, 256, 1, 4294967295, 256, 2, 4294967295, 256, 3, 4294967295, 512>, {{.*}}uncompressed = 5 : i64, x = 1 : i64, y = 2 : i64}
snn.graph @hand {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "a", n_pre = 2, n_post = 3, indptr = dense<[0, 3, 4]> : tensor<3xi64>, indices = dense<[0, 1, 2, 1]> : tensor<4xi64>, synapse_types = dense<0> : tensor<4xi32>, codes = dense<16384> : tensor<4xi32>, weights = dense<0.5> : tensor<4xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<3xf32>
  %a = snn.discrete_neuron "a"(%fc : tensor<3xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<3xf64>, b_syn = dense<0.0> : tensor<3xf64>, a_mem = dense<0.5> : tensor<3xf64>, c_mem_syn = dense<0.0> : tensor<3xf64>, c_mem_in = dense<0.5> : tensor<3xf64>, c_mem_0 = dense<0.0> : tensor<3xf64>, v_threshold = dense<1.0> : tensor<3xf64>, v_reset = dense<0.0> : tensor<3xf64>, reset = #snn.reset<value>} -> tensor<3xf32>
  %fc2 = spinn.projection "fc2"(%a : tensor<3xf32>) {pre = "a", post = "b", n_pre = 3, n_post = 1, indptr = dense<[0, 0, 1, 1]> : tensor<4xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<16384> : tensor<1xi32>, weights = dense<0.5> : tensor<1xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %b = snn.discrete_neuron "b"(%fc2 : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  spinn.mapping {
    spinn.population "in" attributes {kind = #spinn.kind<source>, size = 2} {
    }
    spinn.population "a" attributes {kind = #spinn.kind<neuron>, size = 3} {
    }
    spinn.population "b" attributes {kind = #spinn.kind<neuron>, size = 1} {
    }
    spinn.router_table {x = 1, y = 2, entries = array<i64: 0, 4294967295, 256, 1, 4294967295, 256, 2, 4294967295, 256, 3, 4294967295, 512, 16, 4294967295, 1>, defaultable = array<i1: false, false, false, false, true>}
  }
}
