// RUN: nmc-opt %s -convert-snn-to-sfq | FileCheck %s
// RUN: nmc-opt %s -convert-snn-to-sfq -sfq-legalize | FileCheck %s --check-prefix=LEGAL
// RUN: nmc-opt %s -convert-snn-to-sfq -sfq-legalize | FileCheck %s --check-prefix=SPLIT
// RUN: nmc-opt %s -convert-snn-to-sfq -sfq-legalize | FileCheck %s --check-prefix=MERGE
// RUN: nmc-opt %s -convert-snn-to-sfq="p-min=0.01 i50-ma=0.2 i-width-ma=0.01 n0=6 i-nominal-ma=0.2" | FileCheck %s --check-prefix=OPTS

// A discretized 2-2-1 network: in (2) -> fc1 -> h (IF, 2) -> fc2 -> o (IF, 1)
// -> out. Weights NIR-style W[out][in]:
//   fc1 = [[0.5, -0.25], [1.0, 0.75]]   wmax = 1.0
//   fc2 = [[0.4, -0.8]]                 wmax = 0.8
// Synapse bias I(p) = i50 + iWidth ln(p / (1 - p)), i50 = 0.3 mA,
// iWidth = 0.02 mA (the cell library's defaults), p = clamp(|w| / wmax,
// 0.001, 0.999):
//   fc1[0,0] w  0.5  p 0.5   ln 1 = 0          I = 0.3            exc h[0]
//   fc1[0,1] w -0.25 p 0.25  ln(1/3) = -1.0986123 I = 0.2780277542 inh h[0]
//   fc1[1,0] w  1.0  p 1 -> 0.999  ln 999 = 6.9067548 I = 0.4381350956 exc h[1]
//   fc1[1,1] w  0.75 p 0.75  ln 3 = 1.0986123  I = 0.3219722458   exc h[1]
//   fc2[0,0] w  0.4  p 0.5                     I = 0.3            exc o[0]
//   fc2[0,1] w -0.8  p 1 -> 0.999              I = 0.4381350956   inh o[0]
// Neuron N = the smallest n with n * c_mem_in * wmax > v_threshold (the
// reference fires when v > v_threshold), bias I(N) = n0 * iNominal / N =
// 4 * 0.7 / N mA:
//   h[0]: 2 * 1.0 = 2 is not > 2.0, 3 is: N = 3 -> 2.8 / 3 = 0.9333333333
//   h[1]: 1 * 1.0 is not > 1.0, 2 is: N = 2 -> 1.4
//   o[0]: 2 * 0.8 = 1.6, 3 * 0.8 = 2.4000000000000004 > 2.4: N = 3 -> 0.93333
// 6 synapses; the draft keeps fan-out (in[0] and in[1] each feed 2) and
// fan-in (h[1].exc has 2 drivers, its inh none).
// CHECK-LABEL: sfq.circuit @net221 draft {
// CHECK-NEXT: %[[I0:.*]] = sfq.input "in[0]"
// CHECK-NEXT: %[[I1:.*]] = sfq.input "in[1]"
// CHECK-NEXT: %[[S00:.*]] = sfq.synapse "fc1[0,0]" %[[I0]] bias 3.000000e-01 mA
// CHECK-NEXT: %[[S01:.*]] = sfq.synapse "fc1[0,1]" %[[I1]] bias {{0\.278027754[0-9]*}} mA
// CHECK-NEXT: %[[S10:.*]] = sfq.synapse "fc1[1,0]" %[[I0]] bias {{0\.438135095[0-9]*}} mA
// CHECK-NEXT: %[[S11:.*]] = sfq.synapse "fc1[1,1]" %[[I1]] bias {{0\.321972245[0-9]*}} mA
// CHECK-NEXT: %[[H0:.*]] = sfq.neuron "h[0]" exc(%[[S00]]) inh(%[[S01]]) bias {{0\.933333333[0-9]*}} mA
// CHECK-NEXT: %[[H1:.*]] = sfq.neuron "h[1]" exc(%[[S10]], %[[S11]]) inh() bias {{1\.4(0000)?[0-9]*e\+00}} mA
// CHECK-NEXT: %[[T0:.*]] = sfq.synapse "fc2[0,0]" %[[H0]] bias 3.000000e-01 mA
// CHECK-NEXT: %[[T1:.*]] = sfq.synapse "fc2[0,1]" %[[H1]] bias {{0\.438135095[0-9]*}} mA
// CHECK-NEXT: %[[O:.*]] = sfq.neuron "o[0]" exc(%[[T0]]) inh(%[[T1]]) bias {{0\.933333333[0-9]*}} mA
// CHECK-NEXT: sfq.output "out[0]" %[[O]]
// CHECK-NEXT: }
// CHECK-NOT: snn.

// Legalized: 2 splitters (in[0], in[1]), 1 merger and 1 zero (h[1]);
// nothing clocked, so no clock; no longer a draft.
// LEGAL-LABEL: sfq.circuit @net221 {
// LEGAL-COUNT-6: sfq.synapse
// LEGAL-NOT: sfq.synapse
// SPLIT-LABEL: sfq.circuit @net221 {
// SPLIT-COUNT-2: sfq.splitter
// SPLIT-NOT: sfq.splitter
// MERGE-LABEL: sfq.circuit @net221 {
// MERGE-NOT: sfq.clock
// MERGE: %[[M:.*]] = sfq.merger %
// MERGE-NEXT: %[[Z:.*]] = sfq.zero
// MERGE-NEXT: sfq.neuron "h[1]" exc(%[[M]]) inh(%[[Z]])
// MERGE-NOT: sfq.merger
// MERGE-NOT: sfq.clock

// Options: p-min 0.01 clamps p = 1 to 0.99: I = 0.2 + 0.01 ln 99
// = 0.2 + 0.0459511985 = 0.2459511985; p = 0.5 gives i50 = 0.2;
// h[0]: N = 3 gives 6 * 0.2 / 3 = 0.4 (0.40000000000000008 in doubles).
// OPTS: sfq.synapse "fc1[0,0]" %{{.*}} bias 2.000000e-01 mA
// OPTS: sfq.synapse "fc1[1,0]" %{{.*}} bias {{0\.245951198[0-9]*}} mA
// OPTS: sfq.neuron "h[0]" {{.*}} bias {{(0\.4000000|0\.3999999|4\.000000e-01)[0-9]*}} mA
snn.graph @net221 attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<2xf32>
  %fc1 = snn.linear "fc1"(%in : tensor<2xf32>) {weight = dense<[[0.5, -0.25], [1.0, 0.75]]> : tensor<2x2xf32>} -> tensor<2xf32>
  %h = snn.discrete_neuron "h"(%fc1 : tensor<2xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<1.0> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<1.0> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<[2.0, 1.0]> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
  %fc2 = snn.affine "fc2"(%h : tensor<2xf32>) {weight = dense<[[0.4, -0.8]]> : tensor<1x2xf32>, bias = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
  %o = snn.discrete_neuron "o"(%fc2 : tensor<1xf32>) {neuron_type = #snn.neuron_type<IF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<2.4> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<subtract>} -> tensor<1xf32>
  %out = snn.output "out"(%o : tensor<1xf32>) -> tensor<1xf32>
}
