// RUN: nmc-opt %s -split-input-file -verify-diagnostics

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': weight code 70000 outside [0, 65535]}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<70000> : tensor<1xi32>, weights = dense<1.0> : tensor<1xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': target index 1 outside [0, 1)}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<1> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<7> : tensor<1xi32>, weights = dense<1.0> : tensor<1xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': synapse type 2 is neither 0 (excitatory) nor 1 (inhibitory)}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<2> : tensor<1xi32>, codes = dense<7> : tensor<1xi32>, weights = dense<1.0> : tensor<1xf64>, delay_steps = dense<1> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': delay_steps needs 1 entry or one per synapse (1), has 2}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<7> : tensor<1xi32>, weights = dense<1.0> : tensor<1xf64>, delay_steps = dense<[0, 1]> : tensor<2xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{population 'p': slice [5, 10) does not start where the previous one ends (4): slices must cover [0, 10) in order without gaps or overlap}}
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 10} {
      spinn.slice {lo = 0, hi = 4}
      spinn.slice {lo = 5, hi = 10}
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{population 'p': slice [3, 10) does not start where the previous one ends (4)}}
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 10} {
      spinn.slice {lo = 0, hi = 4}
      spinn.slice {lo = 3, hi = 10}
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{population 'p': slices end at 8 but the population has 10 neurons}}
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 10} {
      spinn.slice {lo = 0, hi = 8}
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 10} {
      // expected-error @+1 {{slice [4, 4) needs 0 <= lo < hi}}
      spinn.slice {lo = 4, hi = 4}
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{population 's': a source population has no ring-buffer shifts}}
    spinn.population "s" attributes {kind = #spinn.kind<source>, size = 10, shift_exc = 1} {
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{population 'p': ring-buffer shift 17 outside [0, 16]}}
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 10, shift_exc = 17, shift_inh = 0} {
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 10} {
    }
    // expected-error @+1 {{duplicate population 'p'}}
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 3} {
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 10} {
      // expected-error @+1 {{key 3 has bits outside mask 4294967040}}
      spinn.slice {lo = 0, hi = 10, key = 3, mask = 4294967040}
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 10} {
      // expected-error @+1 {{a placed slice needs all of x, y and p}}
      spinn.slice {lo = 0, hi = 10, x = 0, y = 0}
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{entries must be (key, mask, route) triples}}
    spinn.router_table {x = 0, y = 0, entries = array<i64: 1, 2>}
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{defaultable has 1 flags for 2 entries}}
    spinn.router_table {x = 0, y = 0, entries = array<i64: 0, 4294967295, 1, 1, 4294967295, 2>, defaultable = array<i1: true>}
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{sources has 3 tags for 2 entries}}
    spinn.router_table {x = 0, y = 0, entries = array<i64: 0, 4294967295, 1, 1, 4294967295, 2>, sources = array<i64: 0, 0, 0>}
  }
}

// -----

snn.graph @g {
  // expected-error @+1 {{key_fields needs 3 widths >= 0 summing to <= 32}}
  spinn.mapping attributes {key_fields = array<i64: 8, 8, 17>} {
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': hardware delay 0 is below 1 (SpiNNaker delivers a spike a tick later at the earliest)}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<7> : tensor<1xi32>, weights = dense<1.0> : tensor<1xf64>, delay_steps = dense<0> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': a connector-form projection has no indptr, indices, synapse_types, codes, weights or delay_steps}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, connector = {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 1, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1}, delay_offset = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g attributes {dt = 1.0e-03 : f64} {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': delay_offset 0 + the smallest connector delay 0 steps must be >= 1 (hardware delays are >= 1)}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, connector = {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 1, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1}, delay_offset = 0, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

// Connector delays are seconds: without the graph's dt there are no steps.
snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': a connector-form projection needs the dt of its snn.graph (its delays are seconds)}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, connector = {rule = #snn.rule<all_to_all>, n_pre = 2, n_post = 1, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1}, delay_offset = 0, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': connector: fixed_number_pre needs n}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, connector = {rule = #snn.rule<fixed_number_pre>, n_pre = 2, n_post = 1, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1}, delay_offset = 1, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': connector: connector n_pre x n_post differs from the projection's}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, connector = {rule = #snn.rule<all_to_all>, n_pre = 3, n_post = 1, weight_distribution = #snn.dist<constant>, weight = array<f64: 0.5>, seed = 1}, delay_offset = 1, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': needs indptr, indices, synapse_types, codes, weights and delay_steps, or a connector}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  spinn.mapping {
    // expected-error @+1 {{population 'p': a source population has latency 0, not 2}}
    spinn.population "p" attributes {kind = #spinn.kind<source>, size = 10, latency = 2} {
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    spinn.population "p" attributes {kind = #spinn.kind<neuron>, size = 256} {
      // expected-error @+1 {{delay_bits 6 outside [1, 5] (a slice of 256 neurons has 8 index bits, 1 type bit, ring buffer <= 14 bits)}}
      spinn.slice {lo = 0, hi = 256, delay_bits = 6}
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    spinn.population "p" attributes {kind = #spinn.kind<source>, size = 4} {
      // expected-error @+1 {{ext_keys has 9 stage keys; a delay extension has 1..8 stages (spinnaker.md §A.5)}}
      spinn.slice {lo = 0, hi = 4, ext_stage_ticks = 31, ext_keys = array<i64: 1, 2, 3, 4, 5, 6, 7, 8, 9>}
    }
  }
}

// -----

snn.graph @g {
  spinn.mapping {
    spinn.population "p" attributes {kind = #spinn.kind<source>, size = 4} {
      // expected-error @+1 {{ext_x/ext_y/ext_p and ext_keys belong to a delay extension: they need ext_stage_ticks}}
      spinn.slice {lo = 0, hi = 4, ext_x = 0, ext_y = 0, ext_p = 3}
    }
  }
}
