// RUN: nmc-opt %s -snn-discretize="dt=0.5 method=euler" | FileCheck %s --check-prefix=EULER
// RUN: nmc-opt %s -snn-discretize="dt=0.5 method=exact" | FileCheck %s --check-prefix=EXACT
// RUN: not nmc-opt %s -snn-discretize="dt=1e-12" 2>&1 | FileCheck %s --check-prefix=LONG

// Refractory steps = round(t_ref / dt), halves away from zero, at dt = 0.5:
//   t_ref 0 -> 0, 0.7 -> round(1.4) = 1, 1.25 -> round(2.5) = 3.
// Adaptive threshold, tau_theta = 2: a_theta = 1 - 0.5/2 = 0.75 (euler),
//   exp(-0.25) = 0.77880078307140488 (exact); d_theta is kept as given.
// A neuron without the fields gets none (it then runs as before).
// EULER: snn.discrete_neuron "n"{{.*}}a_theta = dense<7.500000e-01> : tensor<3xf64>{{.*}}d_theta = dense<[1.000000e-01, 2.000000e-01, 0.000000e+00]> : tensor<3xf64>{{.*}}ref_steps = dense<[0, 1, 3]> : tensor<3xi64>
// EULER: snn.discrete_neuron "plain"
// EULER-NOT: ref_steps
// EULER-NOT: theta
// EXACT: snn.discrete_neuron "n"{{.*}}a_theta = dense<0.77880078307140488> : tensor<3xf64>
// At dt = 1e-12, 0.7 time units are 7e11 steps: more than a counter holds.
// LONG: node 'n': t_ref 7.000000e-01 (element 1) is 7.000000e+11 steps of dt = 1.000000e-12, outside [0, 2^31)
snn.graph @g {
  %0 = snn.input "in" -> tensor<3xf32>
  %1 = snn.lif "n"(%0 : tensor<3xf32>) {tau = dense<1.0> : tensor<3xf64>, r = dense<1.0> : tensor<3xf64>, v_leak = dense<0.0> : tensor<3xf64>, v_threshold = dense<1.0> : tensor<3xf64>, v_reset = dense<0.0> : tensor<3xf64>, t_ref = dense<[0.0, 0.7, 1.25]> : tensor<3xf64>, d_theta = dense<[0.1, 0.2, 0.0]> : tensor<3xf64>, tau_theta = dense<2.0> : tensor<3xf64>} -> tensor<3xf32>
  %2 = snn.lif "plain"(%1 : tensor<3xf32>) {tau = dense<1.0> : tensor<3xf64>, r = dense<1.0> : tensor<3xf64>, v_leak = dense<0.0> : tensor<3xf64>, v_threshold = dense<1.0> : tensor<3xf64>, v_reset = dense<0.0> : tensor<3xf64>} -> tensor<3xf32>
  %3 = snn.output "out"(%2 : tensor<3xf32>) -> tensor<3xf32>
}
