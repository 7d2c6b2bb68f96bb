"""Checks the sfq rate agreement of `nmc run --target sfq --summary-json`
(tests/lit/Examples/sfq_nir_ff.test): every output neuron's rate within
0.05 per step (dt = 1) of the float reference's. With a second report,
checks that both have the same sfq rates instead."""
import json
import sys


def rates(path):
    rows = json.load(open(path))["sections"]["agreement"]["tables"][0]["rows"]
    return [(r[0], r[1], r[2]) for r in rows]


if len(sys.argv) == 3:
    assert rates(sys.argv[1]) == rates(sys.argv[2]), (
        rates(sys.argv[1]), rates(sys.argv[2]))
    print("same rates")
    sys.exit(0)
for neuron, ref, sfq in rates(sys.argv[1]):
    assert abs(ref - sfq) < 0.05, (neuron, ref, sfq)
    print(f"out[{neuron}] ok")
