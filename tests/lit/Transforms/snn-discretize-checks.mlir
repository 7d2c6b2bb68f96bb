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

// -----

// A delay beyond 2^53 steps is refused with the delay as written (llround
// of 1e30 / 0.02 overflowed int64 and was reported as "steps must be >= 0").
snn.graph @hugedelay {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{node 'd': delay 1.000000e+30 (element 1) is 5.000000e+31 steps of dt = 2.000000e-02, more than the 2^53 steps a delay can have}}
  %d = snn.delay "d"(%in : tensor<2xf32>) {delay = dense<[0.04, 1.0e30]> : tensor<2xf64>} -> tensor<2xf32>
  %o = snn.output "out"(%d : tensor<2xf32>) -> tensor<2xf32>
}

// -----

// An infinite delay passes the delay op's verifier (>= 0) but has no step
// count.
snn.graph @infdelay {
  %in = snn.input "in" -> tensor<1xf32>
  // expected-error @+1 {{node 'd': delay INF (element 0) is INF steps of dt = 2.000000e-02}}
  %d = snn.delay "d"(%in : tensor<1xf32>) {delay = dense<0x7FF0000000000000> : tensor<1xf64>} -> tensor<1xf32>
  %o = snn.output "out"(%d : tensor<1xf32>) -> tensor<1xf32>
}

// -----

// The adaptive threshold's Euler decay 1 - dt/tau_theta = 1 - 0.02/0.005 = -3
// < 0 would flip theta's sign every step: the same warning, naming tau_theta.
snn.graph @unstabletheta {
  %in = snn.input "in" -> tensor<1xf32>
  // expected-warning @+1 {{node 'lif': forward Euler is unstable for dt = 2.000000e-02 > tau_theta = 5.000000e-03 (decay -3.000000e+00 < 0, element 0); use method=exact or a smaller dt}}
  %l = snn.lif "lif"(%in : tensor<1xf32>) {tau = dense<1.0> : tensor<1xf64>, r = dense<1.0> : tensor<1xf64>, v_leak = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, d_theta = dense<0.1> : tensor<1xf64>, tau_theta = dense<0.005> : tensor<1xf64>} -> tensor<1xf32>
  %o = snn.output "out"(%l : tensor<1xf32>) -> tensor<1xf32>
}
