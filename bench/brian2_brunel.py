#!/usr/bin/python3
"""Brunel (2000) sparse E/I network in Brian2 C++ standalone, one thread,
dt 0.1 ms: the baseline nmc is compared with.

Same model as `nmc gen brunel`: NE = 10000*scale, NI = NE/4, connection
probability 0.1, delta synapses J = 0.1 mV (E) and -g*J, g = 5 (I), delay
1.5 ms, tau_m 20 ms, theta 20 mV, V_reset 10 mV, E_L 0, **no refractory
period** (NIR has none), external Poisson drive of CE*nu_ext = 20 kHz per
neuron with weight J (eta = 2). Exact integration. Parameters:
../../shared/reference/spinnaker.md §C.2.
"""
import json
import sys
import tempfile

import numpy as np
from brian2 import (Hz, NeuronGroup, PoissonInput, Synapses, SpikeMonitor,
                    defaultclock, device, ms, mV, prefs, run, seed, set_device)

duration_s = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
rng_seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1

set_device("cpp_standalone", directory=tempfile.mkdtemp(prefix="brian2_brunel_"))
prefs.devices.cpp_standalone.openmp_threads = 0
seed(rng_seed)
defaultclock.dt = 0.1 * ms

NE = int(10000 * scale)
NI = NE // 4
N = NE + NI
CE = int(0.1 * NE)
J, g, D = 0.1 * mV, 5.0, 1.5 * ms
taum, theta, Vr = 20 * ms, 20 * mV, 10 * mV
nu_thr = theta / (J * CE * taum)
nu_ext = 2.0 * nu_thr

P = NeuronGroup(N, "dv/dt = -v/taum : volt", threshold="v>theta",
                reset="v = Vr", method="exact")
S = Synapses(P, P, "w : volt", on_pre="v += w", delay=D)
S.connect(p=0.1)
S.w["i<NE"] = J
S.w["i>=NE"] = -g * J
ext = PoissonInput(P, "v", N=CE, rate=nu_ext, weight=J)  # keep a reference: Brian collects unreferenced objects
mon = SpikeMonitor(P)
run(duration_s * 1000 * ms)

counts = np.bincount(np.asarray(mon.i), minlength=N)
outdeg = np.bincount(np.asarray(S.i), minlength=N)
events = int((counts * outdeg).sum())
wall = device._last_run_time
print(json.dumps({"simulator": "brian2", "network": "brunel",
                  "duration_s": duration_s, "scale": scale, "wall_s": wall,
                  "spikes": int(counts.sum()), "synaptic_events": events,
                  "events_per_s": events / wall,
                  "rate_hz": counts.sum() / N / duration_s}))
