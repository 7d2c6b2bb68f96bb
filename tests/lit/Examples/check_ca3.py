#!/usr/bin/python3
"""Asserts the CA3 example's qualitative results (examples/ca3/README.md)
on the JSON of examples/ca3/ca3.py. Thresholds and why:
  - orthogonal memories, recall from the full cue: 100 % of the content bits
    (the seed's experiment 1 recalls every stored memory exactly, and a
    learned weight of 6 nA fires its target alone: Ca3Test);
  - orthogonal memories, fragment of >= half the content: the stored cue
    answers (hit 100 %) and the completed content is 100 % right;
  - overwrite: the new content is recalled 100 %, every old-only bit is
    silent and one old bit no longer answers cue 0 (the seed's experiment
    1, steps 60-86; the whole old content still can: residual weights of
    2.4 nA, below one spike's 3.4 nA but not in sum, are not asserted);
  - non-orthogonal memories, recall from the full cue: >= 80 % of the bits
    (overlapping contents only add bits that another memory shares).
Usage: check_ca3.py RESULT.json
"""
import json
import sys


def main():
    r = json.load(open(sys.argv[1]))
    bad = []
    for key, run in r["runs"].items():
        kind, n = key.split("/")
        cue = run["recall_from_cue"]["bit_accuracy"]
        if kind == "orthogonal":
            if cue < 1.0:
                bad.append(f"{key}: recall from cue {cue:.2f} < 1")
            for f, d in run["recall_from_fragment"].items():
                if float(f) >= 0.5 and (d["hit"] < 1.0 or d["completed"] < 1.0):
                    bad.append(f"{key}: fragment {f}: hit {d['hit']:.2f}, "
                               f"completed {d['completed']:.2f} < 1")
            g = run["forgetting"]
            if (g["new_content_accuracy"] < 1.0 or g["old_bits_silent"] < 1.0
                    or g["old_bit_still_answers_cue_0"]):
                bad.append(f"{key}: forgetting {g}")
        elif cue < 0.8:
            bad.append(f"{key}: recall from cue {cue:.2f} < 0.8")
    for b in bad:
        print("check_ca3.py: " + b)
    if bad:
        sys.exit(1)
    print(f"check_ca3.py: {len(r['runs'])} runs pass")


if __name__ == "__main__":
    main()
