// RUN: nmc-opt %s -split-input-file -spinn-allocate-keys -verify-diagnostics

// Slices of 2^31 neurons need 31 neuron bits; 2 slices 1 bit; 2
// populations 1 bit: 33 > 32.
snn.graph @too_wide {
  // expected-error @below {{spinn-allocate-keys: routing keys need 33 bits, more than 32: population 1 (2 populations, 0 delay stage keys) + slice 1 (up to 2 slices) + neuron 31 (slices of up to 2147483648 neurons)}}
  spinn.mapping {
    spinn.population "a" attributes {kind = #spinn.kind<source>, size = 4294967296} {
      spinn.slice {lo = 0, hi = 2147483648}
      spinn.slice {lo = 2147483648, hi = 4294967296}
    }
    spinn.population "b" attributes {kind = #spinn.kind<source>, size = 1} {
      spinn.slice {lo = 0, hi = 1}
    }
  }
}

// -----

snn.graph @unsliced {
  spinn.mapping {
    // expected-error @below {{spinn-allocate-keys: population 'a' has no slices; run spinn-partition first}}
    spinn.population "a" attributes {kind = #spinn.kind<source>, size = 3} {
    }
  }
}
