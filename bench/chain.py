#!/usr/bin/python3
"""Compile time and image I/O on long chains of nodes (issue "Hostile input",
defect 6: execution order was quadratic, images took a group per node).

For each N it writes a chain in -> N scale nodes -> out as snn MLIR, turns it
into MLIR bytecode with `nmc-opt --emit-bytecode` (not timed: parsing 112 MB
of text is MLIR's cost, not nmc's), then times
  compile:  nmc compile chain.mlirbc -o chain.h5   (parse + lowering + image)
  lower:    nmc-opt --snn-lower (the MLIR pipeline alone, from -mlir-timing)
  run:      nmc run chain.h5 --steps 1              (read + engine setup + run)
and prints wall seconds, peak RSS (GNU time) and the image size.

Usage: bench/chain.py [--build DIR] [--sizes 10000,100000,1000000]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def write_chain(n, path):
    with open(path, "w") as out:
        out.write('snn.graph @chain {\n  %v0 = snn.input "in" -> tensor<1xf32>\n')
        for i in range(1, n + 1):
            out.write(f'  %v{i} = snn.scale "s{i}"(%v{i-1} : tensor<1xf32>) '
                      '{scale = dense<2.0> : tensor<1xf32>} -> tensor<1xf32>\n')
        out.write(f'  %o = snn.output "out"(%v{n} : tensor<1xf32>) -> '
                  'tensor<1xf32>\n}\n')


def timed(cmd):
    """(wall s, peak RSS MB, stdout+stderr) of cmd under GNU time."""
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M"] + cmd,
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench/chain.py: {' '.join(cmd)} failed:\n{p.stderr[-2000:]}")
    m = re.search(r"TIME ([\d.]+) (\d+)", p.stderr)
    return float(m.group(1)), int(m.group(2)) / 1024, p.stdout + p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args()
    nmc = os.path.join(args.build, "bin", "nmc")
    opt = os.path.join(args.build, "bin", "nmc-opt")
    print(f"{'nodes':>9} {'compile s':>10} {'MB':>6} {'lower s':>8} "
          f"{'run s':>7} {'MB':>6} {'image MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            text, bc = os.path.join(tmp, "c.mlir"), os.path.join(tmp, "c.mlirbc")
            img = os.path.join(tmp, "c.h5")
            write_chain(n, text)
            subprocess.run([opt, text, "--emit-bytecode", "-o", bc], check=True)
            os.remove(text)
            tc, mc, _ = timed([nmc, "compile", bc, "-o", img])
            _, _, log = timed([opt, bc, "--snn-lower", "--mlir-timing",
                               "-o", os.devnull])
            m = re.search(r"([\d.]+) \([ \d.]+%\)\s+'snn.graph' Pipeline", log)
            tl = float(m.group(1)) if m else float("nan")
            tr, mr, _ = timed([nmc, "run", img, "--steps", "1",
                               "--summary-json", os.devnull])
            print(f"{n:>9} {tc:>10.2f} {mc:>6.0f} {tl:>8.2f} {tr:>7.2f} "
                  f"{mr:>6.0f} {os.path.getsize(img) / 1e6:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
