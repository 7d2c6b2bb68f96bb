// RUN: nmc-opt %s -split-input-file -convert-snn-to-spinn -spinn-partition=dtcm-bytes=3000 -verify-diagnostics

// Even one neuron does not fit: state 44 + ring 2^(1+1+1) * 2 = 16 (one
// index bit at least, one delay bit for D = 1) + input buffer 1024 + DMA
// buffers 2072 + population table 1 * 24 = 3180 B > 3000.
snn.graph @g attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<256x1xf32>} -> tensor<256xf32>
  // expected-error @+1 {{spinn-partition: population 'n': one neuron needs 3180 B of DTCM (neuron state 44, ring buffers 16, input buffer 1024, DMA buffers 2072, population table 24), above dtcm-bytes 3000}}
  %n = snn.discrete_neuron "n"(%fc : tensor<256xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<256xf64>, b_syn = dense<0.0> : tensor<256xf64>, a_mem = dense<0.5> : tensor<256xf64>, c_mem_syn = dense<0.0> : tensor<256xf64>, c_mem_in = dense<0.5> : tensor<256xf64>, c_mem_0 = dense<0.0> : tensor<256xf64>, v_threshold = dense<1.0> : tensor<256xf64>, v_reset = dense<0.0> : tensor<256xf64>, reset = #snn.reset<value>} -> tensor<256xf32>
}

