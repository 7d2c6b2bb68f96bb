// RUN: nmc-opt %s -spinn-compress-tables="target=2" -verify-diagnostics

// Three keys with three different routes cannot share entries: 3 is the
// best any compressor can reach, more than the 2 allowed. The sources tag
// entries with the sending population (index 0 = in, 1 = a); the error
// lists the population pairs, most entries first.
snn.graph @impossible {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "a", n_pre = 2, n_post = 3, indptr = dense<[0, 3, 4]> : tensor<3xi64>, indices = dense<[0, 1, 2, 1]> : tensor<4xi64>, synapse_types = dense<0> : tensor<4xi32>, codes = dense<16384> : tensor<4xi32>, weights = dense<0.5> : tensor<4xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<3xf32>
  %a = snn.discrete_neuron "a"(%fc : tensor<3xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<3xf64>, b_syn = dense<0.0> : tensor<3xf64>, a_mem = dense<0.5> : tensor<3xf64>, c_mem_syn = dense<0.0> : tensor<3xf64>, c_mem_in = dense<0.5> : tensor<3xf64>, c_mem_0 = dense<0.0> : tensor<3xf64>, v_threshold = dense<1.0> : tensor<3xf64>, v_reset = dense<0.0> : tensor<3xf64>, reset = #snn.reset<value>} -> tensor<3xf32>
  %fc2 = spinn.projection "fc2"(%a : tensor<3xf32>) {pre = "a", post = "b", n_pre = 3, n_post = 1, indptr = dense<[0, 0, 1, 1]> : tensor<4xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<16384> : tensor<1xi32>, weights = dense<0.5> : tensor<1xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
  %b = snn.discrete_neuron "b"(%fc2 : tensor<1xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1xf64>, b_syn = dense<0.0> : tensor<1xf64>, a_mem = dense<0.5> : tensor<1xf64>, c_mem_syn = dense<0.0> : tensor<1xf64>, c_mem_in = dense<0.5> : tensor<1xf64>, c_mem_0 = dense<0.0> : tensor<1xf64>, v_threshold = dense<1.0> : tensor<1xf64>, v_reset = dense<0.0> : tensor<1xf64>, reset = #snn.reset<value>} -> tensor<1xf32>
  spinn.mapping {
    spinn.population "in" attributes {kind = #spinn.kind<source>, size = 2} {
    }
    spinn.population "a" attributes {kind = #spinn.kind<neuron>, size = 3} {
    }
    spinn.population "b" attributes {kind = #spinn.kind<neuron>, size = 1} {
    }
    // expected-error @below {{spinn-compress-tables: chip (1, 2): 3 entries, at best 3 after compression, more than the 2 available; sources: 'a' -> 'b' (2), 'in' -> 'a' (1)}}
    spinn.router_table {x = 1, y = 2, entries = array<i64: 0, 4294967295, 256, 8, 4294967295, 512, 10, 4294967295, 1024>, sources = array<i64: 0, 1, 1>}
  }
}

