#!/usr/bin/env python3
"""Turn the 8x8 handwritten digits into event streams, as N-MNIST was made.

N-MNIST (Orchard et al. 2015) filmed MNIST digits with an event camera that
made three saccades along a triangle. Here the camera is simulated:

1. Intensity I = pixel / 16 in [0, 1] (digits.csv.gz holds 0..16).
2. Upsample 8x8 -> 16x16 by nearest neighbour: U[y][x] = I[y // 2][x // 2].
3. Saccades: the image is displaced by d(k) = (dx, dy) pixels at frame
   k = 0..STEPS. d moves linearly along the triangle (0,0) -> (2,0) -> (1,2)
   -> (0,0); the three segments end at frames 17, 34 and 50 (for 50 steps;
   in general at ceil(STEPS * s / 3), s = 1, 2, 3).
4. Frame F_k(y, x) = U sampled at (y - dy, x - dx) with bilinear
   interpolation; pixels outside the 16x16 image read as 0.
5. Events (a DVS pixel without polarity): each pixel keeps a reference level,
   initially F_0. At step t = 0..STEPS-1 pixel p emits one event if
   |F_{t+1}(p) - ref(p)| > THRESHOLD (strict), and then ref(p) = F_{t+1}(p).
   The input neuron of pixel (y, x) is y * 16 + x.

Output: nmc run's spike CSV (`sample,step,neuron`, one file per split, the
sample column makes it a batch) and one label per line. The split is
deterministic: the first N samples of the file (all 1,797 by default), the
first N - ceil(N/4) train, the rest test. Python standard library only.
"""

import argparse
import csv
import gzip
import math
import os
import sys

DIGITS = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
SIDE = 16
TRIANGLE = [(0.0, 0.0), (2.0, 0.0), (1.0, 2.0), (0.0, 0.0)]  # (dx, dy)


def upsample(image8):
    """8x8 rows of intensities -> 16x16 by nearest neighbour."""
    return [[image8[y // 2][x // 2] for x in range(SIDE)] for y in range(SIDE)]


def saccade(k, steps):
    """Displacement (dx, dy) at frame k in [0, steps] along the triangle."""
    ends = [0] + [-(-steps * s // 3) for s in (1, 2, 3)]  # ceilings
    for s in range(3):
        if k <= ends[s + 1]:
            u = (k - ends[s]) / (ends[s + 1] - ends[s])
            (x0, y0), (x1, y1) = TRIANGLE[s], TRIANGLE[s + 1]
            return (x0 + u * (x1 - x0), y0 + u * (y1 - y0))
    raise ValueError(f"frame {k} beyond {steps} steps")


def shifted(image, dx, dy):
    """The image moved by (dx, dy), bilinear, zero outside."""
    def at(y, x):
        return image[y][x] if 0 <= y < SIDE and 0 <= x < SIDE else 0.0

    out = []
    for y in range(SIDE):
        row = []
        for x in range(SIDE):
            sy, sx = y - dy, x - dx
            y0, x0 = math.floor(sy), math.floor(sx)
            fy, fx = sy - y0, sx - x0
            row.append((1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1))
                       + fy * ((1 - fx) * at(y0 + 1, x0)
                               + fx * at(y0 + 1, x0 + 1)))
        out.append(row)
    return out


def events(frames, threshold):
    """(step, neuron) pairs from frames F_0..F_T by the DVS rule above."""
    ref = [v for row in frames[0] for v in row]
    out = []
    for t in range(len(frames) - 1):
        now = [v for row in frames[t + 1] for v in row]
        for p, v in enumerate(now):
            if abs(v - ref[p]) > threshold:
                out.append((t, p))
                ref[p] = v
    return out


def digit_events(image8, steps, threshold):
    """All events of one 8x8 digit (intensities in [0, 1])."""
    big = upsample(image8)
    frames = [shifted(big, *saccade(k, steps)) for k in range(steps + 1)]
    return events(frames, threshold)


def read_digits(path):
    """[(8x8 intensities, label)] from sklearn's digits.csv.gz."""
    samples = []
    with gzip.open(path, "rt") as f:
        for line, row in enumerate(csv.reader(f), 1):
            if len(row) != 65:
                raise ValueError(f"{path}:{line}: expected 65 columns "
                                 f"(64 pixels and a label), got {len(row)}")
            pixels = [int(v) / 16.0 for v in row[:64]]
            samples.append(([pixels[8 * y:8 * y + 8] for y in range(8)],
                            int(row[64])))
    return samples


def write_split(prefix, samples, steps, threshold):
    """PREFIX.csv (events) and PREFIX_labels.txt; returns the event count."""
    total = 0
    with open(prefix + ".csv", "w") as ev, \
            open(prefix + "_labels.txt", "w") as lab:
        ev.write("sample,step,neuron\n")
        for s, (image, label) in enumerate(samples):
            for t, p in digit_events(image, steps, threshold):
                ev.write(f"{s},{t},{p}\n")
                total += 1
            lab.write(f"{label}\n")
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", help="folder for train.csv, test.csv, labels")
    ap.add_argument("--digits", default=DIGITS, help="digits.csv.gz path")
    ap.add_argument("--samples", type=int, default=0,
                    help="use the first N samples (default: all)")
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--threshold", type=float, default=0.2,
                    help="intensity change that makes an event")
    a = ap.parse_args()
    try:
        samples = read_digits(a.digits)
    except (OSError, ValueError) as e:
        sys.exit(f"digits_to_events: error: {e}")
    if a.samples:
        if not 4 <= a.samples <= len(samples):
            sys.exit(f"digits_to_events: error: --samples must be in "
                     f"[4, {len(samples)}]")
        samples = samples[:a.samples]
    if a.steps < 3:
        sys.exit("digits_to_events: error: --steps must be >= 3")
    test = math.ceil(len(samples) / 4)
    os.makedirs(a.outdir, exist_ok=True)
    for name, part in (("train", samples[:-test]), ("test", samples[-test:])):
        n = write_split(os.path.join(a.outdir, name), part, a.steps,
                        a.threshold)
        print(f"{name}: {len(part)} samples, {n} events "
              f"({n / len(part):.1f} per sample)")


if __name__ == "__main__":
    main()
