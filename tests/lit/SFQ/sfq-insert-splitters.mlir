// RUN: nmc-opt %s -split-input-file -sfq-insert-splitters | FileCheck %s

// Fan-out 5: n - 1 = 4 splitters in a balanced tree of depth
// ceil(log2 5) = 3. The root splits 3 | 2 loads, the 3 split 2 | 1:
//   root -> L -> LL -> (j0, j1)
//                 LR -> j2
//        -> R -> (j3, j4)
// The circuit is legal afterwards, so `draft` goes.
// CHECK-LABEL: sfq.circuit @fanout5 {
// CHECK-NEXT: %[[A:.*]] = sfq.input "a"
// CHECK-COUNT-4: sfq.splitter
// CHECK-NOT: sfq.splitter
// CHECK: sfq.jtl "j0"
sfq.circuit @fanout5 draft {
  %a = sfq.input "a"
  %j0 = sfq.jtl "j0" %a
  %j1 = sfq.jtl "j1" %a
  %j2 = sfq.jtl "j2" %a
  %j3 = sfq.jtl "j3" %a
  %j4 = sfq.jtl "j4" %a
  sfq.output "q0" %j0
  sfq.output "q1" %j1
  sfq.output "q2" %j2
  sfq.output "q3" %j3
  sfq.output "q4" %j4
}

// The tree's shape, wire by wire (same circuit).
// CHECK-LABEL: sfq.circuit @shape {
// CHECK-NEXT: %[[A:.*]] = sfq.input "a"
// CHECK-NEXT: %[[L:.*]], %[[R:.*]] = sfq.splitter %[[A]]
// CHECK-NEXT: %[[LL:.*]], %[[LR:.*]] = sfq.splitter %[[L]]
// CHECK-NEXT: %[[LLL:.*]], %[[LLR:.*]] = sfq.splitter %[[LL]]
// CHECK-NEXT: %[[RL:.*]], %[[RR:.*]] = sfq.splitter %[[R]]
// CHECK-NEXT: sfq.jtl "j0" %[[LLL]]
// CHECK-NEXT: sfq.jtl "j1" %[[LLR]]
// CHECK-NEXT: sfq.jtl "j2" %[[LR]]
// CHECK-NEXT: sfq.jtl "j3" %[[RL]]
// CHECK-NEXT: sfq.jtl "j4" %[[RR]]
sfq.circuit @shape draft {
  %a = sfq.input "a"
  %j0 = sfq.jtl "j0" %a
  %j1 = sfq.jtl "j1" %a
  %j2 = sfq.jtl "j2" %a
  %j3 = sfq.jtl "j3" %a
  %j4 = sfq.jtl "j4" %a
  sfq.output "q0" %j0
  sfq.output "q1" %j1
  sfq.output "q2" %j2
  sfq.output "q3" %j3
  sfq.output "q4" %j4
}

// -----

// Loads in op order, operand order within an op (a merger reading one
// wire twice: a then b); a primary output counts as a load. 3 loads: the
// root's left side serves ceil(3/2) = 2 (m.a, m.b), its right side x_out.
// The clock net (fan-out 2) is left to sfq-clock-tree, so the circuit
// stays a draft.
// CHECK-LABEL: sfq.circuit @order draft {
// CHECK-NEXT: %[[C:.*]] = sfq.clock "clk"
// CHECK-NEXT: %[[X:.*]] = sfq.input "x"
// CHECK-NEXT: %[[L:.*]], %[[R:.*]] = sfq.splitter %[[X]]
// CHECK-NEXT: %[[LL:.*]], %[[LR:.*]] = sfq.splitter %[[L]]
// CHECK-NEXT: sfq.merger "m" %[[LL]], %[[LR]]
// CHECK-NEXT: sfq.dff "d0" %{{.*}} clk %[[C]]
// CHECK-NEXT: sfq.dff "d1" %{{.*}} clk %[[C]]
// CHECK-NEXT: sfq.output "x_out" %[[R]]
sfq.circuit @order draft {
  %c = sfq.clock "clk" period 50.0 ps
  %x = sfq.input "x"
  %m = sfq.merger "m" %x, %x
  %d0 = sfq.dff "d0" %m clk %c
  %d1 = sfq.dff "d1" %d0 clk %c
  sfq.output "x_out" %x
  sfq.output "q" %d1
}
