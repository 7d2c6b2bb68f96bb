// RUN: nmc-opt %s -snn-inline-subgraphs | FileCheck %s
// The recurrent block of the Braille SRNN as a nested graph: after inlining
// the inner nodes are "rec.lif" and "rec.w", fed by the subgraph's operand,
// and the recurrent cycle survives.

// CHECK-LABEL: snn.graph @srnn
// CHECK-NOT: snn.subgraph
// CHECK-DAG: %[[IN:.*]] = snn.input "in"
// CHECK-DAG: %[[LIF:.*]] = snn.lif "rec.lif"(%[[IN]], %[[W:.*]] : tensor<2xf32>, tensor<2xf32>)
// CHECK-DAG: %[[W]] = snn.linear "rec.w"(%[[LIF]] : tensor<2xf32>)
// CHECK-DAG: snn.output "out"(%[[LIF]] : tensor<2xf32>)
snn.graph @srnn {
  %in = snn.input "in" -> tensor<2xf32>
  %rec = snn.subgraph "rec"(%in : tensor<2xf32>) -> tensor<2xf32> {
    %i = snn.input "input" -> tensor<2xf32>
    %l = snn.lif "lif"(%i, %w : tensor<2xf32>, tensor<2xf32>) {tau = dense<0.02> : tensor<2xf32>, r = dense<1.0> : tensor<2xf32>, v_leak = dense<0.0> : tensor<2xf32>, v_threshold = dense<1.0> : tensor<2xf32>, v_reset = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
    %w = snn.linear "w"(%l : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>} -> tensor<2xf32>
    %o = snn.output "output"(%l : tensor<2xf32>) -> tensor<2xf32>
  }
  %out = snn.output "out"(%rec : tensor<2xf32>) -> tensor<2xf32>
}

// Nested two levels deep: names get both prefixes.
// CHECK-LABEL: snn.graph @deep
// CHECK: snn.scale "outer.inner.s"
snn.graph @deep {
  %in = snn.input "in" -> tensor<1xf32>
  %a = snn.subgraph "outer"(%in : tensor<1xf32>) -> tensor<1xf32> {
    %i = snn.input "input" -> tensor<1xf32>
    %b = snn.subgraph "inner"(%i : tensor<1xf32>) -> tensor<1xf32> {
      %j = snn.input "input" -> tensor<1xf32>
      %s = snn.scale "s"(%j : tensor<1xf32>) {scale = dense<3.0> : tensor<1xf32>} -> tensor<1xf32>
      %k = snn.output "output"(%s : tensor<1xf32>) -> tensor<1xf32>
    }
    %o = snn.output "output"(%b : tensor<1xf32>) -> tensor<1xf32>
  }
  %out = snn.output "out"(%a : tensor<1xf32>) -> tensor<1xf32>
}
