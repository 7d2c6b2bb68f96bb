// RUN: nmc-opt %s -convert-snn-to-xbar -xbar-tile="tile-rows=4 tile-cols=2" -xbar-place="mesh-width=3 mesh-height=2" | FileCheck %s
// RUN: nmc-opt %s -convert-snn-to-xbar -xbar-tile="tile-rows=4 tile-cols=2" -xbar-place="mesh-width=2 mesh-height=2" -verify-diagnostics
// RUN: not nmc-opt %s -xbar-place="mesh-width=0" 2>&1 | FileCheck %s --check-prefix=NOMESH

// Tiles of 2 logical rows x 2 columns: fc1 (4 in, 4 out) needs 2 x 2 = 4
// tiles, fc2 (4 in, 2 out) 2 x 1 = 2. On a 3x2 mesh, snake order:
//   id 0 (0,0)  1 (1,0)  2 (2,0)    row 0 left to right
//   id 5 (0,1)  4 (1,1)  3 (2,1)    row 1 right to left
// CHECK: xbar.layer "fc1"
// CHECK-NEXT: xbar.tile {col_start = 0 : i64, {{.*}}id = 0 : i64, row_start = 0 : i64, rows = 2 : i64, x = 0 : i64, y = 0 : i64}
// CHECK-NEXT: xbar.tile {col_start = 2 : i64, {{.*}}id = 1 : i64, row_start = 0 : i64, rows = 2 : i64, x = 1 : i64, y = 0 : i64}
// CHECK-NEXT: xbar.tile {col_start = 0 : i64, {{.*}}id = 2 : i64, row_start = 2 : i64, rows = 2 : i64, x = 2 : i64, y = 0 : i64}
// CHECK-NEXT: xbar.tile {col_start = 2 : i64, {{.*}}id = 3 : i64, row_start = 2 : i64, rows = 2 : i64, x = 2 : i64, y = 1 : i64}
// CHECK: xbar.layer "fc2"
// CHECK-NEXT: xbar.tile {{{.*}}id = 4 : i64, row_start = 0 : i64, rows = 2 : i64, x = 1 : i64, y = 1 : i64}
// CHECK-NEXT: xbar.tile {{{.*}}id = 5 : i64, row_start = 2 : i64, rows = 2 : i64, x = 0 : i64, y = 1 : i64}

// NOMESH: error: xbar-place: mesh 0x6 has no tile
snn.graph @net attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<4xf32>
  %fc1 = snn.linear "fc1"(%in : tensor<4xf32>) {weight = dense<0.5> : tensor<4x4xf64>} -> tensor<4xf32>
  %th = snn.threshold "th"(%fc1 : tensor<4xf32>) {threshold = dense<0.5> : tensor<4xf64>} -> tensor<4xf32>
  // On a 2x2 mesh fc1 takes all 4 tiles.
  // expected-error @+1 {{xbar-place: layer 'fc2' needs 2 tiles but only 0 of 4 remain (network needs 6 tiles, chip has 4)}}
  %fc2 = snn.linear "fc2"(%th : tensor<4xf32>) {weight = dense<0.25> : tensor<2x4xf64>} -> tensor<2xf32>
  %out = snn.output "out"(%fc2 : tensor<2xf32>) -> tensor<2xf32>
}
