// RUN: nmc-opt %s -split-input-file -sfq-balance-paths -verify-diagnostics | FileCheck %s
// RUN: nmc-opt %s -split-input-file -sfq-balance-paths=balance-outputs=false -verify-diagnostics | FileCheck %s --check-prefix=GATES

// Hand example. Levels (clocked stages from the inputs; splitters pass
// the level on):
//   a, b, c, d: 0
//   g1 = and(a, b)          1 + max(0, 0) = 1   (inputs aligned: no DFF)
//   l, r = splitter(g1)     1
//   g2 = or(l, c)           c is at 0 < 1: 1 DFF on c;   g2 = 1 + 1 = 2
//   g3 = xor(d, g2)         d is at 0 < 2: 2 DFFs on d;  g3 = 1 + 2 = 3
//   outputs: "s" = g3 at 3, "early" = r at 1: 3 - 1 = 2 DFFs on "early".
// Gates only: 1 + 2 = 3 DFFs; with the outputs: 3 + 2 = 5. New DFFs have
// no clk yet (sfq-clock-tree's job): the circuit stays a draft.
// CHECK-LABEL: sfq.circuit @hand draft {
// CHECK: %[[C:.*]] = sfq.input "c"
// CHECK: %[[D:.*]] = sfq.input "d"
// CHECK: %[[G1:.*]] = sfq.and "g1"
// CHECK: %[[L:.*]], %[[R:.*]] = sfq.splitter %[[G1]]
// CHECK: %[[C1:.*]] = sfq.dff %[[C]]{{$}}
// CHECK-NEXT: %[[G2:.*]] = sfq.or "g2" %[[L]], %[[C1]]{{$}}
// CHECK-NEXT: %[[D1:.*]] = sfq.dff %[[D]]{{$}}
// CHECK-NEXT: %[[D2:.*]] = sfq.dff %[[D1]]{{$}}
// CHECK-NEXT: %[[G3:.*]] = sfq.xor "g3" %[[D2]], %[[G2]]{{$}}
// CHECK-NEXT: sfq.output "s" %[[G3]]
// CHECK-NEXT: %[[E1:.*]] = sfq.dff %[[R]]{{$}}
// CHECK-NEXT: %[[E2:.*]] = sfq.dff %[[E1]]{{$}}
// CHECK-NEXT: sfq.output "early" %[[E2]]
// GATES-LABEL: sfq.circuit @hand draft {
// GATES-COUNT-3: sfq.dff
// GATES-NOT: sfq.dff
// GATES: sfq.output "early" %r
sfq.circuit @hand draft {
  %a = sfq.input "a"
  %b = sfq.input "b"
  %c = sfq.input "c"
  %d = sfq.input "d"
  %g1 = sfq.and "g1" %a, %b
  %l, %r = sfq.splitter %g1
  %g2 = sfq.or "g2" %l, %c
  %g3 = sfq.xor "g3" %d, %g2
  sfq.output "s" %g3
  sfq.output "early" %r
}

// -----

// A balanced legal circuit is left as it is (and stays legal).
// CHECK-LABEL: sfq.circuit @balanced {
// CHECK-NOT: sfq.dff
// GATES-LABEL: sfq.circuit @balanced {
sfq.circuit @balanced {
  %clk = sfq.clock "clk" period 50.0 ps
  %a = sfq.input "a"
  %b = sfq.input "b"
  %g = sfq.and "g" %a, %b clk %clk
  sfq.output "q" %g
}

// -----

// Without clocked cells there is nothing to balance, cycles or not (a
// neuron feeding itself back through a synapse).
// CHECK-LABEL: sfq.circuit @loop {
// CHECK-NOT: sfq.dff
sfq.circuit @loop {
  %in = sfq.input "in"
  %n = sfq.neuron "n" exc(%in) inh(%fb) bias 0.1 mA
  %l, %r = sfq.splitter %n
  %fb = sfq.synapse "fb" %r bias 0.1 mA
  sfq.output "q" %l
}

// -----

sfq.circuit @cycle draft {
  %a = sfq.input "a"
  // expected-error @+1 {{sfq-balance-paths: cell 'm' is on a cycle; path balancing needs acyclic data paths}}
  %m = sfq.merger "m" %a, %g
  %g = sfq.and "g" %m, %m
  sfq.output "q" %g
}
