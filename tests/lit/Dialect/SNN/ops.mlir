// RUN: nmc-opt %s --verify-roundtrip | FileCheck %s
// One instance of every snn op; the round trip (print, parse, compare)
// checks the custom assembly of each.

// CHECK-LABEL: snn.graph @every_op
snn.graph @every_op {
  // CHECK: snn.input "in" -> tensor<2x8x8xf32>
  %in = snn.input "in" -> tensor<2x8x8xf32>
  // CHECK: snn.conv2d "conv"(%{{.*}} : tensor<2x8x8xf32>)
  %c = snn.conv2d "conv"(%in : tensor<2x8x8xf32>) {weight = dense<0.5> : tensor<4x2x3x3xf32>, bias = dense<0.0> : tensor<4xf32>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1, input_shape = array<i64: 8, 8>} -> tensor<4x8x8xf32>
  // CHECK: snn.if "if"
  %if = snn.if "if"(%c : tensor<4x8x8xf32>) {r = dense<1.0> : tensor<4x8x8xf32>, v_threshold = dense<1.0> : tensor<4x8x8xf32>, v_reset = dense<0.0> : tensor<4x8x8xf32>} -> tensor<4x8x8xf32>
  // CHECK: snn.sum_pool2d "sp"
  %sp = snn.sum_pool2d "sp"(%if : tensor<4x8x8xf32>) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} -> tensor<4x4x4xf32>
  // CHECK: snn.avg_pool2d "ap"
  %ap = snn.avg_pool2d "ap"(%sp : tensor<4x4x4xf32>) {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} -> tensor<4x2x2xf32>
  // CHECK: snn.flatten "flat"
  %fl = snn.flatten "flat"(%ap : tensor<4x2x2xf32>) {start_dim = 0, end_dim = -1, input_type = array<i64: 4, 2, 2>} -> tensor<16xf32>
  // CHECK: snn.affine "fc"
  %fc = snn.affine "fc"(%fl : tensor<16xf32>) {weight = dense<0.1> : tensor<3x16xf32>, bias = dense<0.0> : tensor<3xf32>} -> tensor<3xf32>
  // CHECK: snn.lif "lif"
  %lif = snn.lif "lif"(%fc : tensor<3xf32>) {tau = dense<0.02> : tensor<3xf32>, r = dense<1.0> : tensor<3xf32>, v_leak = dense<0.0> : tensor<3xf32>, v_threshold = dense<1.0> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>} -> tensor<3xf32>
  // CHECK: snn.output "out"
  %out = snn.output "out"(%lif : tensor<3xf32>) -> tensor<3xf32>

  // Branch B: 1-D conv, linear, scale, delay, threshold, I, LI, CubaLI(F).
  %seq = snn.input "seq" -> tensor<2x16xf32>
  // CHECK: snn.conv1d "c1"{{.*}}padding = "same"
  %c1 = snn.conv1d "c1"(%seq : tensor<2x16xf32>) {weight = dense<1.0> : tensor<3x2x3xf64>, bias = dense<0.0> : tensor<3xf64>, stride = array<i64: 1>, padding = "same", dilation = array<i64: 1>, groups = 1} -> tensor<3x16xf32>
  %f2 = snn.flatten "f2"(%c1 : tensor<3x16xf32>) {start_dim = 0, end_dim = -1} -> tensor<48xf32>
  // CHECK: snn.linear "lin"
  %lin = snn.linear "lin"(%f2 : tensor<48xf32>) {weight = dense<1.0> : tensor<4x48xf32>} -> tensor<4xf32>
  // CHECK: snn.scale "sc"
  %sc = snn.scale "sc"(%lin : tensor<4xf32>) {scale = dense<2.0> : tensor<4xf32>} -> tensor<4xf32>
  // CHECK: snn.delay "dl"
  %dl = snn.delay "dl"(%sc : tensor<4xf32>) {delay = dense<0.002> : tensor<4xf32>} -> tensor<4xf32>
  // CHECK: snn.threshold "th"
  %th = snn.threshold "th"(%dl : tensor<4xf32>) {threshold = dense<0.5> : tensor<4xf32>} -> tensor<4xf32>
  // CHECK: snn.i "integ"
  %ig = snn.i "integ"(%th : tensor<4xf32>) {r = dense<1.0> : tensor<4xf32>} -> tensor<4xf32>
  // CHECK: snn.li "li"
  %li = snn.li "li"(%ig : tensor<4xf32>) {tau = dense<0.01> : tensor<4xf32>, r = dense<1.0> : tensor<4xf32>, v_leak = dense<0.0> : tensor<4xf32>} -> tensor<4xf32>
  // CHECK: snn.cubali "cli"
  %cli = snn.cubali "cli"(%li : tensor<4xf32>) {tau_syn = dense<0.005> : tensor<4xf32>, tau_mem = dense<0.01> : tensor<4xf32>, r = dense<1.0> : tensor<4xf32>, v_leak = dense<0.0> : tensor<4xf32>, w_in = dense<1.0> : tensor<4xf32>} -> tensor<4xf32>
  // Recurrent edge: %rec is used before it is defined.
  // CHECK: snn.cubalif "clif"(%{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xf32>)
  %clif = snn.cubalif "clif"(%cli, %rec : tensor<4xf32>, tensor<4xf32>) {tau_syn = dense<0.005> : tensor<4xf32>, tau_mem = dense<0.01> : tensor<4xf32>, r = dense<1.0> : tensor<4xf32>, v_leak = dense<0.0> : tensor<4xf32>, v_threshold = dense<1.0> : tensor<4xf32>, v_reset = dense<0.0> : tensor<4xf32>, w_in = dense<1.0> : tensor<4xf32>} -> tensor<4xf32>
  %rec = snn.linear "rec"(%clif : tensor<4xf32>) {weight = dense<0.1> : tensor<4x4xf32>} -> tensor<4xf32>
  // CHECK: snn.sparse_affine "sp_fc"
  %spfc = snn.sparse_affine "sp_fc"(%clif : tensor<4xf32>) {indptr = dense<[0, 1, 2, 2, 3]> : tensor<5xi64>, indices = dense<[0, 1, 0]> : tensor<3xi32>, weight = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} -> tensor<2xf32>
  // CHECK: snn.subgraph "sub"
  %sub = snn.subgraph "sub"(%spfc : tensor<2xf32>) -> tensor<2xf32> {
    %si = snn.input "input" -> tensor<2xf32>
    %sl = snn.lif "lif"(%si : tensor<2xf32>) {tau = dense<0.02> : tensor<2xf32>, r = dense<1.0> : tensor<2xf32>, v_leak = dense<0.0> : tensor<2xf32>, v_threshold = dense<1.0> : tensor<2xf32>, v_reset = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
    %so = snn.output "output"(%sl : tensor<2xf32>) -> tensor<2xf32>
  }
  %out_b = snn.output "out_b"(%sub : tensor<2xf32>) -> tensor<2xf32>
}

// CHECK-LABEL: snn.graph @discrete attributes {dt = 1.000000e-03 : f64, method = #snn.method<euler>, reset = #snn.reset<value>}
snn.graph @discrete attributes {dt = 1.0e-3 : f64, method = #snn.method<euler>, reset = #snn.reset<value>} {
  %in = snn.input "in" -> tensor<2xf32>
  // CHECK: snn.discrete_delay "d"
  %d = snn.discrete_delay "d"(%in : tensor<2xf32>) {steps = dense<[0, 3]> : tensor<2xi64>} -> tensor<2xf32>
  // CHECK: snn.discrete_neuron "n"{{.*}}neuron_type = #snn.neuron_type<LIF>, reset = #snn.reset<subtract>
  %n = snn.discrete_neuron "n"(%d : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.9> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.1> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<subtract>} -> tensor<2xf32>
  %o = snn.output "out"(%n : tensor<2xf32>) -> tensor<2xf32>
}
