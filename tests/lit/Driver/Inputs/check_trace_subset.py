#!/usr/bin/python3
"""Checks a --record-neurons trace CSV against a full recording of the same
run: every (sample, step) has exactly the listed neurons, in list order, with
the full recording's values.

Usage: check_trace_subset.py FULL.csv SUBSET.csv N0,N1,...
"""
import csv
import sys

full_path, subset_path, listed = sys.argv[1], sys.argv[2], sys.argv[3]
neurons = [int(n) for n in listed.split(",")]
full = {}
for r in csv.DictReader(open(full_path)):
    full[(r["sample"], r["step"], int(r["neuron"]))] = r["value"]
rows = list(csv.DictReader(open(subset_path)))
steps = sorted({(s, t) for (s, t, _) in full})
assert len(rows) == len(steps) * len(neurons), (len(rows), len(steps))
for k, r in enumerate(rows):
    sample, step = steps[k // len(neurons)]
    want = neurons[k % len(neurons)]
    assert (r["sample"], r["step"], int(r["neuron"])) == (sample, step, want), r
    assert r["value"] == full[(sample, step, want)], (r, full[(sample, step, want)])
distinct = {full[key] for key in full if key[2] in neurons}
assert len(distinct) > len(steps), "the test needs neurons that differ"
print(f"subset of {len(neurons)} neurons matches the full recording")
