// tau_plus written as a string. (docs/nir-support.md, "nmc extension: STDP")
snn.graph @g {
  %0 = snn.input "in" -> tensor<2xf32>
  %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<0.5> : tensor<1x2xf32>, "nir.metadata" = {"nmc/stdp/pairing" = "all_pair", "nmc/stdp/dependence" = "additive", "nmc/stdp/tau_plus" = "fast", "nmc/stdp/tau_minus" = 2.0e-02 : f64, "nmc/stdp/a_plus" = 1.0e-02 : f64, "nmc/stdp/a_minus" = 1.0e-02 : f64, "nmc/stdp/w_min" = 0.0 : f64, "nmc/stdp/w_max" = 1.0 : f64}} -> tensor<1xf32>
  %2 = snn.if "n"(%1 : tensor<1xf32>) {r = dense<1.0> : tensor<1xf32>, v_threshold = dense<1.0> : tensor<1xf32>, v_reset = dense<0.0> : tensor<1xf32>} -> tensor<1xf32>
}
