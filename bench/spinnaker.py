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
  (image load included): the real generated networks `nmc gen cuba`
  (LI synapse filters = exponential synapses; random initial membranes)
  and `nmc gen brunel` (Scale drive, 20 kHz Poisson), PD14 or the motion
  example, each mapped so that the cores keep up (MAPPING below), and issue
  14's STDP benchmark (`nmc gen stdp`, 10^4 Poisson inputs at 10 Hz -> 1 M
  plastic synapses -> 10^4 LIF, dt 1 ms) next to the same network static
  (`stdp-static`), where it also prints plastic updates per second. Prints
  min / median / max over --repeat interleaved runs of each engine: events/s
  on the reference's event count (equal work, so the ratio is one of wall
  times; per pair of runs, its median and range) and the emulator's own
  count. `nmc-spinn-emu-bench` (bench/spinn) is the library-level bench on
  CUBA- and Brunel-sized stand-ins.

Usage: bench/spinnaker.py compile [--scale 1] [--machine spin5:2x1]
       bench/spinnaker.py emulate [--network pd14|motion|cuba|brunel]
                                  [--scale X] [--steps N] [--repeat N]
                                  [--threads N]
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


# How each network is mapped: a mapping the cores keep up with (no
# overrun), else the emulator faithfully loses the packets and the run
# measures nothing. At dt 0.1 ms a tick has 20,000 cycles and a neuron
# update costs 170 (docs/targets/spinnaker.md): 256 neurons per core
# overrun every tick, 64 (sPyNNaker's choice at 0.1 ms, spinnaker.md §A.3)
# do not. Brunel's 20 kHz drive sends each core 2 packets per neuron and
# tick (~560 cycles each): 32 neurons per core and time_scale_factor 10
# (a 1 ms hardware tick, §A.2).
MAPPING = {"cuba": ["--neurons-per-core", "64"],
           "brunel": ["--neurons-per-core", "32", "--time-scale-factor", "10"]}


def generate(a, nmc, work):
    """The network file, the flags both runs take (inputs) and the flags
    only the model run takes (how to discretize it)."""
    nir = os.path.join(work, f"{a.network}.nir")
    if a.network in ("stdp", "stdp-static"):
        subprocess.run([nmc, "gen", a.network, "--scale", str(a.scale),
                        "--dt", "1e-3", "-o", nir], check=True,
                       capture_output=True)
        return nir, ["--input", "poisson:10", "--seed", "3"], ["--dt", "1e-3"]
    if a.network == "motion":
        stim = os.path.join(work, "stim.csv")
        subprocess.run([nmc, "gen", "motion", "--lines", "32", "-o", nir,
                        "--stimulus", stim], check=True, capture_output=True)
        return nir, ["--input", f"input={stim}"], ["--dt", "1e-3"]
    subprocess.run([nmc, "gen", a.network, "--scale", str(a.scale), "--dt",
                    "1e-4", "--method", "exact", "-o", nir], check=True,
                   capture_output=True)
    inputs = ["--input", "poisson:20000", "--seed", "3"] \
        if a.network == "brunel" else []
    if a.network == "cuba":  # Brian2's CUBA.py: v ~ U(Vr, Vt)
        inputs = ["--init-v", "lif=uniform:-60:-50", "--seed", "3"]
    return nir, inputs, ["--dt", "1e-4", "--method", "exact"]


def run_summary(nmc, model, steps, flags, work):
    summary = os.path.join(work, "summary.json")
    subprocess.run([nmc, "run", model, "--steps", str(steps),
                    "--summary-json", summary] + flags, check=True,
                   capture_output=True, text=True)
    totals, _ = read_summary(summary)
    with open(summary) as f:
        sec = json.load(f)["sections"].get("spinnaker", {}).get("values", {})
    value = lambda k: (sec.get(k, {}).get("value", 0)  # noqa: E731
                       if isinstance(sec.get(k), dict) else sec.get(k, 0))
    totals["overruns"] = value("timer_overruns")
    totals.setdefault("plastic_updates", 0)
    totals["bit_exact_eligible"] = value("bit_exact_eligible")
    return totals


def plastic_rate(t):
    """Plastic updates (synapse visits of the STDP rule) per second."""
    n = t.get("plastic_updates") or 0
    return f"  plastic updates {n} ({n / t['wall'] / 1e6:.2f} M/s)" if n \
        else ""


def emulate_bench(a, nmc, work):
    nir, inputs, model = generate(a, nmc, work)
    image = os.path.join(work, "net.spinn.h5")
    subprocess.run([nmc, "compile", nir, "--target", "spinnaker", "--machine",
                    a.machine, "-o", image] + model +
                   MAPPING.get(a.network, []), check=True,
                   capture_output=True)
    runs = {"reference-fixed": (nir, ["--target", "reference-fixed"] + model +
                                inputs),
            "spinnaker": (image, ["--no-spinn-agreement", "--threads",
                                  str(a.threads)] + inputs)}
    # Events/s of both engines on the reference's count of the network's
    # work (equal work: the ratio is one of wall times), and the emulator's
    # own count (rows' synaptic words processed: Poisson packets count one
    # per packet, a spike only its synapses that arrived in time), which
    # differs by definition (the reference does not count the Scale drive).
    walls, ref_events, own = {}, 0, []
    for _ in range(a.repeat):  # interleaved: both see the same load
        for name, (path, flags) in runs.items():
            t = run_summary(nmc, path, a.steps, flags, work)
            walls.setdefault(name, []).append(t["wall"])
            if name == "reference-fixed":
                ref_events = t["synaptic_events"]
                print(f"{name:16} wall {t['wall']:.3f} s  events "
                      f"{ref_events}  {ref_events / t['wall'] / 1e6:.2f} M/s"
                      + plastic_rate(t), flush=True)
            else:
                own.append(t["synaptic_events"] / t["wall"])
                print(f"{name:16} wall {t['wall']:.3f} s  own events "
                      f"{t['synaptic_events']} ({own[-1] / 1e6:.2f} M/s)  "
                      f"reference's {ref_events / t['wall'] / 1e6:.2f} M/s  "
                      f"overruns {t['overruns']}  bit-exact eligible "
                      f"{t['bit_exact_eligible']}" + plastic_rate(t),
                      flush=True)
    if ref_events == 0:
        sys.exit("no synaptic events in the reference run: run more --steps")
    for name, w in walls.items():
        r = sorted(ref_events / x for x in w)
        print(f"{name:16} events/s min {r[0] / 1e6:.2f} M  median "
              f"{r[len(r) // 2] / 1e6:.2f} M  max {r[-1] / 1e6:.2f} M")
    own.sort()
    print(f"spinnaker own    events/s min {own[0] / 1e6:.2f} M  median "
          f"{own[len(own) // 2] / 1e6:.2f} M  max {own[-1] / 1e6:.2f} M")
    ratios = sorted(r / e for r, e in zip(walls["reference-fixed"],
                                          walls["spinnaker"]))
    ref, emu = sorted(walls["reference-fixed"]), sorted(walls["spinnaker"])
    print(f"ratio spinnaker / reference-fixed (equal work, wall ratio): "
          f"median of pairs {ratios[len(ratios) // 2]:.2f} (min "
          f"{ratios[0]:.2f}, max {ratios[-1]:.2f}); best/best "
          f"{ref[0] / emu[0]:.2f}, worst emu / best ref {ref[0] / emu[-1]:.2f}"
          f" (goal >= 0.3)")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("what", choices=["compile", "emulate"])
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--scale", type=float, default=None,
                    help="PD14 scale (compile: 1, emulate: 0.1)")
    ap.add_argument("--machine", default="spin5")
    ap.add_argument("--network", default="pd14",
                    choices=["pd14", "motion", "cuba", "brunel", "stdp",
                             "stdp-static"])
    ap.add_argument("--steps", type=int, default=2000,
                    help="PD14 (no input, v from 0) starts spiking after "
                         "~50 ms = 500 steps")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1,
                    help="emulate: emulator threads (1: as the reference "
                         "engine, one core each; 0: one per CPU)")
    ap.add_argument("--keep", default=None)
    a = ap.parse_args()
    nmc = os.path.join(a.build, "bin", "nmc")
    if a.scale is None:
        a.scale = 1.0 if a.what == "compile" or a.network.startswith(
            "stdp") else 0.1
    with tempfile.TemporaryDirectory() as tmp:
        work = a.keep or tmp
        os.makedirs(work, exist_ok=True)
        (compile_bench if a.what == "compile" else emulate_bench)(a, nmc,
                                                                   work)


if __name__ == "__main__":
    main()
