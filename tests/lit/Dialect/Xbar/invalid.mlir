// RUN: nmc-opt %s -split-input-file -verify-diagnostics

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{layer 'fc': matrix must be (groups*rows) x cols = 2x1}}
  %fc = xbar.layer "fc"(%in : tensor<2xf32>) {kind = #xbar.kind<dense>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<1x2xf64>} -> tensor<1xf32> {
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<3xf32>
  // expected-error @+1 {{layer 'fc': input has 3 elements but the matrix has 2 rows}}
  %fc = xbar.layer "fc"(%in : tensor<3xf32>) {kind = #xbar.kind<dense>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>} -> tensor<1xf32> {
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<3xf32>
  // expected-error @+1 {{layer 'sp': column index 2 outside [0, 2)}}
  %sp = xbar.layer "sp"(%in : tensor<3xf32>) {kind = #xbar.kind<sparse>, rows = 3, cols = 2, groups = 1, indptr = dense<[0, 1, 1, 2]> : tensor<4xi64>, indices = dense<[1, 2]> : tensor<2xi64>, values = dense<[0.5, 0.25]> : tensor<2xf64>} -> tensor<2xf32> {
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<3xf32>
  // expected-error @+1 {{layer 'sp': indptr has 3 entries, expected rows + 1 = 4}}
  %sp = xbar.layer "sp"(%in : tensor<3xf32>) {kind = #xbar.kind<sparse>, rows = 3, cols = 2, groups = 1, indptr = dense<[0, 1, 2]> : tensor<3xi64>, indices = dense<[1, 0]> : tensor<2xi64>, values = dense<[0.5, 0.25]> : tensor<2xf64>} -> tensor<2xf32> {
  }
}

// -----

snn.graph @g {
  %img = snn.input "img" -> tensor<1x3xf32>
  // expected-error @+1 {{layer 'cv': a conv layer needs kernel, stride, dilation, pad_lo and pad_hi}}
  %cv = xbar.layer "cv"(%img : tensor<1x3xf32>) {kind = #xbar.kind<conv>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>} -> tensor<1x2xf32> {
  }
}

// -----

snn.graph @g {
  %img = snn.input "img" -> tensor<1x3xf32>
  // expected-error @+1 {{layer 'cv': output channels must be groups * cols = 1}}
  %cv = xbar.layer "cv"(%img : tensor<1x3xf32>) {kind = #xbar.kind<conv>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>, kernel = array<i64: 2>, stride = array<i64: 1>, dilation = array<i64: 1>, pad_lo = array<i64: 0>, pad_hi = array<i64: 0>} -> tensor<2x2xf32> {
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = xbar.layer "fc"(%in : tensor<2xf32>) {kind = #xbar.kind<dense>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>} -> tensor<1xf32> {
    // expected-error @+1 {{in layer 'fc': block rows [1, 3) x cols [0, 1) is empty or outside the 2x1 matrix}}
    xbar.tile {group = 0, row_start = 1, rows = 2, col_start = 0, cols = 1}
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = xbar.layer "fc"(%in : tensor<2xf32>) {kind = #xbar.kind<dense>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>, max_level = 3, scale = 0.5} -> tensor<1xf32> {
    // expected-error @+1 {{in layer 'fc': level 4 exceeds max_level 3}}
    xbar.tile {group = 0, row_start = 0, rows = 2, col_start = 0, cols = 1, levels = dense<[[4], [1]]> : tensor<2x1xi32>}
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = xbar.layer "fc"(%in : tensor<2xf32>) {kind = #xbar.kind<dense>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>} -> tensor<1xf32> {
    // expected-error @+1 {{in layer 'fc': levels must be rows x cols = 2x1}}
    xbar.tile {group = 0, row_start = 0, rows = 2, col_start = 0, cols = 1, levels = dense<1> : tensor<1x2xi32>}
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = xbar.layer "fc"(%in : tensor<2xf32>) {kind = #xbar.kind<dense>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>} -> tensor<1xf32> {
    xbar.tile {group = 0, row_start = 0, rows = 2, col_start = 0, cols = 1, id = 0, x = 0, y = 0}
    // expected-error @+1 {{in layer 'fc': to_tile 1 is not a tile of this layer}}
    xbar.route {source = "in", begin = 0, end = 2, from_tile = -1, to_tile = 1, hops = 0}
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = xbar.layer "fc"(%in : tensor<2xf32>) {kind = #xbar.kind<dense>, rows = 2, cols = 1, groups = 1, matrix = dense<1.0> : tensor<2x1xf64>} -> tensor<1xf32> {
    xbar.tile {group = 0, row_start = 0, rows = 2, col_start = 0, cols = 1, id = 0, x = 0, y = 0}
    // expected-error @+1 {{in layer 'fc': element range [2, 2) is empty or negative}}
    xbar.route {source = "in", begin = 2, end = 2, from_tile = -1, to_tile = 0, hops = 0}
  }
}

// -----

snn.graph @g {
  %in = snn.input "in" -> tensor<2xf32>
  // expected-error @+1 {{'xbar.periphery' slice [1, 1) on tile 0 needs 0 <= begin < end and tile >= 0}}
  %out = snn.output "out"(%in : tensor<2xf32>) {xbar.periphery = array<i64: 1, 1, 0>} -> tensor<2xf32>
}

// -----

// expected-error @+1 {{'xbar.tile' op expects parent op 'xbar.layer'}}
xbar.tile {group = 0, row_start = 0, rows = 2, col_start = 0, cols = 1}
