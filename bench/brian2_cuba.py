#!/usr/bin/python3
"""CUBA (Vogels & Abbott 2005, Brette et al. 2007 benchmark 2) in Brian2
C++ standalone, one thread, dt 0.1 ms: the baseline nmc is compared with.

The model is the one nmc's generator writes (`nmc gen cuba`): 4000 LIF
(3200 E + 800 I), p = 0.02, exponential currents (tau_e 5 ms, tau_i 10 ms),
we = 1.62 mV, wi = -9 mV, El = -49 mV, Vt = -50 mV, Vr = -60 mV, initial v
uniform in [Vr, Vt], **no refractory period** (NIR has none), exact
integration. Parameters: ../../shared/reference/spinnaker.md §C.1.

Prints one JSON line: wall (simulation only), spikes, synaptic events
(= spikes x out-degree of the spiking neuron), events/s, rate.
"""
import json
import sys
import tempfile

import numpy as np
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, defaultclock, device,
                    ms, mV, prefs, run, seed, set_device)

duration_s = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
rng_seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1

set_device("cpp_standalone", directory=tempfile.mkdtemp(prefix="brian2_cuba_"))
prefs.devices.cpp_standalone.openmp_threads = 0
seed(rng_seed)
defaultclock.dt = 0.1 * ms

taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
we, wi = (60 * 0.27 / 10) * mV, (-20 * 4.5 / 10) * mV

eqs = """
dv/dt  = (ge+gi-(v-El))/taum : volt
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
"""
P = NeuronGroup(4000, eqs, threshold="v>Vt", reset="v = Vr", method="exact")
P.v = "Vr + rand() * (Vt - Vr)"
Ce = Synapses(P, P, on_pre="ge += we")
Ci = Synapses(P, P, on_pre="gi += wi")
Ce.connect("i<3200", p=0.02)
Ci.connect("i>=3200", p=0.02)
mon = SpikeMonitor(P)
run(duration_s * 1000 * ms)

counts = np.bincount(np.asarray(mon.i), minlength=4000)
outdeg = np.bincount(np.concatenate([np.asarray(Ce.i), np.asarray(Ci.i)]),
                     minlength=4000)
events = int((counts * outdeg).sum())
wall = device._last_run_time
print(json.dumps({"simulator": "brian2", "network": "cuba",
                  "duration_s": duration_s, "wall_s": wall,
                  "spikes": int(counts.sum()), "synaptic_events": events,
                  "events_per_s": events / wall,
                  "rate_hz": counts.sum() / 4000 / duration_s}))
