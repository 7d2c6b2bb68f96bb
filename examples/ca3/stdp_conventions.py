#!/usr/bin/python3
"""A plain-Python model of `nmc gen ca3` (cue 5 / content 10) on the seed's
experiment 1, with the STDP timing of either

  contract  the contract of emulator/include/nmc/Model/Plasticity.h: a pre
            spike counts when it *arrives* (after the 1 ms delay), updates
            at the end of the step, clipped after each, and a spike is
            transmitted with the weight from before its step's updates;
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

Neurons are the generator's exact LIFs (Ca3.h). Writes PREFIX_<pop>_spikes.csv
like `nmc run --output-csv`, so compare_seed.py reads both. Used to show
that the network is the seed's and which STDP timing it needs
(examples/ca3/README.md, "STDP timing").

Usage: stdp_conventions.py contract|spynnaker PREFIX
"""
import math
import sys

CUE, CONT, STEPS, TAU = 5, 10, 90, 3.0
INIT = 0.3 * (1 - math.exp(-1 / 0.3))
SLOW = (3.0, 3.0 / 0.27 * INIT)   # (tau_m ms, r = R init)
FAST = (0.5, 0.5 / 0.14 * INIT)
POPS = {"cue_cue": (CUE, SLOW, 3.0), "cue_cont": (CUE, FAST, 3.0),
        "cont_cue": (CONT, SLOW, 3.0), "cont_cont": (CONT, SLOW, 3.0),
        "cont_cond": (CONT, FAST, 3.0), "cont_cond_int": (1, FAST, 3.0),
        "merge_cue": (CUE, SLOW, 3.0), "merge_cont": (CONT, SLOW, 3.0),
        "out": (CUE + CONT, SLOW, 2.5)}
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


# (src, dst, delay steps, [(pre, post, w)]) as in Ca3.h.
PROJ = [
    ("input", "cue_cue", 1, one_to_one(CUE, 6)),
    ("input", "cont_cue", 1, one_to_one(CONT, 6, CUE)),
    ("cue_cue", "cue_cont", 2, one_to_one(CUE, 6)),
    ("cue_cue", "cue_cont", 3, all_to_all(CUE, CUE, -6 * CONT, False)),
    ("cue_cue", "cont_cond", 2, all_to_all(CUE, CONT, -6)),
    ("cont_cue", "cont_cond", 1, one_to_one(CONT, 9)),
    ("cont_cond", "cont_cont", 1, one_to_one(CONT, 6)),
    ("cont_cue", "cont_cond_int", 1, all_to_all(CONT, 1, 6)),
    ("cont_cond_int", "cont_cond", 1, all_to_all(1, CONT, 2)),
    ("cue_cont", "cue_cont", 2, all_to_all(CUE, CUE, -6 * CONT, False)),
    ("cue_cue", "merge_cue", 3, one_to_one(CUE, 6)),
    ("cue_cont", "merge_cue", 1, one_to_one(CUE, 6)),
    ("cont_cue", "merge_cont", 3, one_to_one(CONT, 6)),
    ("cont_cont", "merge_cont", 1, one_to_one(CONT, 6)),
    ("merge_cue", "out", 1, one_to_one(CUE, 6)),
    ("merge_cont", "out", 1, one_to_one(CONT, 6, 0, CUE)),
]
PLASTIC = [("cue_cue", "cont_cue"), ("cont_cont", "cue_cont")]  # delay 1


class Plastic:
    def __init__(self, src, dst, mode):
        self.src, self.dst, self.mode, self.d = src, dst, mode, 1
        n, m = POPS[src][0], POPS[dst][0]
        self.w = [[0.0] * m for _ in range(n)]
        self.x = [(0.0, None)] * n       # pre trace (value, time)
        self.y = [(0.0, None)] * m       # post trace (value, time)
        self.posts = [[] for _ in range(m)]  # spynnaker: raw post times
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

    # -- nmc contract: end of step t.
    def end_of_step(self, t, arrivals, posts):
        for j in arrivals:
            for i in range(len(self.w[j])):
                self.w[j][i] = self.clip(self.w[j][i] -
                                         6 * self.at(self.y[i], t))
            self.x[j] = (self.at(self.x[j], t) + 1, t)
        for i in posts:
            for j in range(len(self.w)):
                self.w[j][i] = self.clip(self.w[j][i] +
                                         6 * self.at(self.x[j], t))
            self.y[i] = (self.at(self.y[i], t) + 1, t)


def main():
    mode, prefix = sys.argv[1], sys.argv[2]
    if mode not in ("contract", "spynnaker"):
        sys.exit(__doc__)
    inputs = CUE_SPIKES + CONT_SPIKES
    spikes = {p: [set() for _ in range(STEPS + 4)] for p in POPS}
    spikes["input"] = [set() for _ in range(STEPS + 4)]
    for ch, ts in enumerate(inputs):
        for t in ts:
            spikes["input"][t].add(ch)
    v = {p: [0.0] * POPS[p][0] for p in POPS}
    ref = {p: [False] * POPS[p][0] for p in POPS}
    plastic = {(s, d): Plastic(s, d, mode) for s, d in PLASTIC}
    pending = {}  # spynnaker: (pop, step) -> list of input currents
    for t in range(STEPS):
        for p, (n, (tau, r), thr) in POPS.items():
            x = [0.0] * n
            for src, dst, d, syn in PROJ:
                if dst == p and t - d >= 0:
                    for a, b, w in syn:
                        if a in spikes[src][t - d]:
                            x[b] += w
            for (src, dst), pl in plastic.items():
                if dst != p or t - 1 < 0:
                    continue
                if mode == "contract":
                    for j in spikes[src][t - 1]:
                        for i in range(n):
                            x[i] += pl.w[j][i]
                else:
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
        # Pre and post events of the step, in the chosen timing.
        for (src, dst), pl in plastic.items():
            if mode == "contract":
                arrivals = sorted(spikes[src][t - 1]) if t >= 1 else []
                pl.end_of_step(t, arrivals, sorted(spikes[dst][t]))
            else:
                for i in sorted(spikes[dst][t]):
                    pl.post_spike(i, t)
                total = [0.0] * POPS[dst][0]
                for j in sorted(spikes[src][t]):
                    for i, w in enumerate(pl.emit(j, t)):
                        total[i] += w
                pending[(dst, t + pl.d)] = total
    for p in POPS:
        with open(f"{prefix}_{p}_spikes.csv", "w") as f:
            f.write("sample,step,time,neuron\n")
            for t in range(STEPS):
                for i in sorted(spikes[p][t]):
                    f.write(f"0,{t},{t * 1e-3},{i}\n")


if __name__ == "__main__":
    main()
