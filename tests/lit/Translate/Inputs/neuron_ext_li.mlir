// An LI node carrying an nmc refractory period in its NIR metadata.
snn.graph @li {
  %0 = snn.input "in" -> tensor<1xf32>
  %1 = snn.li "li"(%0 : tensor<1xf32>) {tau = dense<1.0> : tensor<1xf32>, r = dense<1.0> : tensor<1xf32>, v_leak = dense<0.0> : tensor<1xf32>, "nir.metadata" = {"nmc/t_ref" = dense<1.0> : tensor<1xf32>}} -> tensor<1xf32>
  %2 = snn.output "out"(%1 : tensor<1xf32>) -> tensor<1xf32>
}
