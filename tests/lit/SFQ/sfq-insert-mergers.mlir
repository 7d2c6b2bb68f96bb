// RUN: nmc-opt %s -sfq-insert-mergers | FileCheck %s
// RUN: nmc-opt %s -sfq-insert-mergers | FileCheck %s --check-prefix=COUNT

// exc lists 3 wires: n - 1 = 2 mergers, the first ceil(3/2) = 2 wires on
// the root's a side: ((e0, e1), e2). inh lists none: an sfq.zero. A port
// with one driver is kept. Every rule then holds, so `draft` goes.
// CHECK-LABEL: sfq.circuit @fan_in {
// CHECK: %[[E0:.*]] = sfq.input "e0"
// CHECK: %[[E1:.*]] = sfq.input "e1"
// CHECK: %[[E2:.*]] = sfq.input "e2"
// CHECK: %[[I:.*]] = sfq.input "i"
// CHECK: %[[M01:.*]] = sfq.merger %[[E0]], %[[E1]]
// CHECK-NEXT: %[[M:.*]] = sfq.merger %[[M01]], %[[E2]]
// CHECK-NEXT: %[[Z:.*]] = sfq.zero
// CHECK-NEXT: sfq.neuron "n0" exc(%[[M]]) inh(%[[Z]]) bias 1.000000e-01 mA
// CHECK: sfq.neuron "n1" exc(%{{.*}}) inh(%[[I]]) bias 2.000000e-01 mA
// COUNT-COUNT-2: sfq.merger
// COUNT-NOT: sfq.merger
sfq.circuit @fan_in draft {
  %e0 = sfq.input "e0"
  %e1 = sfq.input "e1"
  %e2 = sfq.input "e2"
  %i = sfq.input "i"
  %n0 = sfq.neuron "n0" exc(%e0, %e1, %e2) inh() bias 0.1 mA
  %n1 = sfq.neuron "n1" exc(%n0) inh(%i) bias 0.2 mA
  sfq.output "q" %n1
}
