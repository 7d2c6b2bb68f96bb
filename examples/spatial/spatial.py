#!/usr/bin/python3
"""Supervised learning of 10-bit spatial patterns with STDP and homeostasis
(Davies et al., Neurocomputing 2025; examples/spatial/README.md).

For each training pattern: `nmc gen spatial` and one 75-step run with STDP
that saves the learned weights (`nmc run --save-weights`). Then the seed's
homeostasis step: for each trained pattern, the smallest factor (exponential
search from 1e-4, bisection to --precision, then a linear scan in steps of
--precision/10) at which the trained pattern makes the output fire once; the
largest of them scales the summed weights. Finally all 1024 patterns are
presented (one sample each) and the output's answers are scored: a pattern
is positive when it was trained. Prints the scores before homeostasis
(factor 1) and after, and the firing fraction by Hamming distance to the
nearest trained pattern; --json writes them.

Usage: spatial.py --nmc build/bin/nmc --work DIR [--patterns 992,31]
                  [--target reference] [--precision 1e-4] [--json FILE]
"""
import argparse
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
from nmc_summary import read_summary  # noqa: E402

BITS, PATTERNS = 10, 1024
TRAIN_STEPS, TEST_STEPS, DT = 75, 20, "1e-3"


def nmc(args, cmd):
    done = subprocess.run([args.nmc] + cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"spatial.py: `nmc {' '.join(cmd)}` failed:\n{done.stderr}")
    return done.stdout


def train(args, pattern):
    """Runs the training network of `pattern`; returns its learned file."""
    w = lambda name: os.path.join(args.work, f"{name}_{pattern}")  # noqa
    nmc(args, ["gen", "spatial", "--pattern", str(pattern), "-o",
               w("train") + ".nir", "--stimulus", w("train") + ".csv"])
    nmc(args, ["run", w("train") + ".nir", "--target", args.target,
               "--dt", DT, "--method", "exact", "--steps", str(TRAIN_STEPS), "--input",
               f"input={w('train')}.csv", "--save-weights",
               w("learned") + ".nir"])
    return w("learned") + ".nir"


def test_network(args, learned, factor, patterns, name):
    """Writes the test network and stimulus; returns (nir, csv) paths."""
    base = os.path.join(args.work, name)
    nmc(args, ["gen", "spatial-test", "--weights", ",".join(learned),
               "--factor", repr(factor), "--patterns",
               ",".join(map(str, patterns)) if patterns else "all",
               "-o", base + ".nir", "--stimulus", base + ".csv"])
    return base + ".nir", base + ".csv"


def output_spikes(args, learned, factor, pattern):
    """Output spikes when `pattern` is presented to the test network."""
    net, stim = test_network(args, learned, factor, [pattern], "probe")
    summary = os.path.join(args.work, "probe.json")
    nmc(args, ["run", net, "--target", args.target, "--dt", DT, "--method", "exact", "--steps",
               str(TEST_STEPS), "--input", f"input={stim}",
               "--summary-json", summary])
    _, nodes = read_summary(summary)
    return next(n["spikes"] for n in nodes if n["name"] == "out")


def homeostasis_factor(args, learned, pattern):
    """The seed's search (homeostasis.py): exponential, bisection, linear."""
    f = 1e-4
    while output_spikes(args, learned, f, pattern) < 1:
        f *= 10
        if f > 1000:
            return None
    lo, hi = (f / 10 if f > 1e-4 else 0.0), f
    while hi - lo > args.precision:
        mid = (lo + hi) / 2
        if output_spikes(args, learned, mid, pattern) > 0:
            hi = mid
        else:
            lo = mid
    step = args.precision / 10
    f = lo
    while f <= hi + step / 2:
        if output_spikes(args, learned, f, pattern) == 1:
            return f
        f += step
    return hi


def answers(args, learned, factor):
    """For each of the 1024 patterns: did the output fire?"""
    net, stim = test_network(args, learned, factor, [], f"test_{factor:g}")
    prefix = os.path.join(args.work, f"test_{factor:g}")
    nmc(args, ["run", net, "--target", args.target, "--dt", DT, "--method", "exact", "--steps",
               str(TEST_STEPS), "--input", f"input={stim}", "--output-csv",
               prefix])
    fired = [False] * PATTERNS
    with open(prefix + "_out_spikes.csv") as f:
        for row in csv.DictReader(f):
            fired[int(row["sample"])] = True
    return fired


def scores(fired, trained):
    tp = sum(fired[p] for p in trained)
    fp = sum(fired) - tp
    fn = len(trained) - tp
    tn = PATTERNS - tp - fp - fn
    distance = lambda p: min(bin(p ^ t).count("1") for t in trained)  # noqa
    by_distance = {}
    for p in range(PATTERNS):
        d = distance(p)
        n, k = by_distance.get(d, (0, 0))
        by_distance[d] = (n + 1, k + fired[p])
    return {
        "true_positives": tp, "false_positives": fp,
        "true_negatives": tn, "false_negatives": fn,
        "accuracy": (tp + tn) / PATTERNS,
        "sensitivity": tp / len(trained),
        "specificity": tn / (PATTERNS - len(trained)),
        "fired_by_hamming_distance": {
            str(d): by_distance[d][1] / by_distance[d][0]
            for d in sorted(by_distance)},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nmc", required=True, help="the nmc binary")
    ap.add_argument("--work", required=True, help="folder for the files")
    ap.add_argument("--patterns", default="992",
                    help="trained patterns, comma-separated (default 992)")
    ap.add_argument("--target", default="reference",
                    help="reference | reference-fixed | spinnaker")
    ap.add_argument("--precision", type=float, default=1e-4,
                    help="bisection width of the homeostasis search")
    ap.add_argument("--json", help="also write the scores here")
    args = ap.parse_args()
    trained = sorted({int(p) for p in args.patterns.split(",")})
    if any(p < 0 or p >= PATTERNS for p in trained):
        sys.exit("spatial.py: --patterns must be in [0, 1023]")
    os.makedirs(args.work, exist_ok=True)

    learned = [train(args, p) for p in trained]
    factors = {p: homeostasis_factor(args, learned, p) for p in trained}
    if any(f is None for f in factors.values()):
        sys.exit(f"spatial.py: no homeostasis factor <= 1000 for "
                 f"{[p for p, f in factors.items() if f is None]}")
    factor = max(factors.values())
    result = {
        "trained": trained, "target": args.target,
        "homeostasis_factors": {str(p): f for p, f in factors.items()},
        "factor": factor,
        "before": scores(answers(args, learned, 1.0), trained),
        "after": scores(answers(args, learned, factor), trained),
    }
    print(f"trained {trained} on {args.target}; homeostasis factor "
          f"{factor:.6g} (per pattern: "
          + ", ".join(f"{p}: {f:.6g}" for p, f in factors.items()) + ")")
    for when in ("before", "after"):
        s = result[when]
        print(f"{when:6} homeostasis: accuracy {100 * s['accuracy']:.2f} %, "
              f"sensitivity {100 * s['sensitivity']:.1f} %, specificity "
              f"{100 * s['specificity']:.2f} % (TP {s['true_positives']}, "
              f"FP {s['false_positives']}, FN {s['false_negatives']})")
    print("fired after homeostasis, by Hamming distance to the nearest "
          "trained pattern: " + ", ".join(
              f"{d}: {100 * v:.1f} %"
              for d, v in result["after"]["fired_by_hamming_distance"].items()))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
