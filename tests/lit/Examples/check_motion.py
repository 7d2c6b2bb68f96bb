#!/usr/bin/python3
"""check_motion.py SPIKES.csv LINES PIXELS [LATENCY]: the motion example's
detectors fire exactly as the geometry says.

Line l carries a bar of kind k = l % 8 (speed k // 2 + 1 steps per pixel,
rightward for even k) entering at step 2 + l % 5; pixel p of the bar lights
at start + p * speed. Detector l * 8 + k delays every pixel so that all
arrive at start + (pixels - 1) * speed: it must fire there, once, and no
other detector may fire (other speeds and directions spread the arrivals
over many steps). LATENCY (default 0) is added to every expected step (a
machine that reports raw ticks)."""
import csv
import sys

path, lines, pixels = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
latency = int(sys.argv[4]) if len(sys.argv) > 4 else 0
expected = set()
for line in range(lines):
    kind = line % 8
    speed = kind // 2 + 1
    start = 2 + line % 5
    expected.add((start + (pixels - 1) * speed + latency, line * 8 + kind))
got = []
with open(path) as f:
    for row in csv.DictReader(f):
        got.append((int(row["step"]), int(row["neuron"])))
missing = sorted(expected - set(got))
extra = sorted(set(got) - expected)
assert not missing and not extra and len(got) == len(expected), (
    f"missing {missing[:10]}, unexpected {extra[:10]}, {len(got)} spikes "
    f"for {len(expected)} expected")
print(f"motion: {len(got)} detections, each at its predicted step")
