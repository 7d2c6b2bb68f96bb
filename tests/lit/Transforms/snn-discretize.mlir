// RUN: nmc-opt %s -snn-discretize="dt=0.001 method=euler" | FileCheck %s --check-prefix=EULER
// RUN: nmc-opt %s -snn-discretize="dt=0.001 method=exact reset=subtract" | FileCheck %s --check-prefix=EXACT
// RUN: nmc-opt %s -snn-discretize | FileCheck %s --check-prefix=DEFAULT
// Unknown enum values are refused while the options are parsed.
// RUN: not nmc-opt %s -snn-discretize="dt=0.001 method=rk4" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not nmc-opt %s -snn-discretize="reset=zero" 2>&1 | FileCheck %s --check-prefix=BADRESET
// RUN: not nmc-opt %s -snn-discretize="dt=-1" 2>&1 | FileCheck %s --check-prefix=BADDT

// Hand-computed coefficients, dt = 1 ms:
//  LIF tau = 10 ms, r = 2, v_leak = 0.5:
//    euler: a = 1 - 0.1 = 0.9, c_in = 0.1*2 = 0.2, c0 = 0.1*0.5 = 0.05
//    exact: a = exp(-0.1) = 0.904837418035959..., c_in = (1-a)*2 = 0.190325163928081...
//  IF r = 3: a = 1, c_in = dt*r = 0.003 (both methods)
//  Delay 2.6 ms -> round(2.6) = 3 steps.
// Defaults (NeuronModel.h): dt = 0.1 ms, euler, value:
//  LIF: a = 1 - 0.01 = 0.99 (0.98999999999999999 in doubles),
//       c_in = 0.01*2 = 0.02; delay 2.6 ms = 26 steps.

// EULER-LABEL: snn.graph @g attributes {dt = 1.000000e-03 : f64, method = #snn.method<euler>, reset = #snn.reset<value>}
// EXACT-LABEL: snn.graph @g attributes {dt = 1.000000e-03 : f64, method = #snn.method<exact>, reset = #snn.reset<subtract>}
// DEFAULT-LABEL: snn.graph @g attributes {dt = 1.000000e-04 : f64, method = #snn.method<euler>, reset = #snn.reset<value>}
snn.graph @g {
  %in = snn.input "in" -> tensor<1xf32>
  // EULER: snn.discrete_neuron "lif"{{.*}}a_mem = dense<9.000000e-01> : tensor<1xf64>, {{.*}}c_mem_0 = dense<5.000000e-02> : tensor<1xf64>, c_mem_in = dense<2.000000e-01> : tensor<1xf64>{{.*}}neuron_type = #snn.neuron_type<LIF>, reset = #snn.reset<value>
  // EXACT: snn.discrete_neuron "lif"{{.*}}a_mem = dense<0.90483741803595952> : tensor<1xf64>{{.*}}c_mem_in = dense<0.19032516392808096> : tensor<1xf64>{{.*}}neuron_type = #snn.neuron_type<LIF>, reset = #snn.reset<subtract>
  // DEFAULT: snn.discrete_neuron "lif"{{.*}}a_mem = dense<0.98999999999999999> : tensor<1xf64>{{.*}}c_mem_in = dense<2.000000e-02> : tensor<1xf64>
  %l = snn.lif "lif"(%in : tensor<1xf32>) {tau = dense<0.01> : tensor<1xf64>, r = dense<2.0> : tensor<1xf64>, v_leak = dense<0.5> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  // EULER: snn.discrete_neuron "if"{{.*}}a_mem = dense<1.000000e+00> : tensor<1xf64>{{.*}}c_mem_in = dense<3.000000e-03> : tensor<1xf64>{{.*}}neuron_type = #snn.neuron_type<IF>
  %f = snn.if "if"(%l : tensor<1xf32>) {r = dense<3.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  // EULER: snn.discrete_delay "d"{{.*}}steps = dense<3> : tensor<1xi64>
  // DEFAULT: snn.discrete_delay "d"{{.*}}steps = dense<26> : tensor<1xi64>
  %d = snn.delay "d"(%f : tensor<1xf32>) {delay = dense<0.0026> : tensor<1xf64>} -> tensor<1xf32>
  %o = snn.output "out"(%d : tensor<1xf32>) -> tensor<1xf32>
}
// BAD: for the --method option: Cannot find option named 'rk4'!
// BADRESET: for the --reset option: Cannot find option named 'zero'!
// BADDT: snn-discretize: dt must be a positive number, got -1
