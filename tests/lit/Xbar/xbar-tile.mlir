// RUN: nmc-opt %s -split-input-file -convert-snn-to-xbar -xbar-tile="tile-rows=256 tile-cols=256 sign=differential" | FileCheck %s
// RUN: nmc-opt %s -split-input-file -convert-snn-to-xbar -xbar-tile="tile-rows=256 tile-cols=256 sign=offset slices=2" | FileCheck %s --check-prefix=OFFSET
// RUN: not nmc-opt %s -split-input-file -convert-snn-to-xbar -xbar-tile="tile-rows=1 sign=differential" 2>&1 | FileCheck %s --check-prefix=TINY

// A 600x300 matrix (snn.linear weight 300x600: 600 inputs, 300 outputs) on
// 256x256 tiles with differential pairs: a tile holds 256/2 = 128 logical
// rows x 256 columns. Rows 600 = 4 x 128 + 88 -> 5 row blocks; columns
// 300 = 256 + 44 -> 2 column blocks; 10 tiles, row blocks outer.
// Utilization = 600*300 / (10 * 128*256) = 180000 / 327680 = 0.54931640625.

// CHECK-LABEL: snn.graph @big
// CHECK: xbar.layer "fc"
// CHECK-SAME: cols = 300 : i64
// CHECK-SAME: rows = 600 : i64
// CHECK-SAME: utilization = 0.54931640625
// CHECK-NEXT: xbar.tile {col_start = 0 : i64, cols = 256 : i64, group = 0 : i64, row_start = 0 : i64, rows = 128 : i64}
// CHECK-NEXT: xbar.tile {col_start = 256 : i64, cols = 44 : i64, group = 0 : i64, row_start = 0 : i64, rows = 128 : i64}
// CHECK-NEXT: xbar.tile {col_start = 0 : i64, cols = 256 : i64, group = 0 : i64, row_start = 128 : i64, rows = 128 : i64}
// CHECK-NEXT: xbar.tile {col_start = 256 : i64, cols = 44 : i64, group = 0 : i64, row_start = 128 : i64, rows = 128 : i64}
// CHECK-NEXT: xbar.tile {col_start = 0 : i64, cols = 256 : i64, group = 0 : i64, row_start = 256 : i64, rows = 128 : i64}
// CHECK-NEXT: xbar.tile {col_start = 256 : i64, cols = 44 : i64, group = 0 : i64, row_start = 256 : i64, rows = 128 : i64}
// CHECK-NEXT: xbar.tile {col_start = 0 : i64, cols = 256 : i64, group = 0 : i64, row_start = 384 : i64, rows = 128 : i64}
// CHECK-NEXT: xbar.tile {col_start = 256 : i64, cols = 44 : i64, group = 0 : i64, row_start = 384 : i64, rows = 128 : i64}
// CHECK-NEXT: xbar.tile {col_start = 0 : i64, cols = 256 : i64, group = 0 : i64, row_start = 512 : i64, rows = 88 : i64}
// CHECK-NEXT: xbar.tile {col_start = 256 : i64, cols = 44 : i64, group = 0 : i64, row_start = 512 : i64, rows = 88 : i64}
// CHECK-NEXT: }

// Offset scheme with 2 slices: 256 logical rows, (256 - 1) / 2 = 127
// columns. Rows 600 = 256 + 256 + 88 -> 3 blocks; columns 300 = 127 + 127
// + 46 -> 3 blocks; 9 tiles, utilization 180000 / (9 * 256*127) =
// 180000 / 292608 = 0.61515748031496065...
// OFFSET-LABEL: snn.graph @big
// OFFSET: utilization = 0.6151574803149606
// OFFSET-COUNT-8: xbar.tile
// OFFSET-NEXT: xbar.tile {col_start = 254 : i64, cols = 46 : i64, group = 0 : i64, row_start = 512 : i64, rows = 88 : i64}
// OFFSET-NEXT: }

// TINY: error: xbar-tile: a 1x256 tile with 1 slice(s) holds no weight (logical block 0x256)
snn.graph @big attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<600xf32>
  %fc = snn.linear "fc"(%in : tensor<600xf32>) {weight = dense<0.5> : tensor<300x600xf64>} -> tensor<300xf32>
  %out = snn.output "out"(%fc : tensor<300xf32>) -> tensor<300xf32>
}

// -----

// Sparse: 4 inputs -> 3 outputs on 4x2 tiles (differential: 2 rows x 2
// columns). Entries: 0->0 (0.5), 2->1 (0.0, stored but zero), 3->2 (-0.25).
// Blocks (rows 0-1, cols 0-1) and (rows 2-3, col 2) hold a nonzero; block
// (rows 2-3, cols 0-1) holds only the zero and gets no tile; (rows 0-1,
// col 2) is empty. Utilization = (2*2 + 2*1) / (2 tiles * 2*2) = 0.75.
// CHECK-LABEL: snn.graph @sparse
// SPARSE-LABEL: snn.graph @sparse
// SPARSE: xbar.layer "sp"
// SPARSE-SAME: utilization = 7.500000e-01
// SPARSE-NEXT: xbar.tile {col_start = 0 : i64, cols = 2 : i64, group = 0 : i64, row_start = 0 : i64, rows = 2 : i64}
// SPARSE-NEXT: xbar.tile {col_start = 2 : i64, cols = 1 : i64, group = 0 : i64, row_start = 2 : i64, rows = 2 : i64}
// SPARSE-NEXT: }
// RUN: nmc-opt %s -split-input-file -convert-snn-to-xbar -xbar-tile="tile-rows=4 tile-cols=2" | FileCheck %s --check-prefix=SPARSE
snn.graph @sparse attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<4xf32>
  %sp = snn.sparse_affine "sp"(%in : tensor<4xf32>) {indptr = dense<[0, 1, 1, 2, 3]> : tensor<5xi64>, indices = dense<[0, 1, 2]> : tensor<3xi64>, weight = dense<[0.5, 0.0, -0.25]> : tensor<3xf64>} -> tensor<3xf32>
  %out = snn.output "out"(%sp : tensor<3xf32>) -> tensor<3xf32>
}
