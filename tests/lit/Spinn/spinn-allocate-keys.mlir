// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-allocate-keys | FileCheck %s

// Three populations: in (2 neurons, 1 slice), n (1000: 256, 256, 256, 232)
// and m (300: 256, 44). Field widths: population ceil(log2 3) = 2, slice
// ceil(log2 4) = 2 (n has the most slices), neuron ceil(log2 256) = 8:
// key = pop << 10 | slice << 8, mask = 0xFFFFFF00 = 4294967040.
// in: 0; n: 1024, 1280, 1536, 1792; m: 2048, 2304.
// CHECK-LABEL: snn.graph @net
// CHECK: spinn.mapping attributes {key_fields = array<i64: 2, 2, 8>}
// CHECK: spinn.population "in"
// CHECK-NEXT: spinn.slice {hi = 2 : i64, key = 0 : i64, lo = 0 : i64, mask = 4294967040 : i64
// CHECK: spinn.population "n"
// CHECK-NEXT: key = 1024 : i64, lo = 0 : i64, mask = 4294967040 : i64
// CHECK-NEXT: key = 1280 : i64, lo = 256 : i64, mask = 4294967040 : i64
// CHECK-NEXT: key = 1536 : i64, lo = 512 : i64, mask = 4294967040 : i64
// CHECK-NEXT: key = 1792 : i64, lo = 768 : i64, mask = 4294967040 : i64
// CHECK: spinn.population "m"
// CHECK-NEXT: key = 2048 : i64, lo = 0 : i64, mask = 4294967040 : i64
// CHECK-NEXT: key = 2304 : i64, lo = 256 : i64, mask = 4294967040 : i64
snn.graph @net attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<0.5> : tensor<1000x2xf32>} -> tensor<1000xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<1000xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<1000xf64>, b_syn = dense<0.0> : tensor<1000xf64>, a_mem = dense<0.5> : tensor<1000xf64>, c_mem_syn = dense<0.0> : tensor<1000xf64>, c_mem_in = dense<0.5> : tensor<1000xf64>, c_mem_0 = dense<0.0> : tensor<1000xf64>, v_threshold = dense<1.0> : tensor<1000xf64>, v_reset = dense<0.0> : tensor<1000xf64>, reset = #snn.reset<value>} -> tensor<1000xf32>
  %fc2 = snn.linear "fc2"(%n : tensor<1000xf32>) {weight = dense<0.25> : tensor<300x1000xf32>} -> tensor<300xf32>
  %m = snn.discrete_neuron "m"(%fc2 : tensor<300xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<300xf64>, b_syn = dense<0.0> : tensor<300xf64>, a_mem = dense<0.5> : tensor<300xf64>, c_mem_syn = dense<0.0> : tensor<300xf64>, c_mem_in = dense<0.5> : tensor<300xf64>, c_mem_0 = dense<0.0> : tensor<300xf64>, v_threshold = dense<1.0> : tensor<300xf64>, v_reset = dense<0.0> : tensor<300xf64>, reset = #snn.reset<value>} -> tensor<300xf32>
}
