#!/usr/bin/python3
"""Compares an `nmc run --output-csv PREFIX` of `nmc gen ca3 --stimulus` (the
seed's experiment 1) with the seed's own SpiNNaker spikes
(seed_experiment1_spinnaker.csv), population by population and step by step.

Usage: compare_seed.py PREFIX [--seed FILE | --other PREFIX2] [--from S]
                       [--until S] [--quiet]
(--other compares two runs' outputs instead, e.g. nmc against
stdp_conventions.py.)
Prints each step where the two differ and the count of equal (step,
population) cells; exits 1 if any cell in [--from, --until) differs.
"""
import argparse
import collections
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
POPS = ["cue_cue", "cont_cue", "cont_cond", "cont_cond_int", "cue_cont",
        "cont_cont", "merge_cue", "merge_cont", "out_cue", "out_cont"]
CUE = 5


def read_seed(path):
    cells = collections.defaultdict(set)
    with open(path) as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for r in rows:
            cells[(int(r["step"]), r["population"])].add(int(r["neuron"]))
    return cells


def read_nmc(prefix):
    cells = collections.defaultdict(set)
    for pop in POPS:
        node = "out" if pop.startswith("out_") else pop
        path = f"{prefix}_{node}_spikes.csv"
        if not os.path.exists(path):
            sys.exit(f"compare_seed.py: {path}: missing")
        with open(path) as f:
            for r in csv.DictReader(f):
                if int(r.get("sample", 0)) != 0:
                    continue
                n = int(r["neuron"])
                if pop == "out_cue" and n >= CUE:
                    continue
                if pop == "out_cont":
                    if n < CUE:
                        continue
                    n -= CUE
                cells[(int(r["step"]), pop)].add(n)
    return cells


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("prefix")
    ap.add_argument("--seed",
                    default=os.path.join(HERE,
                                         "seed_experiment1_spinnaker.csv"))
    ap.add_argument("--other", help="compare with this output prefix")
    ap.add_argument("--from", dest="start", type=int, default=0)
    ap.add_argument("--until", type=int, default=90)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    seed = read_nmc(args.other) if args.other else read_seed(args.seed)
    mine = read_nmc(args.prefix)
    equal = differ = 0
    for step in range(args.start, args.until):
        for pop in POPS:
            a, b = seed.get((step, pop), set()), mine.get((step, pop), set())
            if a == b:
                equal += 1
                continue
            differ += 1
            if not args.quiet:
                print(f"step {step:3} {pop:13} seed {sorted(a)} nmc "
                      f"{sorted(b)}")
    print(f"steps [{args.start}, {args.until}): {equal} of {equal + differ} "
          "(step, population) cells equal to " +
          (args.other if args.other else "the seed's SpiNNaker run"))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
