#!/usr/bin/python3
"""The xbar emulator next to the float reference engine on the same networks.

For each network it runs `nmc run` three times with the same inputs: the
float reference engine (`--target reference`), the crossbar emulator with
every device effect off (`--target xbar`), and the crossbar emulator with
programming noise, read noise, drift and stuck-at faults on. It prints
synaptic events per second of each (the network's multiply-adds: nonzero
inputs x fan-out, the same count the reference reports) and the ratios
xbar / reference. The goal (issue "Target xbar"): effects off >= 0.5x.

Networks: the seed paper's LSM (`nmc gen lsm`: 256 -> 200 recurrent LIF,
random device weights) driven by Bernoulli spikes, and the NIR paper CNN
(`paper_cnn_sinabs.nir`) on random frames. Baselines: BASELINES.md.

Usage: bench/xbar.py [--build DIR] [--shared DIR] [--steps N] [--lsm-steps N]
                     [--repeat N]
(--steps is the CNN's, default 2000; the LSM runs --lsm-steps, default 20000.)
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from nmc_summary import read_summary  # noqa: E402

EFFECTS = ["effects.programming_noise=true", "effects.read_noise=true",
           "effects.drift=true", "effects.stuck_at=true"]


def nmc_run(nmc, model, args, workdir):
    summary = os.path.join(workdir, "summary.json")
    p = subprocess.run([nmc, "run", model, "--summary-json", summary] + args,
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench/xbar.py: nmc run failed:\n{p.stdout}{p.stderr}")
    totals, _ = read_summary(summary)
    return {"wall_s": totals["wall"],
            "events": totals["synaptic_events"],
            "events_per_s": totals["events_per_s"]}


def best(runs):
    return max(runs, key=lambda r: r["events_per_s"])


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..",
                                                     "shared"))
    ap.add_argument("--steps", type=int, default=2000)
    # The LSM's reference run takes ~12 ms at 2000 steps: too short to time
    # (its ratio moved +-30% between runs), so it runs 10x longer.
    ap.add_argument("--lsm-steps", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    nmc = os.path.join(a.build, "bin", "nmc")
    rows = []
    with tempfile.TemporaryDirectory(prefix="nmc_xbar_bench_") as tmp:
        lsm = os.path.join(tmp, "lsm.nir")
        subprocess.run([nmc, "gen", "lsm", "-o", lsm], check=True,
                       capture_output=True)
        cnn = os.path.join(a.shared, "nir", "paper_cnn_sinabs.nir")
        nets = [("LSM 256-200", lsm, a.lsm_steps, ["--input", "bernoulli:0.1"],
                 []),
                ("paper CNN", cnn, a.steps, ["--input", "bernoulli:0.2"],
                 ["--hw-set", "mesh.width=16", "--hw-set", "mesh.height=16"])]
        for name, model, steps, inputs, hw in nets:
            common = ["--steps", str(steps), "--dt", "1"] + inputs
            ref = best([nmc_run(nmc, model, common + ["--seed", str(i + 1)],
                                tmp) for i in range(a.repeat)])
            xbar = ["--target", "xbar", "--no-agreement"] + hw
            off = best([nmc_run(nmc, model, common + xbar +
                                ["--seed", str(i + 1)], tmp)
                        for i in range(a.repeat)])
            on_args = xbar + sum((["--hw-set", e] for e in EFFECTS), [])
            on = best([nmc_run(nmc, model, common + on_args +
                               ["--seed", str(i + 1)], tmp)
                       for i in range(a.repeat)])
            rows.append((name, steps, ref, off, on))
    print(f"{'network':12} {'steps':>6} {'ref ev/s':>10} {'xbar off':>10} "
          f"{'ratio':>6} {'xbar on':>10} {'ratio':>6}")
    for name, steps, ref, off, on in rows:
        print(f"{name:12} {steps:6d} {ref['events_per_s'] / 1e6:9.2f}M "
              f"{off['events_per_s'] / 1e6:9.2f}M "
              f"{off['events_per_s'] / ref['events_per_s']:5.2f}x "
              f"{on['events_per_s'] / 1e6:9.2f}M "
              f"{on['events_per_s'] / ref['events_per_s']:5.2f}x")
        print(f"{'':12} wall: reference {ref['wall_s']:.3f} s, xbar off "
              f"{off['wall_s']:.3f} s, on {on['wall_s']:.3f} s; events "
              f"{ref['events']} / {off['events']} / {on['events']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
