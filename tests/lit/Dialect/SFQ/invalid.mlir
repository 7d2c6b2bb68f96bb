// RUN: nmc-opt %s -split-input-file -verify-diagnostics

// Fan-out: a wire read by two ports.
sfq.circuit @fanout {
  // expected-error @+1 {{wire 'a' has 2 loads (j0.a, j1.a); a wire drives exactly one port: run sfq-insert-splitters}}
  %a = sfq.input "a"
  %j0 = sfq.jtl "j0" %a
  %j1 = sfq.jtl "j1" %a
  %m = sfq.merger %j0, %j1
  sfq.output "q" %m
}

// -----

// The issue's "double-driven wire": SSA gives every value one driver, so
// the only way to drive a wire twice is to name two primary inputs alike
// (a stimulus row for "a" would drive both).
sfq.circuit @double_driven {
  %a = sfq.input "a"
  // expected-error @+1 {{double-driven wire: primary input 'a' is defined twice}}
  %b = sfq.input "a"
  %m = sfq.merger %a, %b
  sfq.output "q" %m
}

// -----

// Two loads where one is a primary output: also fan-out, named as such.
sfq.circuit @output_twice {
  %a = sfq.input "a"
  // expected-error @+1 {{wire 'j.q' has 2 loads (output "x", output "y")}}
  %j = sfq.jtl "j" %a
  sfq.output "x" %j
  sfq.output "y" %j
}

// -----

sfq.circuit @dangling {
  %a = sfq.input "a"
  // expected-error @+1 {{wire 'splitter0.r' has no load (end it in an sfq.output)}}
  %l, %r = sfq.splitter %a
  sfq.output "l" %l
}

// -----

sfq.circuit @dangling_draft draft {
  // expected-error @+1 {{wire 'a' has no load}}
  %a = sfq.input "a"
}

// -----

sfq.circuit @outputs {
  %a = sfq.input "a"
  %l, %r = sfq.splitter %a
  sfq.output "q" %l
  // expected-error @+1 {{primary output 'q' is defined twice}}
  sfq.output "q" %r
}

// -----

sfq.circuit @in_out_name {
  %a = sfq.input "a"
  // expected-error @+1 {{primary output 'a' has the name of a primary input}}
  sfq.output "a" %a
}

// -----

sfq.circuit @cell_names {
  %a = sfq.input "a"
  %j0 = sfq.jtl "j" %a
  // expected-error @+1 {{cell name 'j' is used twice}}
  %j1 = sfq.jtl "j" %j0
  sfq.output "q" %j1
}

// -----

sfq.circuit @two_clocks {
  %c = sfq.clock "c" period 50.0 ps
  // expected-error @+1 {{a circuit has at most one sfq.clock (the first is 'c')}}
  %d = sfq.clock "d" period 50.0 ps
  sfq.output "c_out" %c
  sfq.output "d_out" %d
}

// -----

sfq.circuit @no_clk {
  %c = sfq.clock "clk" period 50.0 ps
  %a = sfq.input "a"
  // expected-error @+1 {{clocked cell 'dff0' has no clk; run sfq-clock-tree}}
  %d = sfq.dff %a
  sfq.output "q" %d
  sfq.output "c" %c
}

// -----

// Every clk must come from the clock: so a clocked cell implies a clock.
sfq.circuit @clk_from_data {
  %a = sfq.input "a"
  %b = sfq.input "b"
  // expected-error @+1 {{clocked cell 'g': clk is driven by 'j.q', not by the sfq.clock through splitters}}
  %g = sfq.and "g" %a, %a2 clk %j
  %a2 = sfq.input "a2"
  %j = sfq.jtl "j" %b
  sfq.output "q" %g
}

// -----

sfq.circuit @clock_unused {
  // expected-error @+1 {{sfq.clock 'clk' but no clocked cell}}
  %c = sfq.clock "clk" period 50.0 ps
  sfq.output "c" %c
}

// -----

sfq.circuit @neuron_open {
  %a = sfq.input "a"
  // expected-error @+1 {{neuron 'n': port inh is not driven (drive it with sfq.zero)}}
  %n = sfq.neuron "n" exc(%a) inh() bias 0.1 mA
  sfq.output "q" %n
}

// -----

sfq.circuit @neuron_fan_in {
  %a = sfq.input "a"
  %b = sfq.input "b"
  %z = sfq.zero
  // expected-error @+1 {{neuron 'neuron0': port exc has 2 drivers; run sfq-insert-mergers}}
  %n = sfq.neuron exc(%a, %b) inh(%z) bias 0.1 mA
  sfq.output "q" %n
}

// -----

sfq.circuit @bias_negative {
  %a = sfq.input "a"
  // expected-error @+1 {{cell 's': bias must be finite and > 0 mA, got -1.000000e-01}}
  %s = sfq.synapse "s" %a bias -0.1 mA
  sfq.output "q" %s
}

// -----

sfq.circuit @bias_nan {
  %a = sfq.input "a"
  %z = sfq.zero
  // expected-error @+1 {{cell 'neuron0': bias must be finite and > 0 mA, got nan}}
  %n = sfq.neuron exc(%a) inh(%z) bias 0x7FF8000000000000 mA
  sfq.output "q" %n
}

// -----

sfq.circuit @period {
  // expected-error @+1 {{clock 'clk': period must be in (0, 1e9] ps, got 0.000000e+00}}
  %c = sfq.clock "clk" period 0.0 ps
  %a = sfq.input "a"
  %d = sfq.dff %a clk %c
  sfq.output "q" %d
}

// -----

// Bounded: 1e16 ps in femtoseconds overflowed the emulator's int64 time
// (1017 clock pulses within 1 ps).
sfq.circuit @hugeperiod {
  // expected-error @+1 {{clock 'clk': period must be in (0, 1e9] ps, got 1.000000e+16}}
  %c = sfq.clock "clk" period 1.0e16 ps
  %a = sfq.input "a"
  %d = sfq.dff %a clk %c
  sfq.output "q" %d
}

// -----

sfq.circuit @hugephase {
  // expected-error @+1 {{clock 'clk': phase must be in [0, 1e9] ps, got 1.000000e+300}}
  %c = sfq.clock "clk" period 50.0 ps phase 1.0e300 ps
  %a = sfq.input "a"
  %d = sfq.dff %a clk %c
  sfq.output "q" %d
}

// -----

sfq.circuit @foreign {
  // expected-error @+1 {{'builtin.module' inside an sfq.circuit: only sfq ops may be}}
  builtin.module {}
}

// -----

// expected-error @+1 {{'sfq.input' op expects parent op 'sfq.circuit'}}
%a = sfq.input "a"
