"""For every valid NIR fixture: `nmc run MODEL` and `nmc compile MODEL` +
`nmc run IMAGE` must write byte-identical output files (spikes and traces of
every node as CSV and NIRData, a VCD and an SVG raster).

usage: compile_run_equals_run.py NMC FIXTURE_DIR WORK_DIR
Prints one line per fixture; exits 1 at the first difference.
"""
import filecmp
import glob
import os
import subprocess
import sys

nmc, fixtures, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)


def run(args):
    return subprocess.run([nmc] + args, check=True, capture_output=True,
                          text=True).stdout


def nodes(summary):
    """(name, kind) of each node, from the summary table of `nmc run`."""
    lines = summary.splitlines()
    start = next(i for i, l in enumerate(lines) if l.split()[:2] == ["node", "kind"])
    names = []
    for line in lines[start + 1:]:
        if line.strip().startswith("wall"):
            break
        names.append(tuple(line.split()[:2]))
    return names


models = sorted(m for m in glob.glob(os.path.join(fixtures, "*.nir"))
                if "BROKEN" not in m)
for model in models:
    base = os.path.join(work, os.path.basename(model))
    table = nodes(run(["run", model, "--steps", "1"]))
    common = ["--steps", "40", "--seed", "7"]
    for name, kind in table:
        if kind == "input":
            common += ["--input", name + "=poisson:300"]
    record = ",".join(name for name, _ in table)

    def outputs(tag):
        return ["--record", record, "--output-csv", base + tag,
                "--output-h5", base + tag + ".h5", "--vcd", base + tag + ".vcd",
                "--plot", base + tag + ".svg"]

    run(["run", model] + common + ["--dt", "1e-4"] + outputs(".direct"))
    run(["compile", model, "--dt", "1e-4", "-o", base + ".img.h5"])
    run(["run", base + ".img.h5"] + common + outputs(".image"))
    files = sorted(f for f in os.listdir(work)
                   if f.startswith(os.path.basename(model) + ".direct"))
    assert files, model
    for f in files:
        other = os.path.join(work, f.replace(".direct", ".image", 1))
        if not filecmp.cmp(os.path.join(work, f), other, shallow=False):
            print(f"DIFFER {f}")
            sys.exit(1)
    print(f"same {os.path.basename(model)}: {len(files)} files")
