// RUN: nmc-opt %s -split-input-file -sfq-clock-tree='period-ps=25' -verify-diagnostics | FileCheck %s

// No clock, three clocked cells without clk: the pass creates the clock
// with period-ps and drives the 3 clk ports through 3 - 1 = 2 splitters
// (the first ceil(3/2) = 2 ports on the left), in op order. Legal after.
// CHECK-LABEL: sfq.circuit @create {
// CHECK-NEXT: %[[C:.*]] = sfq.clock "clk" period 2.500000e+01 ps{{$}}
// CHECK-NEXT: %[[L:.*]], %[[R:.*]] = sfq.splitter %[[C]]
// CHECK-NEXT: %[[LL:.*]], %[[LR:.*]] = sfq.splitter %[[L]]
// CHECK: sfq.dff "d0" %{{.*}} clk %[[LL]]
// CHECK-NEXT: sfq.dff "d1" %{{.*}} clk %[[LR]]
// CHECK-NEXT: sfq.not "n" %{{.*}} clk %[[R]]
sfq.circuit @create draft {
  %a = sfq.input "a"
  %d0 = sfq.dff "d0" %a
  %d1 = sfq.dff "d1" %d0
  %n = sfq.not "n" %d1
  sfq.output "q" %n
}

// -----

// An existing clock net (a chain: clk -> s0 -> s1, depth 2 for cell g2
// but 1 for g0) is torn down and rebuilt balanced for 4 sinks: 3
// splitters, every sink at depth 2. The clock keeps its period and phase.
// CHECK-LABEL: sfq.circuit @rebuild {
// CHECK-NEXT: %[[C:.*]] = sfq.clock "c" period 5.000000e+01 ps phase 1.000000e+01 ps
// CHECK-NEXT: %[[L:.*]], %[[R:.*]] = sfq.splitter %[[C]]
// CHECK-NEXT: %[[LL:.*]], %[[LR:.*]] = sfq.splitter %[[L]]
// CHECK-NEXT: %[[RL:.*]], %[[RR:.*]] = sfq.splitter %[[R]]
// CHECK: sfq.dff "g0" %{{.*}} clk %[[LL]]
// CHECK-NEXT: sfq.dff "g1" %{{.*}} clk %[[LR]]
// CHECK-NEXT: sfq.dff "g2" %{{.*}} clk %[[RL]]
// CHECK-NEXT: sfq.dff "g3" %{{.*}} clk %[[RR]]
// CHECK-NOT: sfq.splitter
sfq.circuit @rebuild {
  %c = sfq.clock "c" period 50.0 ps phase 10.0 ps
  %c0, %c1 = sfq.splitter "s0" %c
  %c2, %c3 = sfq.splitter "s1" %c1
  %c4, %c5 = sfq.splitter "s2" %c3
  %a = sfq.input "a"
  %g0 = sfq.dff "g0" %a clk %c0
  %g1 = sfq.dff "g1" %g0 clk %c2
  %g2 = sfq.dff "g2" %g1 clk %c4
  %g3 = sfq.dff "g3" %g2 clk %c5
  sfq.output "q" %g3
}

// -----

sfq.circuit @foreign_clk draft {
  %c = sfq.clock "c" period 50.0 ps
  %a = sfq.input "a"
  %b = sfq.input "b"
  // expected-error @+1 {{sfq-clock-tree: clk of 'd' is driven by 'b', not by the clock}}
  %d = sfq.dff "d" %a clk %b
  %e = sfq.dff "e" %d clk %c
  sfq.output "q" %e
}
