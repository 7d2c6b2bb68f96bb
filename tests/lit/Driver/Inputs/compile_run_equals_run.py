"""For every valid NIR fixture and both reference targets (float64, and
fixed point with --quantize s16.15), and the crossbar target (xbar, on a
64x64 mesh) for the fixtures it runs: `nmc run MODEL` and `nmc compile MODEL`
+ `nmc run IMAGE` must write byte-identical output files (spikes and traces
of every node as CSV and NIRData, a VCD and an SVG raster).

usage: compile_run_equals_run.py NMC FIXTURE_DIR WORK_DIR
Prints one line per fixture; exits 1 at the first difference.
"""
import filecmp
import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "..", "tools"))
from nmc_summary import read_summary  # noqa: E402

nmc, fixtures, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)


# Fixtures the xbar target cannot run (tests/unit/compiler/XbarFixtureTest.cpp
# lists them with the reason): gen_conv_if_net feeds averages of spikes
# (avg_pool) into an affine, and crossbar rows take integers only.
XBAR_UNSUPPORTED = {"gen_conv_if_net.nir"}
XBAR = ["--target", "xbar", "--no-agreement", "--hw-set", "mesh.width=64",
        "--hw-set", "mesh.height=64"]


def run(args):
    return subprocess.run([nmc] + args, check=True, capture_output=True,
                          text=True).stdout


def nodes(model):
    """(name, kind) of each node of `model`, from a one-step run's summary."""
    path = os.path.join(work, "summary.json")
    run(["run", model, "--steps", "1", "--summary-json", path])
    _, table = read_summary(path)
    return [(n["name"], n["kind"]) for n in table]


models = sorted(m for m in glob.glob(os.path.join(fixtures, "*.nir"))
                if "BROKEN" not in m)
for model in models:
    base = os.path.join(work, os.path.basename(model))
    table = nodes(model)
    common = ["--steps", "40", "--seed", "7"]
    for name, kind in table:
        if kind == "input":
            common += ["--input", name + "=poisson:300"]
    record = ",".join(name for name, _ in table)

    flavours = [("float", []), ("s16.15", ["--quantize", "s16.15"])]
    if os.path.basename(model) not in XBAR_UNSUPPORTED:
        flavours.append(("xbar", XBAR))
    for flavour, extra in flavours:
        tag = os.path.basename(model) + "." + flavour
        base = os.path.join(work, tag)

        def outputs(kind):
            return ["--record", record, "--output-csv", base + kind,
                    "--output-h5", base + kind + ".h5",
                    "--vcd", base + kind + ".vcd",
                    "--plot", base + kind + ".svg"]

        run(["run", model] + common + extra + ["--dt", "1e-4"] +
            outputs(".direct"))
        run(["compile", model, "--dt", "1e-4", "-o", base + ".img.h5"] + extra)
        # The image knows its target and hardware; only run-time flags.
        at_run = ["--no-agreement"] if flavour == "xbar" else []
        run(["run", base + ".img.h5"] + common + at_run + outputs(".image"))
        files = sorted(f for f in os.listdir(work)
                       if f.startswith(tag + ".direct"))
        assert files, model
        for f in files:
            other = os.path.join(work, f.replace(".direct", ".image", 1))
            if not filecmp.cmp(os.path.join(work, f), other, shallow=False):
                print(f"DIFFER {f}")
                sys.exit(1)
        print(f"same {os.path.basename(model)} {flavour}: {len(files)} files")
