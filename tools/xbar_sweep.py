#!/usr/bin/env python3
"""Sweeps crossbar ADC bits and programming noise against agreement with the
float reference (examples/xbar_sweep/README.md).

For each (ADC bits, programming noise, seed) it runs MODEL on the xbar
target with the same inputs as one float-reference run, compares the two
with `nmc compare`, and writes one CSV row; then it draws agreement against
ADC bits, one line per noise level, as an SVG a person can read.

Programming noise is given in percent of the conductance range: p % sets a
constant sigma = p/100 * (g_max - g_min) (effects.programming_sigma_us),
the range being the one of --hw (a preset or a JSON file naming a preset
and overriding device.g_min_us/g_max_us) after the --hw-set changes.

Example:
  python3 tools/xbar_sweep.py model.nir --nmc build/bin/nmc --steps 50 \\
      --run-args="--dt 1 --input bernoulli:0.2 --batch 4" --out sweep/
"""
import argparse
import csv
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Conductance range (g_min_us, g_max_us) of each preset (Hardware.h; both
# take NeuRRAM's 1-40 uS, crossbar.md §3).
PRESET_G_US = {"rram-256": (1.0, 40.0), "rram40nm-512": (1.0, 40.0)}


def run(cmd):
    """Runs cmd; on failure prints its output and exits non-zero."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout)
        sys.exit("xbar_sweep: failed: " + " ".join(map(shlex.quote, cmd)))
    return p.stdout


def numbers(text, kind, what):
    try:
        return [kind(x) for x in text.split(",") if x.strip()]
    except ValueError:
        sys.exit(f"xbar_sweep: {what}: expected comma-separated numbers, "
                 f"got '{text}'")


def g_range(hw, hw_sets):
    """Conductance range in uS of --hw (preset or JSON file) after hw_sets."""
    device = {}
    preset = hw
    if hw.endswith(".json") or os.path.isfile(hw):
        try:
            with open(hw) as f:
                desc = json.load(f)
        except (OSError, ValueError) as e:
            sys.exit(f"xbar_sweep: --hw {hw}: {e}")
        preset = desc.get("preset", "rram-256")
        device = desc.get("device", {})
    if preset not in PRESET_G_US:
        sys.exit(f"xbar_sweep: --hw {hw}: unknown preset '{preset}' "
                 f"(known: {', '.join(PRESET_G_US)})")
    g = dict(zip(("g_min_us", "g_max_us"), PRESET_G_US[preset]))
    g.update({k: float(v) for k, v in device.items() if k in g})
    for kv in hw_sets:
        key, _, value = kv.partition("=")
        if key.startswith("device.") and key[7:] in g:
            g[key[7:]] = float(value)
    if not g["g_max_us"] > g["g_min_us"]:
        sys.exit(f"xbar_sweep: --hw {hw}: g_max_us {g['g_max_us']} is not "
                 f"above g_min_us {g['g_min_us']}")
    return g["g_min_us"], g["g_max_us"]


def compare(nmc, ref, run_h5, dt, output_layer, json_path):
    cmd = [nmc, "compare", ref, run_h5, "--dt", str(dt), "--json", json_path]
    if output_layer:
        cmd += ["--output-layer", output_layer]
    run(cmd)
    with open(json_path) as f:
        sections = json.load(f)["sections"]
    summary = {k: v["value"] for k, v in sections["summary"]["values"].items()}
    row = {"agreement_pct": summary.get("agreement"),
           "argmax_agreement_pct": summary.get("argmax_agreement")}
    if output_layer and ("node " + output_layer) in sections:
        node = sections["node " + output_layer]["values"]
        row["output_count_correlation"] = node["count_correlation"]["value"]
    return row


def svg_plot(rows, bits, noises, metric, label, path):
    """Agreement (y) against ADC bits (x), one polyline per noise level."""
    w, h, left, right, top, bottom = 640, 420, 70, 150, 40, 60
    pw, ph = w - left - right, h - top - bottom
    xs = lambda b: left + (b - min(bits)) / max(1, max(bits) - min(bits)) * pw
    ys = lambda v: top + (1 - v / 100.0) * ph
    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
              "#8c564b", "#e377c2", "#7f7f7f"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="22" text-anchor="middle" font-size="15">'
           f'{label} vs ADC bits</text>']
    for v in range(0, 101, 20):  # y grid
        y = ys(v)
        out.append(f'<line x1="{left}" y1="{y}" x2="{left + pw}" y2="{y}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end">'
                   f'{v}%</text>')
    for b in bits:  # x ticks
        out.append(f'<text x="{xs(b)}" y="{top + ph + 18}" '
                   f'text-anchor="middle">{b}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{h - 15}" '
               'text-anchor="middle">ADC bits</text>')
    out.append(f'<text x="18" y="{top + ph / 2}" text-anchor="middle" '
               f'transform="rotate(-90 18 {top + ph / 2})">{label} [%]</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" '
               'fill="none" stroke="black"/>')
    for k, noise in enumerate(noises):
        color = colors[k % len(colors)]
        pts = []
        for b in bits:
            vals = [r[metric] for r in rows
                    if r["adc_bits"] == b and r["noise_pct"] == noise
                    and r[metric] is not None]
            if vals:
                pts.append((xs(b), ys(sum(vals) / len(vals))))
        if pts:
            out.append('<polyline fill="none" stroke-width="2" stroke="'
                       + color + '" points="'
                       + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
            for x, y in pts:
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" '
                           f'fill="{color}"/>')
        ly = top + 10 + 18 * k
        out.append(f'<line x1="{left + pw + 15}" y1="{ly}" '
                   f'x2="{left + pw + 40}" y2="{ly}" stroke="{color}" '
                   'stroke-width="2"/>')
        out.append(f'<text x="{left + pw + 45}" y="{ly + 4}">noise '
                   f'{noise:g} %</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="NIR model (or .mlir)")
    ap.add_argument("--nmc", default=os.path.join(HERE, "..", "build", "bin",
                                                   "nmc"))
    ap.add_argument("--steps", type=int, required=True)
    ap.add_argument("--dt", type=float, default=1.0,
                    help="time step of the runs (default 1)")
    ap.add_argument("--run-args", default="",
                    help="extra `nmc run` arguments for both runs (inputs, "
                         "batch, seed), one string")
    ap.add_argument("--hw", default="rram-256", help="preset or JSON file")
    ap.add_argument("--hw-set", action="append", default=[],
                    metavar="KEY=VALUE",
                    help="hardware change for every crossbar run "
                         "(repeatable), as `nmc run --hw-set`")
    ap.add_argument("--bits", default="3,4,5,6,7,8")
    ap.add_argument("--noise", default="0,2,5,10",
                    help="programming noise levels, percent of the range")
    ap.add_argument("--seeds", type=int, default=1,
                    help="device seeds per noisy point")
    ap.add_argument("--output-layer", default="",
                    help="node whose argmax agreement and count correlation "
                         "are reported")
    ap.add_argument("--out", required=True, help="output directory")
    a = ap.parse_args()
    bits = numbers(a.bits, int, "--bits")
    noises = numbers(a.noise, float, "--noise")
    if not bits or not noises or a.seeds < 1 or a.steps < 1:
        sys.exit("xbar_sweep: need bits, noise levels, --seeds >= 1 and "
                 "--steps >= 1")
    g_min, g_max = g_range(a.hw, a.hw_set)
    os.makedirs(a.out, exist_ok=True)
    extra = shlex.split(a.run_args)
    base = [a.nmc, "run", a.model, "--steps", str(a.steps), "--dt",
            str(a.dt)] + extra
    ref = os.path.join(a.out, "reference.h5")
    run(base + ["--output-h5", ref])
    rows = []
    total = len(bits) * sum(a.seeds if n > 0 else 1 for n in noises)
    for b in bits:
        for noise in noises:
            for seed in range(1, (a.seeds if noise > 0 else 1) + 1):
                h5 = os.path.join(a.out, "xbar.h5")
                sets = a.hw_set + [f"adc.bits={b}", f"effects.seed={seed}"]
                sigma = noise / 100 * (g_max - g_min)
                if noise > 0:
                    sets += ["effects.programming_noise=true",
                             f"effects.programming_sigma_us=[{sigma}]"]
                # The agreement is measured here with `nmc compare`
                # against the one reference run, not by every run again.
                cmd = base + ["--target", "xbar", "--hw", a.hw,
                              "--no-agreement", "--output-h5", h5]
                for s in sets:
                    cmd += ["--hw-set", s]
                run(cmd)
                row = {"adc_bits": b, "noise_pct": noise, "seed": seed,
                       "sigma_us": float(f"{sigma:.6g}")}
                row.update(compare(a.nmc, ref, h5, a.dt, a.output_layer,
                                   os.path.join(a.out, "compare.json")))
                rows.append(row)
                print(f"[{len(rows)}/{total}] bits {b} noise {noise:g} % "
                      f"seed {seed}: agreement {row['agreement_pct']:.2f} %",
                      flush=True)
    keys = ["adc_bits", "noise_pct", "sigma_us", "seed", "agreement_pct",
            "argmax_agreement_pct", "output_count_correlation"]
    with open(os.path.join(a.out, "sweep.csv"), "w", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=keys, extrasaction="ignore")
        wr.writeheader()
        for r in rows:
            wr.writerow({k: r.get(k) for k in keys})
    svg_plot(rows, bits, noises, "agreement_pct",
             "Spike agreement with the float reference",
             os.path.join(a.out, "sweep.svg"))
    print("wrote", os.path.join(a.out, "sweep.csv"), "and",
          os.path.join(a.out, "sweep.svg"))


if __name__ == "__main__":
    main()
