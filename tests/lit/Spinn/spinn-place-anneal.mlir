// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=%S/Inputs/one-app-core.json" | FileCheck %s --check-prefix=GREEDY
// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=%S/Inputs/one-app-core.json anneal-steps=20000 seed=1" | FileCheck %s --check-prefix=ANNEAL
// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=%S/Inputs/one-app-core.json anneal-steps=20000 seed=2" | FileCheck %s --check-prefix=ANNEAL
// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=%S/Inputs/one-app-core.json anneal-steps=20000 seed=1" > %t.1
// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=%S/Inputs/one-app-core.json anneal-steps=20000 seed=1" > %t.2
// RUN: diff %t.1 %t.2

// A chain in -> a -> b -> ... -> g of 8 one-neuron populations, one
// application core per chip. Greedy: one slice per chip in ring order
// (0,0), (0,1), (1,0), (1,1), (0,2), (1,2), (2,0), (2,1); the chain's hops:
// (0,0)-(0,1) 1, (0,1)-(1,0) 2 (opposite signs: 1 + 1), (1,0)-(1,1) 1,
// (1,1)-(0,2) 2, (0,2)-(1,2) 1, (1,2)-(2,0) 3, (2,0)-(2,1) 1: cost 11.
// GREEDY: spinn.mapping attributes {machine = {{.*}}, placement_cost = 11 : i64}
//
// Annealing over the same 8 chips: 7 links, each at least 1 hop (one slice
// per chip), so 7 is the minimum, and it is reached, e.g. by the path
// (2,0) (1,0) (0,0) (0,1) (0,2) (1,2) (1,1) (2,1). Same seed, same bytes.
// ANNEAL: spinn.mapping attributes {machine = {{.*}}, placement_cost = 7 : i64}
snn.graph @chain attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %wa = snn.linear "wa"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %a = snn.discrete_neuron "a"(%wa : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %wb = snn.linear "wb"(%a : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %b = snn.discrete_neuron "b"(%wb : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %wc = snn.linear "wc"(%b : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %c = snn.discrete_neuron "c"(%wc : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %wd = snn.linear "wd"(%c : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %d = snn.discrete_neuron "d"(%wd : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %we = snn.linear "we"(%d : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %e = snn.discrete_neuron "e"(%we : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %wf = snn.linear "wf"(%e : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %f = snn.discrete_neuron "f"(%wf : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  %wg = snn.linear "wg"(%f : tensor<1xf32>) {weight = dense<0.5> : tensor<1x1xf32>} -> tensor<1xf32>
  %g = snn.discrete_neuron "g"(%wg : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
}
