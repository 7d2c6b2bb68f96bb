#!/usr/bin/env python3
"""Classification margin of the rate-coded SFQ XOR network against the
global bias current (examples/sfq/README.md).

For each bias scale S (`nmc run --target sfq --bias-scale S`: every synapse
and neuron bias times S), each input case (x1, x2) in {0, 1}^2 and each
seed, it runs CIRCUIT for --steps step windows, input 1 = one pulse every
window (`--input X=dc:1`), 0 = no pulse, and reads the output node's spike
count. The output rate is spikes per step (pulses per window). Per scale:

  margin = min over XOR-true runs (x1 != x2, every seed) of the rate
         - max over XOR-false runs (x1 == x2, every seed) of the rate

(> 0: a rate threshold separates every run; the worst case over seeds,
so it is the margin a fixed threshold would have). Writes runs.csv (one
row per run), margin.csv (one row per scale) and margin.svg (margin and
the mean true/false rates against S).

Example:
  python3 tools/sfq_xor_sweep.py examples/sfq/xor_network.mlir \\
      --nmc build/bin/nmc --steps 500 --seeds 20 --out xor_sweep/
"""
import argparse
import csv
import json
import os
import shlex
import subprocess
import sys

CASES = [(0, 0), (0, 1), (1, 0), (1, 1)]


def run_case(args, scale, x1, x2, seed, json_path):
    """Output rate (spikes per step) of one run."""
    cmd = [args.nmc, "run", "--target", "sfq", args.circuit,
           "--steps", str(args.steps), "--seed", str(seed),
           "--bias-scale", repr(scale), "--summary-json", json_path]
    for name, on in (("x1", x1), ("x2", x2)):
        if on:
            cmd += ["--input", f"{name}=dc:1"]
    cmd += shlex.split(args.run_args)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout)
        sys.exit("sfq_xor_sweep: failed: " + " ".join(map(shlex.quote, cmd)))
    with open(json_path) as f:
        report = json.load(f)
    for row in report["sections"]["nodes"]["tables"][0]["rows"]:
        if row[0] == args.output:
            return row[3] / args.steps
    sys.exit(f"sfq_xor_sweep: no output node '{args.output}' in the report")


def svg(rows, path):
    """margin, mean true and mean false rate against the bias scale."""
    w, h, left, bottom, top, right = 560, 360, 60, 50, 30, 130
    xs = [r["scale"] for r in rows]
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x1 = x0 + 1
    series = [("margin", "#d62728"), ("mean_true", "#1f77b4"),
              ("mean_false", "#2ca02c")]
    ys = [r[k] for r in rows for k, _ in series]
    y0, y1 = min(0.0, min(ys)), max(1e-9, max(ys))

    def px(x):
        return left + (x - x0) / (x1 - x0) * (w - left - right)

    def py(y):
        return h - bottom - (y - y0) / (y1 - y0) * (h - bottom - top)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" '
           f'height="{h}" font-family="sans-serif" font-size="12">',
           f'<text x="{w / 2}" y="18" text-anchor="middle">SFQ XOR: '
           'output rate (pulses/step) vs global bias scale</text>',
           f'<line x1="{left}" y1="{py(0)}" x2="{w - right}" y2="{py(0)}" '
           'stroke="#999"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" '
           'stroke="#000"/>',
           f'<text x="{(left + w - right) / 2}" y="{h - 12}" '
           'text-anchor="middle">bias scale</text>']
    for x in xs:
        out.append(f'<text x="{px(x):.1f}" y="{h - bottom + 16}" '
                   f'text-anchor="middle">{x:g}</text>')
    for y in (y0, (y0 + y1) / 2, y1):
        out.append(f'<text x="{left - 6}" y="{py(y) + 4:.1f}" '
                   f'text-anchor="end">{y:.2f}</text>')
    for i, (key, color) in enumerate(series):
        pts = " ".join(f"{px(r['scale']):.1f},{py(r[key]):.1f}" for r in rows)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" '
                   'stroke-width="2"/>')
        for r in rows:
            out.append(f'<circle cx="{px(r["scale"]):.1f}" '
                       f'cy="{py(r[key]):.1f}" r="3" fill="{color}"/>')
        ly = top + 16 * i
        out.append(f'<line x1="{w - right + 10}" y1="{ly}" '
                   f'x2="{w - right + 30}" y2="{ly}" stroke="{color}" '
                   'stroke-width="2"/>')
        out.append(f'<text x="{w - right + 36}" y="{ly + 4}">{key}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("circuit", help="the XOR network (an sfq circuit or a "
                    "network with inputs x1, x2)")
    ap.add_argument("--nmc", default="nmc", help="the nmc binary")
    ap.add_argument("--steps", type=int, default=500,
                    help="step windows per run")
    ap.add_argument("--seeds", type=int, default=10,
                    help="seeds 1..N per (scale, case)")
    ap.add_argument("--scales", default="0.8,0.9,1.0,1.1,1.2,1.3",
                    help="global bias scales, comma-separated")
    ap.add_argument("--output", default="y", help="the output node")
    ap.add_argument("--run-args", default="",
                    help="more `nmc run` arguments, one string")
    ap.add_argument("--out", required=True, help="output directory")
    args = ap.parse_args()
    try:
        scales = [float(s) for s in args.scales.split(",") if s.strip()]
    except ValueError:
        sys.exit(f"sfq_xor_sweep: --scales: expected numbers, got "
                 f"'{args.scales}'")
    if args.steps <= 0 or args.seeds <= 0 or not scales:
        sys.exit("sfq_xor_sweep: --steps, --seeds and --scales must be "
                 "positive and non-empty")
    os.makedirs(args.out, exist_ok=True)
    json_path = os.path.join(args.out, "run.json")
    runs, summary = [], []
    total, done = len(scales) * len(CASES) * args.seeds, 0
    for scale in scales:
        rates = {case: [] for case in CASES}
        for case in CASES:
            for seed in range(1, args.seeds + 1):
                done += 1
                print(f"[{done}/{total}] scale {scale:g} x1 {case[0]} "
                      f"x2 {case[1]} seed {seed}", flush=True)
                r = run_case(args, scale, case[0], case[1], seed, json_path)
                rates[case].append(r)
                runs.append({"scale": scale, "x1": case[0], "x2": case[1],
                             "seed": seed, "rate": r})
        true = rates[(0, 1)] + rates[(1, 0)]
        false = rates[(0, 0)] + rates[(1, 1)]
        summary.append({"scale": scale,
                        "mean_true": sum(true) / len(true),
                        "mean_false": sum(false) / len(false),
                        "min_true": min(true), "max_false": max(false),
                        "margin": min(true) - max(false)})
    os.remove(json_path)
    with open(os.path.join(args.out, "runs.csv"), "w", newline="") as f:
        wr = csv.DictWriter(f, ["scale", "x1", "x2", "seed", "rate"])
        wr.writeheader()
        wr.writerows(runs)
    with open(os.path.join(args.out, "margin.csv"), "w", newline="") as f:
        keys = ["scale", "mean_true", "mean_false", "min_true", "max_false",
                "margin"]
        wr = csv.DictWriter(f, keys)
        wr.writeheader()
        for row in summary:
            wr.writerow({k: (f"{row[k]:.6g}") for k in keys})
    svg(summary, os.path.join(args.out, "margin.svg"))
    for row in summary:
        print(f"scale {row['scale']:g}: true {row['mean_true']:.4f} "
              f"false {row['mean_false']:.4f} margin {row['margin']:.4f}")
    print(f"wrote {os.path.join(args.out, 'margin.csv')} and "
          f"{os.path.join(args.out, 'margin.svg')}")


if __name__ == "__main__":
    main()
