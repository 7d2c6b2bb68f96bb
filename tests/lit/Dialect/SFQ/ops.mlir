// RUN: nmc-opt %s | FileCheck %s
// RUN: nmc-opt %s | nmc-opt | FileCheck %s

// Every op round-trips through the hand-written circuit format.

// CHECK-LABEL: sfq.circuit @split_merge {
// CHECK-NEXT: %[[A:.*]] = sfq.input "a"
// CHECK-NEXT: %[[J:.*]] = sfq.jtl "j0" %[[A]]
// CHECK-NEXT: %[[L:.*]], %[[R:.*]] = sfq.splitter %[[J]]
// CHECK-NEXT: %[[M:.*]] = sfq.merger "m0" %[[L]], %[[R]]
// CHECK-NEXT: sfq.output "q" %[[M]]
sfq.circuit @split_merge {
  %a = sfq.input "a"
  %j = sfq.jtl "j0" %a
  %l, %r = sfq.splitter %j
  %m = sfq.merger "m0" %l, %r
  sfq.output "q" %m
}

// Clocked cells, the clock with and without a phase, a neuron whose inh
// port is driven by sfq.zero; the default phase (0) is not printed.
// CHECK-LABEL: sfq.circuit @clocked {
// CHECK: %[[CLK:.*]] = sfq.clock "clk" period 5.000000e+01 ps{{$}}
// CHECK: sfq.dff %{{.*}} clk %
// CHECK: sfq.and "g" %{{.*}}, %{{.*}} clk %
// CHECK: sfq.or %{{.*}}, %{{.*}} clk %
// CHECK: sfq.xor %{{.*}}, %{{.*}} clk %
// CHECK: sfq.not %{{.*}} clk %
// CHECK: sfq.tff %
// CHECK: %[[Z:.*]] = sfq.zero "no_inh"
// CHECK: %[[S:.*]] = sfq.synapse "s" %{{.*}} bias 1.000000e-01 mA
// CHECK: sfq.neuron "n" exc(%[[S]]) inh(%[[Z]]) bias 2.000000e-01 mA
sfq.circuit @clocked {
  %clk = sfq.clock "clk" period 50.0 ps
  %a = sfq.input "a"
  %b = sfq.input "b"
  %c0, %c1 = sfq.splitter %clk
  %c2, %c3 = sfq.splitter %c0
  %c4, %c5 = sfq.splitter %c1
  %c6, %c7 = sfq.splitter %c5
  %a0, %a1 = sfq.splitter %a
  %b0, %b1 = sfq.splitter %b
  %d = sfq.dff %a0 clk %c2
  %dd, %d2 = sfq.splitter %d
  %g = sfq.and "g" %dd, %b0 clk %c3
  %o = sfq.or %a1, %b1 clk %c4
  %x = sfq.xor %g, %o clk %c6
  %n0 = sfq.not %x clk %c7
  %t = sfq.tff %n0
  sfq.output "t" %t
  %z = sfq.zero "no_inh"
  %s = sfq.synapse "s" %d2 bias 0.1 mA
  %n = sfq.neuron "n" exc(%s) inh(%z) bias 0.2 mA
  sfq.output "n" %n
}

// A phase is printed when set; a draft circuit may fan out, leave clk
// open and give a neuron port several drivers or none.
// CHECK-LABEL: sfq.circuit @draft draft {
// CHECK: sfq.clock "c" period 2.000000e+01 ps phase 5.000000e+00 ps
// CHECK: sfq.dff %[[IN:[^ ]*]]{{$}}
// CHECK: sfq.neuron exc(%[[IN]], %[[IN]]) inh() bias 1.000000e-01 mA
sfq.circuit @draft draft {
  %c = sfq.clock "c" period 20.0 ps phase 5.0 ps
  sfq.output "c_out" %c
  %in = sfq.input "in"
  %d = sfq.dff %in
  %n = sfq.neuron exc(%in, %in) inh() bias 0.1 mA
  sfq.output "d" %d
  sfq.output "n" %n
}
