// RUN: nmc-opt %s -convert-snn-to-xbar -xbar-tile -xbar-map-conductance="number-format=s16.15" -verify-diagnostics | FileCheck %s --check-prefix=DIFF
// RUN: nmc-opt %s -convert-snn-to-xbar -xbar-tile -xbar-map-conductance="number-format=s16.15 levels=4 clip-percentile=50" 2>&1 | FileCheck %s --check-prefix=CLIP
// RUN: nmc-opt %s -convert-snn-to-xbar -xbar-tile="sign=offset" -xbar-map-conductance="number-format=s16.15 sign=offset adc-range=fixed adc-full-scale=20" 2>/dev/null | FileCheck %s --check-prefix=OFFSET
// RUN: not nmc-opt %s -convert-snn-to-xbar -xbar-tile -xbar-map-conductance 2>&1 | FileCheck %s --check-prefix=NOFORMAT
// RUN: not nmc-opt %s -convert-snn-to-xbar -xbar-map-conductance="number-format=s16.15" 2>&1 | FileCheck %s --check-prefix=UNTILED

// Weights W[out][in] = [[0.5, -0.25, 0.0078125], [0.75, 0.0, -0.375]],
// i.e. crossbar rows (inputs) x columns (outputs):
//   in0: [0.5, 0.75]   in1: [-0.25, 0.0]   in2: [0.0078125, -0.375]
// All values are exact in s16.15 (1 LSB = 2^-15 = 1/32768).
//
// DIFF (16 levels, differential, 1 slice: maxLevel = 15, clip at max |W|):
//   scale = 0.75 / 15 = 0.05 = 1638.4 LSB -> 1638 LSB = 0.04998779296875
//   levels = round(W * 32768 / 1638):
//     0.5 -> 10.0024 -> 10    0.75 -> 15.0037 -> 15
//    -0.25 -> -5.0012 -> -5   0.0 -> 0
//     0.0078125 -> 0.1563 -> 0 (zeroed)   -0.375 -> -7.5018 -> -8
//   clipped 0, zeroed 1; ADC (calibrated): column 0 max(10, 5) = 10,
//   column 1 max(15, 8) = 15 -> 15.
// DIFF: xbar.layer "fc"
// DIFF-SAME: clipped = 0 : i64
// DIFF-SAME: max_level = 15 : i64
// DIFF-SAME: scale = 0.04998779296875
// DIFF-SAME: zeroed = 1 : i64
// DIFF-NEXT: xbar.tile {adc_full_scale = 1.500000e+01 : f64, {{.*}}levels = dense<{{\[}}[10, 15], [-5, 0], [0, -8]]> : tensor<3x2xi32>

// CLIP (4 levels: maxLevel 3; 50th percentile of the nonzero |W|
// {0.0078125, 0.25, 0.375, 0.5, 0.75} is the middle one, 0.375):
//   scale = 0.375 / 3 = 0.125 (exact)
//   levels: 0.5 -> 4 -> 3 (clipped), 0.75 -> 6 -> 3 (clipped),
//   -0.25 -> -2, 0.0078125 -> 0.0625 -> 0 (zeroed), -0.375 -> -3
//   ADC: column 0 max(3, 2) = 3, column 1 max(3, 3) = 3.
// CLIP: warning: xbar-map-conductance: layer 'fc': 2 weight(s) clip to +-3 levels and 1 nonzero weight(s) become level 0 (scale 0.125)
// CLIP: xbar.layer "fc"
// CLIP-SAME: clipped = 2 : i64
// CLIP-SAME: max_level = 3 : i64
// CLIP-SAME: scale = 1.250000e-01
// CLIP-SAME: zeroed = 1 : i64
// CLIP-NEXT: xbar.tile {adc_full_scale = 3.000000e+00 : f64, {{.*}}levels = dense<{{\[}}[3, 3], [-2, 0], [0, -3]]> : tensor<3x2xi32>

// OFFSET (16 levels, offset: maxLevel = (16 - 1) / 2 = 7):
//   scale = 0.75 / 7 = 3510.857 LSB -> 3511 LSB = 0.107147216796875
//   levels = round(W * 32768 / 3511): 0.5 -> 4.667 -> 5, 0.75 -> 6.9997
//   -> 7, -0.25 -> -2.333 -> -2, 0.0078125 -> 0.073 -> 0, -0.375 ->
//   -3.4999 -> -3. ADC fixed at 20.
// OFFSET: xbar.layer "fc"
// OFFSET-SAME: max_level = 7 : i64
// OFFSET-SAME: scale = 0.107147216796875
// OFFSET-NEXT: xbar.tile {adc_full_scale = 2.000000e+01 : f64, {{.*}}levels = dense<{{\[}}[5, 7], [-2, 0], [0, -3]]> : tensor<3x2xi32>

// NOFORMAT: error: xbar-map-conductance: number format '' is not sI.F or uI.F (give number-format or run snn-quantize first)
// UNTILED: error: xbar-map-conductance: layer 'fc' has no tiles; run xbar-tile first
snn.graph @net attributes {dt = 1.0 : f64} {
  %in = snn.input "in" -> tensor<3xf32>
  // expected-warning @+1 {{xbar-map-conductance: layer 'fc': 0 weight(s) clip to +-15 levels and 1 nonzero weight(s) become level 0 (scale 0.04998779296875)}}
  %fc = snn.linear "fc"(%in : tensor<3xf32>) {weight = dense<[[0.5, -0.25, 0.0078125], [0.75, 0.0, -0.375]]> : tensor<2x3xf64>} -> tensor<2xf32>
  %out = snn.output "out"(%fc : tensor<2xf32>) -> tensor<2xf32>
}

// RUN: not nmc-opt %s -convert-snn-to-xbar -xbar-tile -xbar-map-conductance="number-format=s16.15 clip-percentile=0" 2>&1 | FileCheck %s --check-prefix=BADCLIP
// RUN: not nmc-opt %s -convert-snn-to-xbar -xbar-tile -xbar-map-conductance="number-format=s16.15 levels=16 slices=8" 2>&1 | FileCheck %s --check-prefix=BIGLEVEL
// BADCLIP: error: xbar-map-conductance: clip-percentile 0 is not in (0, 100]
// BIGLEVEL: error: xbar-map-conductance: 16 levels over 8 slices give a top level 4294967295 outside [1, 2^31)
