// RUN: nmc-opt %s --snn-lower="dt=0.001 method=exact" | FileCheck %s
// RUN: nmc-opt %s --snn-lower | FileCheck %s --check-prefix=DEFAULT
// RUN: nmc-opt %s --snn-lower="reset=subtract" | FileCheck %s --check-prefix=SUBTRACT
// RUN: not nmc-opt %s --snn-lower="method=rk4" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: nmc-opt %s --snn-lower --dump-pass-pipeline 2>&1 >/dev/null | FileCheck %s --check-prefix=PIPELINE

// The subgraph is inlined ("sub." names); the Flatten of a vector only
// becomes a known identity once shapes are inferred, then canonicalize
// removes it and the Scale by 1; the LIF and the Delay are discretized.
//
// Hand-computed, dt = 1 ms, exact, LIF tau = 10 ms, r = 1, v_leak = 0:
//   a_mem = exp(-0.1) = 0.9048374180359595, c_mem_in = 1 - a = 0.0951625819640404
//   delay 3 ms = 3 steps.
// Defaults (NeuronModel.h): dt = 0.1 ms, euler: a_mem = 1 - 0.01 = 0.99
//   (0.98999999999999999 in doubles), c_mem_in = 0.01; delay 30 steps.

// CHECK-LABEL: snn.graph @net attributes {dt = 1.000000e-03 : f64, method = #snn.method<exact>, reset = #snn.reset<value>}
// CHECK-NEXT: %[[IN:.*]] = snn.input "in" -> tensor<4xf32>
// CHECK-NEXT: %[[LIF:.*]] = snn.discrete_neuron "sub.lif"(%[[IN]] : tensor<4xf32>) {a_mem = dense<0.90483741803595952> : tensor<4xf64>, {{.*}}c_mem_in = dense<0.095162581964040{{[0-9]*}}> : tensor<4xf64>, {{.*}}neuron_type = #snn.neuron_type<LIF>, reset = #snn.reset<value>
// CHECK-NEXT: %[[D:.*]] = snn.discrete_delay "sub.d"(%[[LIF]] : tensor<4xf32>) {steps = dense<3> : tensor<4xi64>} -> tensor<4xf32>
// CHECK-NEXT: snn.output "out"(%[[D]] : tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: }
// DEFAULT-LABEL: snn.graph @net attributes {dt = 1.000000e-04 : f64, method = #snn.method<euler>, reset = #snn.reset<value>}
// DEFAULT: snn.discrete_neuron "sub.lif"{{.*}}a_mem = dense<0.98999999999999999> : tensor<4xf64>, {{.*}}c_mem_in = dense<1.000000e-02> : tensor<4xf64>
// DEFAULT: snn.discrete_delay "sub.d"{{.*}}steps = dense<30>
// SUBTRACT-LABEL: snn.graph @net attributes {dt = 1.000000e-04 : f64, method = #snn.method<euler>, reset = #snn.reset<subtract>}
// SUBTRACT: neuron_type = #snn.neuron_type<LIF>, reset = #snn.reset<subtract>
// BAD: for the --method option: Cannot find option named 'rk4'!
// PIPELINE: snn.graph(snn-inline-subgraphs,snn-infer-shapes,canonicalize{{.*}},snn-discretize{dt=1.000000e-04 method=euler reset=value})
snn.graph @net {
  %in = snn.input "in" -> tensor<4xf32>
  %sub = snn.subgraph "sub"(%in : tensor<4xf32>) -> tensor<*xf32> {
    %si = snn.input "input" -> tensor<4xf32>
    %flat = snn.flatten "flat"(%si : tensor<4xf32>) {start_dim = 0, end_dim = -1} -> tensor<*xf32>
    %one = snn.scale "one"(%flat : tensor<*xf32>) {scale = dense<1.0> : tensor<4xf32>} -> tensor<*xf32>
    %lif = snn.lif "lif"(%one : tensor<*xf32>) {tau = dense<0.01> : tensor<4xf64>, r = dense<1.0> : tensor<4xf64>, v_leak = dense<0.0> : tensor<4xf64>, v_threshold = dense<1.0> : tensor<4xf64>, v_reset = dense<0.0> : tensor<4xf64>} -> tensor<4xf32>
    %d = snn.delay "d"(%lif : tensor<4xf32>) {delay = dense<0.003> : tensor<4xf64>} -> tensor<4xf32>
    %so = snn.output "output"(%d : tensor<4xf32>) -> tensor<4xf32>
  }
  %out = snn.output "out"(%sub : tensor<*xf32>) -> tensor<*xf32>
}
