// RUN: nmc-opt %s | nmc-opt | FileCheck %s

// A fully mapped layer round-trips: kind, matrix, tile levels, placement,
// routes and the periphery attribute survive printing and parsing.
// CHECK-LABEL: snn.graph @g
// CHECK: %[[L:.*]] = xbar.layer "fc"(%{{.*}} : tensor<2xf32>) {bias = dense<1.000000e+00> : tensor<1xf64>, clipped = 0 : i64, cols = 1 : i64, groups = 1 : i64, kind = #xbar.kind<dense>, matrix = dense<{{\[}}[5.000000e-01], [-2.500000e-01]]> : tensor<2x1xf64>, max_level = 15 : i64, rows = 2 : i64, scale = 2.500000e-01 : f64, utilization = 1.000000e+00 : f64, zeroed = 0 : i64} -> tensor<1xf32> {
// CHECK-NEXT: xbar.tile {adc_full_scale = 2.000000e+00 : f64, col_start = 0 : i64, cols = 1 : i64, group = 0 : i64, id = 0 : i64, levels = dense<{{\[}}[2], [-1]]> : tensor<2x1xi32>, row_start = 0 : i64, rows = 2 : i64, x = 0 : i64, y = 0 : i64}
// CHECK-NEXT: xbar.route {begin = 0 : i64, end = 2 : i64, from_tile = -1 : i64, hops = 0 : i64, source = "in", to_tile = 0 : i64}
// CHECK-NEXT: }
// CHECK: snn.output "out"(%[[L]] : tensor<1xf32>) {xbar.periphery = array<i64: 0, 1, 0>}
snn.graph @g attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = xbar.layer "fc"(%in : tensor<2xf32>) {kind = #xbar.kind<dense>, rows = 2, cols = 1, groups = 1, matrix = dense<[[0.5], [-0.25]]> : tensor<2x1xf64>, bias = dense<[1.0]> : tensor<1xf64>, utilization = 1.0, scale = 0.25, max_level = 15, clipped = 0, zeroed = 0} -> tensor<1xf32> {
    xbar.tile {group = 0, row_start = 0, rows = 2, col_start = 0, cols = 1, levels = dense<[[2], [-1]]> : tensor<2x1xi32>, adc_full_scale = 2.0, id = 0, x = 0, y = 0}
    xbar.route {source = "in", begin = 0, end = 2, from_tile = -1, to_tile = 0, hops = 0}
  }
  %out = snn.output "out"(%fc : tensor<1xf32>) {xbar.periphery = array<i64: 0, 1, 0>} -> tensor<1xf32>
}

// A sparse and a conv layer without tiles.
// CHECK-LABEL: snn.graph @kinds
// CHECK: xbar.layer "sp"{{.*}}kind = #xbar.kind<sparse>
// CHECK: xbar.layer "cv"{{.*}}kind = #xbar.kind<conv>
snn.graph @kinds attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<3xf32>
  %sp = xbar.layer "sp"(%in : tensor<3xf32>) {kind = #xbar.kind<sparse>, rows = 3, cols = 2, groups = 1, indptr = dense<[0, 1, 1, 2]> : tensor<4xi64>, indices = dense<[1, 0]> : tensor<2xi64>, values = dense<[0.5, 0.25]> : tensor<2xf64>} -> tensor<2xf32> {
  }
  %img = snn.input "img" -> tensor<1x3xf32>
  %cv = xbar.layer "cv"(%img : tensor<1x3xf32>) {kind = #xbar.kind<conv>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>, kernel = array<i64: 2>, stride = array<i64: 1>, dilation = array<i64: 1>, pad_lo = array<i64: 0>, pad_hi = array<i64: 0>, bias = dense<0.0> : tensor<1xf64>} -> tensor<1x2xf32> {
  }
}
