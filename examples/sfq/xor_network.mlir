// The seed paper's rate-coded XOR network (../shared/reference/sfq.md
// §1.2), 2-2-1, written directly as an sfq circuit with hand-set bias
// currents (the paper's values are not available, §1.3: these are nmc's
// [assumed] choices). A draft: `nmc run --target sfq` legalizes it
// (splitters for x1, x2 fan-out 2; a merger for y's two inputs).
//   h1 = x1 and not x2: exc from x1, inh from x2
//   h2 = x2 and not x1: exc from x2, inh from x1
//   y  = h1 or h2:      exc from h1 and h2, threshold 1
// Biases by the cell library's curves (BiasModels.h, defaults i50 = 0.3,
// iWidth = 0.02 mA, n0 = 4, nominal neuron bias 0.7 mA):
//   synapse p = 0.9: I = 0.3 + 0.02 ln 9 = 0.343944 mA
//   hidden threshold N = 2: I = 4 x 0.7 / 2 = 1.4 mA
//   output threshold N = 1: I = 2.8 mA
// Rate code: an input is 1 (one pulse every step window) or 0 (none); the
// output rate tells XOR-true (x1 != x2) from XOR-false. With both inputs
// on, a hidden neuron's inhibition cancels its excitation unless a
// synapse blocks, so its rate is low but not zero: the margin
// (tools/sfq_xor_sweep.py) measures how well the rates separate.
// `--bias-scale S` multiplies every synapse and neuron bias (the global
// bias current).
sfq.circuit @xor_network draft {
  %x1 = sfq.input "x1"
  %x2 = sfq.input "x2"
  %e1 = sfq.synapse "e1" %x1 bias 0.343944 mA
  %i1 = sfq.synapse "i1" %x2 bias 0.343944 mA
  %h1 = sfq.neuron "h1" exc(%e1) inh(%i1) bias 1.4 mA
  %e2 = sfq.synapse "e2" %x2 bias 0.343944 mA
  %i2 = sfq.synapse "i2" %x1 bias 0.343944 mA
  %h2 = sfq.neuron "h2" exc(%e2) inh(%i2) bias 1.4 mA
  %o1 = sfq.synapse "o1" %h1 bias 0.343944 mA
  %o2 = sfq.synapse "o2" %h2 bias 0.343944 mA
  %y = sfq.neuron "out" exc(%o1, %o2) inh() bias 2.8 mA
  sfq.output "y" %y
}
