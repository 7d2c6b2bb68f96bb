// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition="neurons-per-core=250" -spinn-place="machine=%S/Inputs/one-chip.json" -verify-diagnostics

// One chip of 4 cores, 2 of them monitors: 2 application cores for
// 3 slices (in, n[0,250), n[250,500)).
// expected-error @below {{spinn-place: the network needs 3 cores (one per slice) but machine 'one-chip' has 2 application cores (1 chips x 2, 123469792 B usable SDRAM per chip); 2 slices were placed when it ran out}}
snn.graph @too_big attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<500x1xf32>} -> tensor<500xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<500xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<500xf64>, b_syn = dense<0.0> : tensor<500xf64>, a_mem = dense<0.5> : tensor<500xf64>, c_mem_syn = dense<0.0> : tensor<500xf64>, c_mem_in = dense<0.5> : tensor<500xf64>, c_mem_0 = dense<0.0> : tensor<500xf64>, v_threshold = dense<1.0> : tensor<500xf64>, v_reset = dense<0.0> : tensor<500xf64>, reset = #snn.reset<value>} -> tensor<500xf32>
}
