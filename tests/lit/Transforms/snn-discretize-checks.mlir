// RUN: nmc-opt %s -split-input-file -snn-discretize="dt=0.02 method=euler" -verify-diagnostics
// RUN: not nmc-opt %s -split-input-file -snn-discretize="dt=0.02 method=exact" 2>&1 | FileCheck %s --check-prefix=EXACT

// Forward Euler with dt = 20 ms > tau = 10 ms: decay 1 - 2 = -1 < 0, the
// membrane oscillates with growing amplitude. A warning, once per node;
// `exact` has no such limit.
// EXACT-NOT: forward Euler
// EXACT: snn.graph @unstable
snn.graph @unstable {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-warning @+1 {{node 'lif': forward Euler is unstable for dt = 2.000000e-02 > tau (decay -1.000000e+00 < 0, element 0); use method=exact or a smaller dt}}
  %l = snn.lif "lif"(%in : tensor<2xf32>) {tau = dense<0.01> : tensor<2xf64>, r = dense<1.0> : tensor<2xf64>, v_leak = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %o = snn.output "out"(%l : tensor<2xf32>) -> tensor<2xf32>
}

// -----

// Non-finite parameters are refused, naming the node and the element.
snn.graph @nonfinite {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'lif': parameter INF is not finite (element 1)}}
  %l = snn.lif "lif"(%in : tensor<2xf32>) {tau = dense<1.0> : tensor<2xf64>, r = dense<1.0> : tensor<2xf64>, v_leak = dense<0.0> : tensor<2xf64>, v_threshold = dense<[1.0, 0x7FF0000000000000]> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %o = snn.output "out"(%l : tensor<2xf32>) -> tensor<2xf32>
}
