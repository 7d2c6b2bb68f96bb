#!/usr/bin/python3
"""The SpiNNaker target's two benchmarks (issue 11).

compile: `nmc gen pd14 --scale S` (the Potjans-Diesmann microcircuit as
  nmc.Connector nodes) compiled with `nmc compile --target spinnaker
  --timing` onto --machine; prints seconds and peak resident memory per
  stage, the whole compile's wall time and peak memory (the goal: < 60 s and
  < 4 GB at scale 1), the largest router table (<= 1023), and the ratio to
  PACMAN 2017's 140 s mapping + 4,846 s data generation
  (../shared/reference/spinnaker.md §B.3/§D.1).

emulate: synaptic events per second of `nmc run --target spinnaker` next to
  the fixed-point reference engine (`--target reference-fixed`) on the same
  network and inputs, as a ratio (goal >= 0.3), through the whole driver
  (image load included). The CUBA- and Brunel-sized emulator benchmark is
  `nmc-spinn-emu-bench` (bench/spinn; `nmc gen cuba|brunel` use LI synapse
  filters and a Scale input, which convert-snn-to-spinn does not map yet).

Usage: bench/spinnaker.py compile [--scale 1] [--machine spin5:2x1]
       bench/spinnaker.py emulate [--network pd14|motion]
                                  [--scale X] [--steps N] [--repeat N]
Common: --build DIR (default ../build), --keep DIR (keep the files there).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from nmc_summary import read_summary  # noqa: E402

PACMAN_2017_S = 140.0 + 4846.0  # mapping + data generation, §D.1


def timed(cmd):
    """Runs cmd under /usr/bin/time -v: (stdout, wall s, peak RSS MiB)."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)",
                     p.stderr)
    h = float(wall.group(1) or 0)
    seconds = h * 3600 + float(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                        p.stderr).group(1)) / 1024
    return p.stdout, seconds, rss


def compile_bench(a, nmc, work):
    nir = os.path.join(work, f"pd14_{a.scale}.nir")
    subprocess.run([nmc, "gen", "pd14", "--scale", str(a.scale), "--dt",
                    "1e-4", "-o", nir], check=True, capture_output=True)
    image = os.path.join(work, "pd14.spinn.h5")
    out, wall, rss = timed([nmc, "compile", nir, "--target", "spinnaker",
                            "--machine", a.machine, "--dt", "1e-4",
                            "--timing", "-o", image])
    print(out)
    summary = os.path.join(work, "facts.json")
    subprocess.run([nmc, "run", image, "--steps", "1", "--summary-json",
                    summary, "--no-spinn-agreement"], check=True,
                   capture_output=True)
    with open(summary) as f:
        facts = json.load(f)["sections"]["spinnaker-image"]["values"]
    v = {k: x["value"] for k, x in facts.items()}
    print(f"PD14 scale {a.scale} on {a.machine}: {v['neurons']} neurons, "
          f"{v['synapses']} synapses, {v['cores_used']} cores on "
          f"{v['chips_used']} chips")
    print(f"router entries per chip: max {v['router_entries_max']} "
          f"(uncompressed {v['router_entries_uncompressed_max']}), "
          f"median {v['router_entries_median']}")
    print(f"compile: {wall:.1f} s wall, {rss:.0f} MiB peak "
          f"(goal at scale 1: < 60 s, < 4096 MiB)")
    if a.scale == 1.0:
        print(f"PACMAN 2017 (mapping + data generation): {PACMAN_2017_S:.0f} s "
              f"-> {PACMAN_2017_S / wall:.0f}x faster")


def generate(a, nmc, work):
    """The network file, the flags both runs take (inputs) and the flags
    only the model run takes (how to discretize it)."""
    nir = os.path.join(work, f"{a.network}.nir")
    if a.network == "motion":
        stim = os.path.join(work, "stim.csv")
        subprocess.run([nmc, "gen", "motion", "--lines", "32", "-o", nir,
                        "--stimulus", stim], check=True, capture_output=True)
        return nir, ["--input", f"input={stim}"], ["--dt", "1e-3"]
    subprocess.run([nmc, "gen", a.network, "--scale", str(a.scale), "--dt",
                    "1e-4", "-o", nir], check=True, capture_output=True)
    inputs = ["--input", "poisson:20000", "--seed", "3"] \
        if a.network == "brunel" else []
    return nir, inputs, ["--dt", "1e-4", "--method", "exact"]


def run_summary(nmc, model, steps, flags, work):
    summary = os.path.join(work, "summary.json")
    subprocess.run([nmc, "run", model, "--steps", str(steps),
                    "--summary-json", summary] + flags, check=True,
                   capture_output=True, text=True)
    totals, _ = read_summary(summary)
    return totals


def emulate_bench(a, nmc, work):
    nir, inputs, model = generate(a, nmc, work)
    image = os.path.join(work, "net.spinn.h5")
    subprocess.run([nmc, "compile", nir, "--target", "spinnaker", "--machine",
                    a.machine, "-o", image] + model, check=True,
                   capture_output=True)
    runs = {"reference-fixed": (nir, ["--target", "reference-fixed"] + model +
                                inputs),
            "spinnaker": (image, ["--no-spinn-agreement"] + inputs)}
    best = {}
    for name, (path, flags) in runs.items():
        for _ in range(a.repeat):
            t = run_summary(nmc, path, a.steps, flags, work)
            if name not in best or t["events_per_s"] > best[name][
                    "events_per_s"]:
                best[name] = t
    for name, t in best.items():
        print(f"{name:16} wall {t['wall']:.3f} s  events "
              f"{t['synaptic_events']}  {t['events_per_s'] / 1e6:.2f} M/s")
    ref = best["reference-fixed"]["events_per_s"]
    if ref == 0:
        sys.exit("no synaptic events in the reference run: run more --steps")
    ratio = best["spinnaker"]["events_per_s"] / ref
    print(f"ratio spinnaker / reference-fixed: {ratio:.2f} (goal >= 0.3)")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("what", choices=["compile", "emulate"])
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--scale", type=float, default=None,
                    help="PD14 scale (compile: 1, emulate: 0.1)")
    ap.add_argument("--machine", default="spin5")
    ap.add_argument("--network", default="pd14", choices=["pd14", "motion"])
    ap.add_argument("--steps", type=int, default=2000,
                    help="PD14 (no input, v from 0) starts spiking after "
                         "~50 ms = 500 steps")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--keep", default=None)
    a = ap.parse_args()
    nmc = os.path.join(a.build, "bin", "nmc")
    if a.scale is None:
        a.scale = 1.0 if a.what == "compile" else 0.1
    with tempfile.TemporaryDirectory() as tmp:
        work = a.keep or tmp
        os.makedirs(work, exist_ok=True)
        (compile_bench if a.what == "compile" else emulate_bench)(a, nmc,
                                                                   work)


if __name__ == "__main__":
    main()
