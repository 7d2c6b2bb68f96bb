// A small feed-forward spiking network for the sfq target: 6 inputs ->
// fc1 (linear, no bias) -> 4 IF neurons -> fc2 -> 2 IF neurons -> out.
// Written as snn MLIR; tests/lit/Examples/sfq_nir_ff.test exports it to
// NIR (nmc-translate --export-nir) and runs the NIR file on sfq next to the
// float reference. convert-snn-to-sfq maps each nonzero weight w to a
// stochastic synapse passing with p = |w| / wmax (wmax = 1 in both layers)
// and each threshold to N = v_threshold / wmax pulses: fc1 thresholds 2
// -> 2 pulses, fc2 thresholds 1 -> 1 pulse.
snn.graph @ff_if {
  %in = snn.input "in" -> tensor<6xf32>
  %fc1 = snn.linear "fc1"(%in : tensor<6xf32>) {weight = dense<[[1.0, 0.5, 0.0, 0.0, 0.25, 0.0], [0.0, 1.0, 0.75, 0.0, 0.0, -0.5], [0.0, 0.0, 0.5, 1.0, 0.0, 0.0], [0.25, 0.0, 0.0, 0.5, 1.0, 0.75]]> : tensor<4x6xf32>} -> tensor<4xf32>
  %h = snn.if "h"(%fc1 : tensor<4xf32>) {r = dense<1.0> : tensor<4xf32>, v_threshold = dense<2.5> : tensor<4xf32>, v_reset = dense<0.0> : tensor<4xf32>} -> tensor<4xf32>
  %fc2 = snn.linear "fc2"(%h : tensor<4xf32>) {weight = dense<[[1.0, 0.5, 0.0, 0.25], [0.0, 0.25, 1.0, 0.75]]> : tensor<2x4xf32>} -> tensor<2xf32>
  %o = snn.if "o"(%fc2 : tensor<2xf32>) {r = dense<1.0> : tensor<2xf32>, v_threshold = dense<0.5> : tensor<2xf32>, v_reset = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
  %out = snn.output "out"(%o : tensor<2xf32>) -> tensor<2xf32>
}
