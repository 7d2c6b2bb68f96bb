// An IF node of 3 neurons whose nmc refractory period has 2 values.
snn.graph @shape {
  %0 = snn.input "in" -> tensor<3xf32>
  %1 = snn.if "if"(%0 : tensor<3xf32>) {r = dense<1.0> : tensor<3xf32>, v_threshold = dense<1.0> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>, "nir.metadata" = {"nmc/t_ref" = dense<[1.0, 2.0]> : tensor<2xf32>, "other" = "kept"}} -> tensor<3xf32>
  %2 = snn.output "out"(%1 : tensor<3xf32>) -> tensor<3xf32>
}
