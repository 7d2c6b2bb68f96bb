#!/usr/bin/python3
"""A plain-Python model of `nmc gen ca3` (cue 5 / content 10) on the seed's
experiment 1, with the STDP timing of

  spynnaker sPyNNaker's STDP with its default dendritic delay d (code:
            neural_modelling/src/neuron/plasticity/stdp/
            synapse_dynamics_stdp_mad_impl.c, plasticity_update_synapse):
            a pre spike counts at its *emission* T, a post spike at p + d;
            when the row of T is processed it applies the potentiation of
            the posts with p + d in (T_last, T] and the depression of T,
            and sends the *updated* weight (arriving at T + d). Potentiation
            needs dt > 0, depression also acts at dt = 0
            (timing/timing_pair_impl.h, sPyNNaker >= 6). The weight is
            clipped to [w_min, w_max] after each term [inferred: clipping
            once per row update, initial + a+ - a-, as older
            weight_additive_one_term_impl.h, gives 897 of the 900 cells of
            the seed's raster; clipping each term gives all 900].
            It is the timing of emulator/include/nmc/Model/Plasticity.h,
            so this model equals `nmc run` spike for spike (ca3.test).
            (The former `contract` mode, the old timing that counted a
            pre spike at its arrival and learned nothing here, is gone.)

Neurons are the generator's exact LIFs (Ca3.h). Writes PREFIX_<pop>_spikes.csv
like `nmc run --output-csv`, so compare_seed.py reads both. Used to show
that the network is the seed's and which STDP timing it needs
(examples/ca3/README.md, "STDP timing").

Usage: stdp_conventions.py spynnaker PREFIX [--input CSV --steps N
                           --cue-size C --content-size K]
(examples/ca3/ca3.py --model runs its experiment through it.)
"""
import argparse
import collections
import csv
import math
import sys

TAU = 3.0
INIT = 0.3 * (1 - math.exp(-1 / 0.3))
SLOW = (3.0, 3.0 / 0.27 * INIT)   # (tau_m ms, r = R init)
FAST = (0.5, 0.5 / 0.14 * INIT)
SEED_STEPS = 90
CUE_SPIKES = [[0, 1, 2, 30], [], [], [20, 21, 22, 60, 61, 62, 70],
              [10, 11, 12]]
CONT_SPIKES = [[0, 1, 2, 50], [0, 1, 2, 10, 11, 12, 60, 61, 62], [],
               [60, 61, 62], [20, 21, 22, 50, 60, 61, 62],
               [10, 11, 12, 20, 21, 22], [10, 11, 12, 20, 21, 22, 40, 80], [],
               [0, 1, 2, 60, 61, 62], [0, 1, 2]]


def one_to_one(n, w, src_off=0, dst_off=0):
    return [(src_off + k, dst_off + k, w) for k in range(n)]


def all_to_all(a, b, w, self_=True):
    return [(i, j, w) for i in range(a) for j in range(b) if self_ or i != j]


def network(cue, cont):
    """Populations {name: (size, (tau_m, r), threshold)} and projections
    [(src, dst, delay steps, [(pre, post, w)])] as in Ca3.h."""
    pops = {"cue_cue": (cue, SLOW, 3.0), "cue_cont": (cue, FAST, 3.0),
            "cont_cue": (cont, SLOW, 3.0), "cont_cont": (cont, SLOW, 3.0),
            "cont_cond": (cont, FAST, 3.0), "cont_cond_int": (1, FAST, 3.0),
            "merge_cue": (cue, SLOW, 3.0), "merge_cont": (cont, SLOW, 3.0),
            "out": (cue + cont, SLOW, 2.5)}
    proj = [
        ("input", "cue_cue", 1, one_to_one(cue, 6)),
        ("input", "cont_cue", 1, one_to_one(cont, 6, cue)),
        ("cue_cue", "cue_cont", 2, one_to_one(cue, 6)),
        ("cue_cue", "cue_cont", 3, all_to_all(cue, cue, -6 * cont, False)),
        ("cue_cue", "cont_cond", 2, all_to_all(cue, cont, -6)),
        ("cont_cue", "cont_cond", 1, one_to_one(cont, 9)),
        ("cont_cond", "cont_cont", 1, one_to_one(cont, 6)),
        ("cont_cue", "cont_cond_int", 1, all_to_all(cont, 1, 6)),
        ("cont_cond_int", "cont_cond", 1, all_to_all(1, cont, 2)),
        ("cue_cont", "cue_cont", 2, all_to_all(cue, cue, -6 * cont, False)),
        ("cue_cue", "merge_cue", 3, one_to_one(cue, 6)),
        ("cue_cont", "merge_cue", 1, one_to_one(cue, 6)),
        ("cont_cue", "merge_cont", 3, one_to_one(cont, 6)),
        ("cont_cont", "merge_cont", 1, one_to_one(cont, 6)),
        ("merge_cue", "out", 1, one_to_one(cue, 6)),
        ("merge_cont", "out", 1, one_to_one(cont, 6, 0, cue)),
    ]
    return pops, proj


PLASTIC = [("cue_cue", "cont_cue"), ("cont_cont", "cue_cont")]  # delay 1


class Plastic:
    def __init__(self, src, dst, n, m):
        self.src, self.dst, self.d = src, dst, 1
        self.w = [[0.0] * m for _ in range(n)]
        self.x = [(0.0, None)] * n       # pre trace (value, time)
        self.y = [(0.0, None)] * m       # post trace (value, time)
        self.posts = [[] for _ in range(m)]  # raw post times
        self.ytrace = [[] for _ in range(m)]  # trace value after each

    @staticmethod
    def at(tr, t):
        v, last = tr
        return 0.0 if last is None else v * math.exp(-(t - last) / TAU)

    def clip(self, w):
        return min(6.0, max(0.0, w))

    # -- spynnaker: at emission T; returns the weights sent (arrive T + d).
    def emit(self, j, T):
        xv, xlast = self.x[j]
        sent = []
        for i in range(len(self.w[j])):
            w = self.w[j][i]
            prev = None  # (delayed time, trace) of the last post <= T - d
            for p, yv in zip(self.posts[i], self.ytrace[i]):
                if p > T - self.d:
                    break
                P = p + self.d
                if xlast is not None and P > xlast:  # dt > 0
                    w = self.clip(w + 6 * xv * math.exp(-(P - xlast) / TAU))
                prev = (P, yv)
            if prev:  # depression also at dt = 0
                w = self.clip(w - 6 * prev[1] * math.exp(-(T - prev[0]) / TAU))
            self.w[j][i] = w
            sent.append(w)
        self.x[j] = (self.at(self.x[j], T) + 1, T)
        return sent

    def post_spike(self, i, t):
        yv = self.at(self.y[i], t) + 1
        self.y[i] = (yv, t)
        self.posts[i].append(t)
        self.ytrace[i].append(yv)


def simulate(cue, cont, events, steps):
    """Runs one sample; events: (step, input channel). Returns
    {population: [set of neurons per step]}."""
    pops, proj = network(cue, cont)
    spikes = {p: [set() for _ in range(steps + 4)] for p in pops}
    spikes["input"] = [set() for _ in range(steps + 4)]
    for t, ch in events:
        if 0 <= t < steps:
            spikes["input"][t].add(ch)
    v = {p: [0.0] * pops[p][0] for p in pops}
    ref = {p: [False] * pops[p][0] for p in pops}
    plastic = {(s, d): Plastic(s, d, pops[s][0], pops[d][0])
               for s, d in PLASTIC}
    pending = {}  # (pop, step) -> list of input currents
    for t in range(steps):
        for p, (n, (tau, r), thr) in pops.items():
            x = [0.0] * n
            for src, dst, d, syn in proj:
                if dst == p and t - d >= 0 and spikes[src][t - d]:
                    fired = spikes[src][t - d]
                    for a, b, w in syn:
                        if a in fired:
                            x[b] += w
            for (src, dst), pl in plastic.items():
                if dst != p or t - 1 < 0:
                    continue
                for i, w in enumerate(pending.get((p, t), [0] * n)):
                    x[i] += w
            a = math.exp(-1 / tau)
            for i in range(n):
                if ref[p][i]:
                    ref[p][i] = False
                    continue
                v[p][i] = a * v[p][i] + (1 - a) * r * x[i]
                if v[p][i] > thr:
                    v[p][i] = 0.0
                    ref[p][i] = True
                    spikes[p][t].add(i)
        # Pre and post events of the step.
        for (src, dst), pl in plastic.items():
            for i in sorted(spikes[dst][t]):
                pl.post_spike(i, t)
            total = [0.0] * pops[dst][0]
            for j in sorted(spikes[src][t]):
                for i, w in enumerate(pl.emit(j, t)):
                    total[i] += w
            pending[(dst, t + pl.d)] = total
    return {p: spikes[p][:steps] for p in pops}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["spynnaker"])
    ap.add_argument("prefix")
    ap.add_argument("--input", help="CSV step,neuron or sample,step,neuron "
                    "(default: the seed's experiment 1)")
    ap.add_argument("--steps", type=int, default=SEED_STEPS)
    ap.add_argument("--cue-size", type=int, default=5)
    ap.add_argument("--content-size", type=int, default=10)
    args = ap.parse_args()
    cue, cont = args.cue_size, args.content_size
    samples = collections.defaultdict(list)
    if args.input:
        with open(args.input) as f:
            for r in csv.DictReader(f):
                samples[int(r.get("sample") or 0)].append(
                    (int(r["step"]), int(r["neuron"])))
    else:
        if (cue, cont) != (5, 10):
            sys.exit("stdp_conventions.py: the seed's experiment needs "
                     "cue 5 / content 10")
        for ch, ts in enumerate(CUE_SPIKES + CONT_SPIKES):
            samples[0] += [(t, ch) for t in ts]
    n_samples = max(samples) + 1 if samples else 1
    runs = [simulate(cue, cont, samples.get(k, []), args.steps)
            for k in range(n_samples)]
    for p in runs[0]:
        with open(f"{args.prefix}_{p}_spikes.csv", "w") as f:
            f.write("sample,step,time,neuron\n")
            for k, run in enumerate(runs):
                for t, fired in enumerate(run[p]):
                    for i in sorted(fired):
                        f.write(f"{k},{t},{t * 1e-3},{i}\n")


if __name__ == "__main__":
    main()
