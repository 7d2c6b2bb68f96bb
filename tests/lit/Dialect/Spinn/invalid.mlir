// RUN: nmc-opt %s -split-input-file -verify-diagnostics

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': weight code 70000 outside [0, 65535]}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<70000> : tensor<1xi32>, weights = dense<1.0> : tensor<1xf64>, delay_steps = dense<0> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': target index 1 outside [0, 1)}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<1> : tensor<1xi64>, synapse_types = dense<0> : tensor<1xi32>, codes = dense<7> : tensor<1xi32>, weights = dense<1.0> : tensor<1xf64>, delay_steps = dense<0> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{projection 'fc': synapse type 2 is neither 0 (excitatory) nor 1 (inhibitory)}}
  %fc = spinn.projection "fc"(%in : tensor<2xf32>) {pre = "in", post = "n", n_pre = 2, n_post = 1, indptr = dense<[0, 1, 1]> : tensor<3xi64>, indices = dense<0> : tensor<1xi64>, synapse_types = dense<2> : tensor<1xi32>, codes = dense<7> : tensor<1xi32>, weights = dense<1.0> : tensor<1xf64>, delay_steps = dense<0> : tensor<1xi64>, zeroed = 0, saturated = 0} -> tensor<1xf32>
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
