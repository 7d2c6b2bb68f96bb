#!/usr/bin/env python3
"""Builds the malformed-input corpus (make_corpus.py) in OUT and runs every
case: exit code 1, exactly one line on stderr matching the case's regex
(which names the file and the offending object), under 2 s of CPU time
(the process and its children: the libhdf5 check runs in a child), and
under 20 s of wall time however loaded the machine is."""
import argparse
import os
import re
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_corpus import all_cases  # noqa: E402

LIMIT_S = 2.0
WALL_LIMIT_S = 20.0


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--bin", required=True, help="folder of nmc, nmc-translate")
    p.add_argument("--fixtures", required=True, help="shared/nir folder")
    p.add_argument("--out", required=True, help="where the cases are written")
    p.add_argument("--filter", default="", help="only cases containing this")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    env = dict(os.environ)
    env.pop("NMC_TRUSTED_INPUT", None)
    nmc = os.path.join(a.bin, "nmc")
    failures = 0
    cases = [c for c in all_cases(a.fixtures, nmc, a.out) if a.filter in c.name]
    for case in cases:
        path = os.path.join(a.out, case.name + case.suffix)
        case.make(path)
        cmd = [os.path.join(a.bin, case.tool)] + [
            x.replace("{file}", path) for x in case.args]
        start, cpu_start = time.monotonic(), children_cpu()
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, env=env,
                               stdin=subprocess.DEVNULL, timeout=30)
        except subprocess.TimeoutExpired:
            r = subprocess.CompletedProcess(cmd, None, "", "(killed after 30 s)\n")
        wall = time.monotonic() - start
        took = children_cpu() - cpu_start
        lines = [l for l in r.stderr.splitlines() if l.strip()]
        regex = case.error.replace("{file}", re.escape(path))
        problems = []
        if r.returncode != case.exit_code:
            problems.append("exit %s, expected %d" % (r.returncode,
                                                     case.exit_code))
        if len(lines) != 1:
            problems.append("%d stderr lines, expected 1" % len(lines))
        if not re.search(regex, r.stderr):
            problems.append("stderr does not match /%s/" % case.error)
        if took >= LIMIT_S:
            problems.append("took %.2f s of CPU (limit %.1f s)" % (took,
                                                                   LIMIT_S))
        if wall >= WALL_LIMIT_S:
            problems.append("took %.2f s (limit %.1f s)" % (wall,
                                                            WALL_LIMIT_S))
        status = "FAIL" if problems else "ok"
        print("%-4s %-44s %5.2fs (cpu %.2fs)  %s" % (
            status, case.name, wall, took, lines[0] if lines else ""))
        for msg in problems:
            print("       " + msg)
        if problems:
            print("       command: " + " ".join(cmd))
            print("       stderr: " + r.stderr.strip().replace("\n", "\n       "))
            failures += 1
    print("%d cases, %d failed" % (len(cases), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
