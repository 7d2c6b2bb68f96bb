// RUN: nmc-opt %s --snn-lower="dt=0.001" -snn-quantize="format=s16.15" -convert-snn-to-spinn -spinn-partition | FileCheck %s
// RUN: nmc-opt %s --snn-lower="dt=0.001" -snn-quantize="format=s16.15" -convert-snn-to-spinn -snn-infer-shapes -canonicalize -spinn-partition | FileCheck %s
//
// The second run: snn passes after the conversion leave the spinn ops alone
// (the graph holds spinn.mapping, which is not a node).

// From a continuous graph through the real lowering and quantization.
// s16.15 weights: 0.3 -> 9830/2^15 = 0.29998779296875, -0.1 -> -3277/2^15,
// 0.2 -> 6554/2^15; 1.5 is exact. The delay of 3 ms is 3 steps at dt 1 ms.
//
// fc into l1 (equal delays): excitatory max 0.2999..., fan-in 1: bound
// 0.2999..., shift 0 (2^0 = 1 > 0.3): codes are the s16.15 integers 9830,
// 6554; inhibitory 3277, shift 0. The weights stay exactly as quantized.
// CSR by source: in0 -> l1_0 (0.3), l1_1 (0.2); in1 -> l1_0 (-0.1).
// fc2 into l2 through the delay: bound 1.5 * 2 = 3, ceil(log2 3) = 2,
// 4 > 3: shift 2, codes 1.5 * 2^13 = 12288. Latencies in 0, l1 1, and l2
// 1 too (fc2's synapses already wait 3 steps, so the edge adds none):
// hardware delays fc 0 + 1 - 0 = 1, fc2 3 + 1 - 1 = 3.
// CHECK-LABEL: snn.graph @net
// CHECK-NOT: snn.discrete_delay
// CHECK: spinn.projection "fc"
// CHECK-SAME: codes = dense<[9830, 6554, 3277]> : tensor<3xi32>
// CHECK-SAME: indptr = dense<[0, 2, 3]> : tensor<3xi64>
// CHECK-SAME: synapse_types = dense<[0, 0, 1]> : tensor<3xi32>
// CHECK-SAME: weights = dense<[0.29998779296875, 0.20001220703125, -0.100006103515625]> : tensor<3xf64>
// CHECK: spinn.projection "fc2"
// CHECK-SAME: codes = dense<12288> : tensor<2xi32>
// CHECK-SAME: delay_steps = dense<3> : tensor<1xi64>
//
// Partition: l1 (2 neurons: n = 1; D = 1: d = ceil(log2 2) = 1): 2 * 44 +
// ring 2^(1+1+1) * 2 = 16 + 1024 + 2072 + 24 = 3224 B DTCM; rows (3 + 2) * 4
// + (3 + 1) * 4 = 36 B.
// l2 (1 neuron: n = max(1, 0) = 1; D = 3: d = ceil(log2 4) = 2): 44 +
// 2^(1+1+2) * 2 = 32 + 1024 + 2072 + 24 = 3196 B; rows 2 * (3 + 1) * 4 =
// 32 B.
// CHECK: spinn.population "in" attributes {kind = #spinn.kind<source>, latency = 0 : i64, size = 2 : i64}
// CHECK-NEXT: spinn.slice {hi = 2 : i64, lo = 0 : i64, sdram_bytes = 0 : i64}
// CHECK: spinn.population "l1" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 0 : i64, shift_inh = 0 : i64, size = 2 : i64}
// CHECK-NEXT: spinn.slice {delay_bits = 1 : i64, dtcm_bytes = 3224 : i64, hi = 2 : i64, lo = 0 : i64, needs_delay_extension = false, sdram_bytes = 36 : i64}
// CHECK: spinn.population "l2" attributes {kind = #spinn.kind<neuron>, latency = 1 : i64, shift_exc = 2 : i64, shift_inh = 0 : i64, size = 1 : i64}
// CHECK-NEXT: spinn.slice {delay_bits = 2 : i64, dtcm_bytes = 3196 : i64, hi = 1 : i64, lo = 0 : i64, needs_delay_extension = false, sdram_bytes = 32 : i64}
snn.graph @net {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = snn.affine "fc"(%in : tensor<2xf32>) {weight = dense<[[0.3, -0.1], [0.2, 0.0]]> : tensor<2x2xf32>, bias = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
  %l1 = snn.lif "l1"(%fc : tensor<2xf32>) {tau = dense<0.01> : tensor<2xf64>, r = dense<1.0> : tensor<2xf64>, v_leak = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %d = snn.delay "d"(%l1 : tensor<2xf32>) {delay = dense<0.003> : tensor<2xf64>} -> tensor<2xf32>
  %fc2 = snn.linear "fc2"(%d : tensor<2xf32>) {weight = dense<[[1.5, 1.5]]> : tensor<1x2xf32>} -> tensor<1xf32>
  %l2 = snn.lif "l2"(%fc2 : tensor<1xf32>) {tau = dense<0.01> : tensor<1xf64>, r = dense<1.0> : tensor<1xf64>, v_leak = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  %out = snn.output "out"(%l2 : tensor<1xf32>) -> tensor<1xf32>
}
