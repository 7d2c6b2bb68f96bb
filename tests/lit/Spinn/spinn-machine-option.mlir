// RUN: not nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=nope" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=%S/Inputs/missing.json" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=spin3" -spinn-allocate-keys -spinn-route="machine=spin5" 2>&1 | FileCheck %s --check-prefix=DIFFERENT
// RUN: nmc-opt %s -convert-snn-to-spinn -spinn-partition -spinn-place="machine=spin3" -spinn-allocate-keys -spinn-route="machine=spin3" -spinn-compress-tables | FileCheck %s --check-prefix=SAME

// The machine option names a preset or a JSON file; the first pass records
// it on spinn.mapping and a later pass given another machine fails.
// UNKNOWN: error: spinn-place: option machine=nope: {{.*}}nope
// MISSING: error: spinn-place: option machine={{.*}}missing.json: {{.*}}missing.json
// DIFFERENT: error: spinn-route: option machine=spin5 differs from the machine 'spin3' an earlier pass recorded on spinn.mapping
// SAME: spinn.mapping attributes {key_fields = array<i64: 1, 0, 1>, machine = "{\22name\22:\22spin3\22,
// SAME: spinn.router_table
snn.graph @net attributes {dt = 1.0e-03 : f64, number_format = "s16.15"} {
  %in = snn.input "in" -> tensor<1xf32>
  %fc = snn.linear "fc"(%in : tensor<1xf32>) {weight = dense<0.5> : tensor<2x1xf32>} -> tensor<2xf32>
  %n = snn.discrete_neuron "n"(%fc : tensor<2xf32>) {neuron_type = #snn.neuron_type<LIF>, a_syn = dense<0.0> : tensor<2xf64>, b_syn = dense<0.0> : tensor<2xf64>, a_mem = dense<0.5> : tensor<2xf64>, c_mem_syn = dense<0.0> : tensor<2xf64>, c_mem_in = dense<0.5> : tensor<2xf64>, c_mem_0 = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>, reset = #snn.reset<value>} -> tensor<2xf32>
}
