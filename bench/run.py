#!/usr/bin/python3
"""nmc vs Brian2 C++ standalone on CUBA and Brunel, side by side.

Both simulators run the same network (same equations, parameters, dt 0.1 ms,
single thread, no refractory period; see brian2_*.py) for the same
simulated time; the script prints synaptic events per second of each and
the ratio nmc / Brian2. Baselines measured on the developers' 2-core machine
are in BASELINES.md.

Usage: bench/run.py [--build DIR] [--cuba-seconds S] [--brunel-seconds S]
                    [--brunel-scale X] [--repeat N]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from nmc_summary import read_summary  # noqa: E402


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError("no JSON in output of " + " ".join(cmd))


def nmc_run(nmc, model, steps, extra, workdir):
    summary = os.path.join(workdir, "summary.json")
    subprocess.run([nmc, "run", model, "--steps", str(steps), "--dt", "1e-4",
                    "--method", "exact", "--summary-json", summary] + extra,
                   check=True, capture_output=True, text=True)
    totals, nodes = read_summary(summary)
    spikes = sum(n["spikes"] or 0 for n in nodes if n["kind"] == "neuron")
    return {"wall_s": totals["wall"],
            "synaptic_events": totals["synaptic_events"],
            "events_per_s": totals["events_per_s"], "spikes": spikes}


def best(runs):
    return max(runs, key=lambda r: r["events_per_s"])


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--cuba-seconds", type=float, default=10.0)
    ap.add_argument("--brunel-seconds", type=float, default=1.0)
    ap.add_argument("--brunel-scale", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    nmc = os.path.join(a.build, "bin", "nmc")
    py = "/usr/bin/python3"
    rows = []
    with tempfile.TemporaryDirectory(prefix="nmc_bench_") as tmp:
        cuba = os.path.join(tmp, "cuba.nir")
        brunel = os.path.join(tmp, "brunel.nir")
        subprocess.run([nmc, "gen", "cuba", "-o", cuba], check=True,
                       capture_output=True)
        subprocess.run([nmc, "gen", "brunel", "-o", brunel, "--scale",
                        str(a.brunel_scale)], check=True, capture_output=True)
        cuba_steps = int(round(a.cuba_seconds / 1e-4))
        brunel_steps = int(round(a.brunel_seconds / 1e-4))
        n_cuba = best([nmc_run(nmc, cuba, cuba_steps,
                               ["--init-v", "lif=uniform:-60:-50",
                                "--seed", str(i + 1)], tmp)
                       for i in range(a.repeat)])
        b_cuba = best([run_json([py, os.path.join(HERE, "brian2_cuba.py"),
                                 str(a.cuba_seconds), str(i + 1)])
                       for i in range(a.repeat)])
        n_brunel = best([nmc_run(nmc, brunel, brunel_steps,
                                 ["--input", "poisson:20000",
                                  "--seed", str(i + 1)], tmp)
                         for i in range(a.repeat)])
        b_brunel = best([run_json([py, os.path.join(HERE, "brian2_brunel.py"),
                                   str(a.brunel_seconds), str(a.brunel_scale),
                                   str(i + 1)])
                         for i in range(a.repeat)])
        rows = [("CUBA", a.cuba_seconds, n_cuba, b_cuba),
                ("Brunel", a.brunel_seconds, n_brunel, b_brunel)]
    print(f"{'network':8} {'sim s':>6} {'nmc wall':>9} {'nmc ev/s':>10} "
          f"{'brian2 wall':>11} {'brian2 ev/s':>11} {'ratio':>6}")
    for name, secs, n, b in rows:
        ratio = n["events_per_s"] / b["events_per_s"]
        print(f"{name:8} {secs:6.1f} {n['wall_s']:9.3f} "
              f"{n['events_per_s'] / 1e6:9.1f}M {b['wall_s']:11.3f} "
              f"{b['events_per_s'] / 1e6:10.1f}M {ratio:5.2f}x")
        print(f"{'':8} spikes: nmc {n['spikes']}, brian2 {b['spikes']}; "
              f"events: nmc {n['synaptic_events']}, brian2 "
              f"{b['synaptic_events']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
