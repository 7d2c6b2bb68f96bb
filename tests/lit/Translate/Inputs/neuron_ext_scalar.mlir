// A CubaLIF node whose NIR metadata holds a scalar nmc refractory period
// (as h5py writes a Python float) next to a user's own entry.
snn.graph @scalar {
  %0 = snn.input "in" -> tensor<2xf32>
  %1 = snn.cubalif "c"(%0 : tensor<2xf32>) {tau_syn = dense<1.0> : tensor<2xf32>, tau_mem = dense<1.0> : tensor<2xf32>, r = dense<1.0> : tensor<2xf32>, v_leak = dense<0.0> : tensor<2xf32>, v_threshold = dense<1.0> : tensor<2xf32>, v_reset = dense<0.0> : tensor<2xf32>, w_in = dense<1.0> : tensor<2xf32>, "nir.metadata" = {"nmc/t_ref" = 3.0 : f64, "other" = "kept"}} -> tensor<2xf32>
  %2 = snn.output "out"(%1 : tensor<2xf32>) -> tensor<2xf32>
}
