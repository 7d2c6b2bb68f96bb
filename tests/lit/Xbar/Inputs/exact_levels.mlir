// A network whose weights are exact crossbar levels: in each layer the
// largest |w| is 15 (the top level of rram-256's 4-bit devices) times a
// power of two, and every weight is a multiple of it, so mapping loses
// nothing and the crossbar must compute what reference-fixed computes.
//   fc1:  scale 1.875 / 15 = 0.125     fc2: scale 0.9375 / 15 = 0.0625
//   rec:  scale 0.46875 / 15 = 0.03125 (recurrent, delayed edge)
snn.graph @exact {
  %in = snn.input "in" -> tensor<6xf32>
  %fc1 = snn.linear "fc1"(%in : tensor<6xf32>) {weight = dense<[[1.875, -0.5, 0.25, 0.0, 1.0, -1.25], [0.125, 1.5, -1.875, 0.75, 0.0, 0.5], [-0.25, 0.375, 1.25, 1.75, -0.625, 0.0], [1.0, 1.0, 1.0, -1.0, -1.0, 0.875], [0.0, -0.125, 0.5, 1.625, 1.125, 0.25]]> : tensor<5x6xf32>} -> tensor<5xf32>
  %rec = snn.linear "rec"(%lif1 : tensor<5xf32>) {weight = dense<[[0.0, 0.125, -0.46875, 0.0625, 0.25], [0.3125, 0.0, 0.03125, -0.125, 0.0], [0.0, 0.40625, 0.0, 0.0, -0.21875], [-0.0625, 0.0, 0.1875, 0.0, 0.46875], [0.09375, -0.34375, 0.0, 0.28125, 0.0]]> : tensor<5x5xf32>} -> tensor<5xf32>
  %lif1 = snn.lif "lif1"(%fc1, %rec : tensor<5xf32>, tensor<5xf32>) {tau = dense<4.0> : tensor<5xf32>, r = dense<2.0> : tensor<5xf32>, v_leak = dense<0.0> : tensor<5xf32>, v_threshold = dense<0.5> : tensor<5xf32>, v_reset = dense<0.0> : tensor<5xf32>} -> tensor<5xf32>
  %fc2 = snn.affine "fc2"(%lif1 : tensor<5xf32>) {weight = dense<[[0.9375, -0.25, 0.5, 0.0625, 0.75], [-0.5, 0.875, 0.3125, 0.6875, -0.125], [0.25, 0.5, -0.9375, 0.8125, 0.4375]]> : tensor<3x5xf32>, bias = dense<[0.01, 0.0, -0.02]> : tensor<3xf32>} -> tensor<3xf32>
  %lif2 = snn.lif "lif2"(%fc2 : tensor<3xf32>) {tau = dense<3.0> : tensor<3xf32>, r = dense<3.0> : tensor<3xf32>, v_leak = dense<0.0> : tensor<3xf32>, v_threshold = dense<0.5> : tensor<3xf32>, v_reset = dense<0.0> : tensor<3xf32>} -> tensor<3xf32>
  %out = snn.output "out"(%lif2 : tensor<3xf32>) -> tensor<3xf32>
}
