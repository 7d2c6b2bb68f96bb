#!/usr/bin/python3
"""Checks the membrane trace of the NIR paper LIF neuron against values
computed by hand from the LIF equation (docs/semantics.md, forward Euler):

  tau = 0.0025 (stored as float32), r = 1, v_leak = 0, v_threshold = 0.1,
  dt = 1e-4, input weight 1:  v[t] = (1 - dt/tau) v[t-1] + dt/tau * x[t],
  spike and reset to 0 when v > 0.1.

Input spikes at steps 0, 1, 2, 5 (spikes.csv):
  v0 = g, v1 = a g + g, v2 = a v1 + g = 0.1153 > 0.1 -> spike, v2 = 0,
  v3 = v4 = 0, v5 = g, then v decays by a per step.
"""
import struct
import sys

tau = struct.unpack("f", struct.pack("f", 0.0025))[0]  # float32 in the file
dt = 1e-4
a, g = 1 - dt / tau, dt / tau
v1 = a * g + g
expected = [g, v1, 0.0, 0.0, 0.0, g, a * g, a * a * g]

rows = [line.strip().split(",") for line in open(sys.argv[1])][1:]
values = [float(r[3]) for r in rows if r[0] == "0" and r[2] == "0"]
assert len(values) >= len(expected), values
for step, (got, want) in enumerate(zip(values, expected)):
    assert abs(got - want) <= 1e-12, f"step {step}: v = {got}, expected {want}"
spikes = [line.strip() for line in open(sys.argv[2])][1:]
assert spikes == ["0,2,0.0002,0"], spikes  # sample,step,time,neuron
print("trace matches hand-computed values")
