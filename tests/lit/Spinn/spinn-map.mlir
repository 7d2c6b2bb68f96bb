// RUN: nmc-opt %s --snn-lower="dt=0.001" --spinn-map="machine=spin3" | FileCheck %s
// RUN: not nmc-opt %s --snn-lower="dt=0.001" --spinn-map="machine=nope" 2>&1 | FileCheck %s --check-prefix=BAD

// The whole SpiNNaker pipeline (populateSpinnPipeline) on the network of
// pipeline.mlir: in (2 sources) -> l1 (2 LIF) -> l2 (1 LIF), on spin3 (a
// 2x2 torus with 16 application cores per chip).
// Place: three slices, all on chip (0,0), cores 2, 3, 4 (0 and 1 are the
// monitors). Keys: 3 populations -> 2 bits, 1 slice each -> 0 bits,
// largest slice 2 -> 1 bit: key = population << 1 (in 0, l1 2, l2 4), mask
// 0xFFFFFFFE = 4294967294. Route: in -> l1 on core 3 (route bit 3 + 6:
// 512), l1 -> l2 on core 4 (1024); l2 feeds only the graph output, so it
// gets no entry. One table, on (0,0); it fits 1023 entries unchanged.
// CHECK-LABEL: snn.graph @net
// CHECK: spinn.mapping attributes {key_fields = array<i64: 2, 0, 1>, machine = "{\22name\22:\22spin3\22,
// CHECK: spinn.population "in"
// CHECK-NEXT: spinn.slice {hi = 2 : i64, key = 0 : i64, lo = 0 : i64, mask = 4294967294 : i64, p = 2 : i64, sdram_bytes = 0 : i64, x = 0 : i64, y = 0 : i64}
// CHECK: spinn.population "l1"
// CHECK-NEXT: spinn.slice {{.*}}key = 2 : i64, {{.*}}mask = 4294967294 : i64, {{.*}}p = 3 : i64, {{.*}}x = 0 : i64, y = 0 : i64}
// CHECK: spinn.population "l2"
// CHECK-NEXT: spinn.slice {{.*}}key = 4 : i64, {{.*}}mask = 4294967294 : i64, {{.*}}p = 4 : i64, {{.*}}x = 0 : i64, y = 0 : i64}
// CHECK: spinn.router_table {defaultable = array<i1: false, false>, entries = array<i64: 0, 4294967294, 512, 2, 4294967294, 1024>, sources = array<i64: 0, 1>, uncompressed = 2 : i64, x = 0 : i64, y = 0 : i64}
// CHECK-NOT: spinn.router_table
//
// A machine that does not load: spinn-place reports the option.
// BAD: error: spinn-place: option machine=nope: unknown machine preset 'nope'
snn.graph @net {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = snn.affine "fc"(%in : tensor<2xf32>) {weight = dense<[[0.3, -0.1], [0.2, 0.0]]> : tensor<2x2xf32>, bias = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
  %l1 = snn.lif "l1"(%fc : tensor<2xf32>) {tau = dense<0.01> : tensor<2xf64>, r = dense<1.0> : tensor<2xf64>, v_leak = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %d = snn.delay "d"(%l1 : tensor<2xf32>) {delay = dense<0.003> : tensor<2xf64>} -> tensor<2xf32>
  %fc2 = snn.linear "fc2"(%d : tensor<2xf32>) {weight = dense<[[1.5, 1.5]]> : tensor<1x2xf32>} -> tensor<1xf32>
  %l2 = snn.lif "l2"(%fc2 : tensor<1xf32>) {tau = dense<0.01> : tensor<1xf64>, r = dense<1.0> : tensor<1xf64>, v_leak = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  %out = snn.output "out"(%l2 : tensor<1xf32>) -> tensor<1xf32>
}
