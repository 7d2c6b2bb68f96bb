// RUN: nmc-opt %s --verify-roundtrip | FileCheck %s
// RUN: nmc-opt %s -mlir-print-op-generic | nmc-opt | FileCheck %s
// Every value of the snn enum attributes prints and parses back as itself,
// in the custom and in the generic op form.

// CHECK-LABEL: snn.graph @exact_subtract attributes {dt = 5.000000e-04 : f64, method = #snn.method<exact>, reset = #snn.reset<subtract>}
snn.graph @exact_subtract attributes {dt = 5.0e-4 : f64, method = #snn.method<exact>, reset = #snn.reset<subtract>} {
  %in = snn.input "in" -> tensor<1xf32>
  // CHECK: snn.discrete_neuron "i"{{.*}}neuron_type = #snn.neuron_type<I>, reset = #snn.reset<value>
  %n0 = snn.discrete_neuron "i"(%in : tensor<1xf32>) {neuron_type = #snn.neuron_type<I>, reset = #snn.reset<value>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  // CHECK: snn.discrete_neuron "if"{{.*}}neuron_type = #snn.neuron_type<IF>, reset = #snn.reset<subtract>
  %n1 = snn.discrete_neuron "if"(%n0 : tensor<1xf32>) {neuron_type = #snn.neuron_type<IF>, reset = #snn.reset<subtract>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  // CHECK: snn.discrete_neuron "li"{{.*}}neuron_type = #snn.neuron_type<LI>, reset = #snn.reset<value>
  %n2 = snn.discrete_neuron "li"(%n1 : tensor<1xf32>) {neuron_type = #snn.neuron_type<LI>, reset = #snn.reset<value>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  // CHECK: snn.discrete_neuron "lif"{{.*}}neuron_type = #snn.neuron_type<LIF>, reset = #snn.reset<value>
  %n3 = snn.discrete_neuron "lif"(%n2 : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, reset = #snn.reset<value>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  // CHECK: snn.discrete_neuron "cubali"{{.*}}neuron_type = #snn.neuron_type<CubaLI>, reset = #snn.reset<subtract>
  %n4 = snn.discrete_neuron "cubali"(%n3 : tensor<1xf32>) {neuron_type = #snn.neuron_type<CubaLI>, reset = #snn.reset<subtract>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  // CHECK: snn.discrete_neuron "cubalif"{{.*}}neuron_type = #snn.neuron_type<CubaLIF>, reset = #snn.reset<subtract>
  %n5 = snn.discrete_neuron "cubalif"(%n4 : tensor<1xf32>) {neuron_type = #snn.neuron_type<CubaLIF>, reset = #snn.reset<subtract>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<1.0> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<1.0> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>} -> tensor<1xf32>
  %out = snn.output "out"(%n5 : tensor<1xf32>) -> tensor<1xf32>
}

// CHECK-LABEL: snn.graph @euler_value attributes {method = #snn.method<euler>, reset = #snn.reset<value>}
snn.graph @euler_value attributes {method = #snn.method<euler>, reset = #snn.reset<value>} {
  %in = snn.input "in" -> tensor<1xf32>
}
