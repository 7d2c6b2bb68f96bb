#!/usr/bin/python3
"""The CA3 content-addressable memory (Casanueva-Morato et al., Neural
Networks 2024; examples/ca3/README.md): learn, recall, forget.

One `nmc gen ca3` network; every test is one sample of a batched `nmc run`
(samples are independent: each starts from zero weights), so each
measurement sees only its own operations. An operation presents spikes at
step s (learn: cue + content at s, s+1, s+2, as the seed; recall: one step)
and is read from the output population `out` in [s, s + PERIOD).

For each number of stored memories N (1 .. cue size) and each kind of
content (orthogonal: disjoint, min(cont//N, cont//2) bits each; non-orthogonal: seeded
random patterns of cont//2 bits, overlapping), a sample first learns the N
memories (cue i <-> content i, PERIOD steps apart), then:
  - recall by cue i: the content bits of `out` against content i;
  - recall from a fragment (a fraction f of content i's bits): the cue part
    of `out` against the cues whose content shares a bit with the fragment
    (the model's answer, the seed's experiment 1 and its state-map
    application); then, in a second run, the same sample followed by a
    recall by the recalled cue(s): the completed content against content i
    (pattern completion from a fragment);
  - forgetting: learn a new content (disjoint from the old one) for cue 0,
    then recall by cue 0 (new content expected, old bits silent), by one
    old bit (as the seed's step 80: cue 0 must no longer answer) and by the
    whole old content (reported).
Accuracy is the fraction of bits right. Prints a table; --json writes it.

Usage: ca3.py --nmc build/bin/nmc --work DIR [--target reference]
              [--cue-size 5 --content-size 10] [--seed 1] [--json FILE]
              [--model spynnaker]
"""
import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PERIOD = 10  # steps per operation (the seed's experiment 1: >= 4 between)
DT = "1e-3"
FRACTIONS = (0.25, 0.5, 0.75, 1.0)


def nmc(args, cmd):
    done = subprocess.run([args.nmc] + cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"ca3.py: `nmc {' '.join(cmd)}` failed:\n{done.stderr}")
    return done.stdout


def contents(kind, n, cue, cont, rng):
    """N content patterns (sorted bit lists)."""
    if kind == "orthogonal":
        k = min(cont // n, cont // 2)  # room for a disjoint new content
        return [list(range(i * k, (i + 1) * k)) for i in range(n)]
    pats = []
    while len(pats) < n:
        p = sorted(rng.sample(range(cont), cont // 2))
        if p not in pats:
            pats.append(p)
    return pats


def fragment(pattern, f, rng):
    k = max(1, math.ceil(f * len(pattern)))
    return sorted(rng.sample(pattern, k))


class Sample:
    """A list of operations (kind, cue list, content bit list)."""

    def __init__(self, ops=None):
        self.ops = list(ops or [])

    def events(self, cue):
        for i, (kind, cues, bits) in enumerate(self.ops):
            s = i * PERIOD
            for t in (s, s + 1, s + 2) if kind == "learn" else (s,):
                for c in cues:
                    yield t, c
                for b in bits:
                    yield t, cue + b


def run(args, name, samples):
    """Runs the samples; returns, per sample and operation, the sets of cue
    and content neurons of `out` that fired in the operation's window."""
    stim = os.path.join(args.work, name + ".csv")
    with open(stim, "w") as f:
        f.write("sample,step,neuron\n")
        for k, s in enumerate(samples):
            for t, ch in sorted(set(s.events(args.cue_size))):
                f.write(f"{k},{t},{ch}\n")
    steps = PERIOD * (max(len(s.ops) for s in samples) + 1)
    prefix = os.path.join(args.work, name)
    if args.model:
        done = subprocess.run(
            [sys.executable, os.path.join(HERE, "stdp_conventions.py"),
             args.model, prefix, "--input", stim, "--steps", str(steps),
             "--cue-size", str(args.cue_size), "--content-size",
             str(args.content_size)], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"ca3.py: stdp_conventions.py failed:\n{done.stderr}")
    else:
        nmc(args, ["run", args.net, "--target", args.target, "--dt", DT,
                   "--method", "exact", "--steps", str(steps), "--input",
                   f"input={stim}", "--output-csv", prefix])
    fired = [[(set(), set()) for _ in s.ops] for s in samples]
    with open(prefix + "_out_spikes.csv") as f:
        for r in csv.DictReader(f):
            k, step, n = int(r["sample"]), int(r["step"]), int(r["neuron"])
            op = step // PERIOD
            if op >= len(samples[k].ops):
                continue
            if n < args.cue_size:
                fired[k][op][0].add(n)
            else:
                fired[k][op][1].add(n - args.cue_size)
    return fired


def accuracy(got, want, size):
    return sum((i in got) == (i in want) for i in range(size)) / size


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def experiment(args, kind, n, rng):
    cue, cont = args.cue_size, args.content_size
    pats = contents(kind, n, cue, cont, rng)
    learn = [("learn", [i], p) for i, p in enumerate(pats)]
    tests = []  # (what, sample, expectation)
    for i, p in enumerate(pats):
        tests.append(("cue", Sample(learn + [("recall", [i], [])]), i))
    for f in FRACTIONS:
        for i, p in enumerate(pats):
            frag = fragment(p, f, rng)
            tests.append((("fragment", f),
                          Sample(learn + [("recall", [], frag)]), (i, frag)))
    old = pats[0]
    new = sorted(rng.sample([b for b in range(cont) if b not in old],
                            min(len(old), cont - len(old))))
    relearn = learn + [("learn", [0], new)]
    tests.append(("forget_cue", Sample(relearn + [("recall", [0], [])]), new))
    # One old bit (as the seed's step 80) and the whole old content.
    tests.append(("forget_bit",
                  Sample(relearn + [("recall", [], [old[0]])]), old))
    tests.append(("forget_whole",
                  Sample(relearn + [("recall", [], old)]), old))
    others = [Sample(relearn + [("recall", [j], [])]) for j in range(1, n)]
    fired = run(args, f"{kind}_{n}", [t[1] for t in tests] + others)

    res = {"contents": pats, "new_content_of_cue_0": new}
    cue_acc = [accuracy(fired[k][-1][1], pats[e], cont)
               for k, (w, _, e) in enumerate(tests) if w == "cue"]
    res["recall_from_cue"] = {"bit_accuracy": mean(cue_acc),
                              "exact": mean([a == 1 for a in cue_acc])}
    # Fragments: the recalled cue set, then completion from it.
    frag_idx = [k for k, t in enumerate(tests) if t[0][0] == "fragment"]
    completion = []
    for k in frag_idx:
        recalled = sorted(fired[k][-1][0])
        completion.append(Sample(tests[k][1].ops + [("recall", recalled, [])]
                                 if recalled else tests[k][1].ops))
    fired2 = run(args, f"{kind}_{n}_completion", completion)
    by_f = {}
    for k, k2 in zip(frag_idx, range(len(frag_idx))):
        f = tests[k][0][1]
        i, frag = tests[k][2]
        answer = {j for j, p in enumerate(pats) if set(p) & set(frag)}
        recalled = fired[k][-1][0]
        done = fired2[k2][-1][1] if recalled else set()
        d = by_f.setdefault(f, {"presented": [], "cue_bits": [],
                                "cue_exact": [], "hit": [], "completed": [],
                                "completed_exact": []})
        d["presented"].append(len(frag) / len(pats[i]))
        d["cue_bits"].append(accuracy(recalled, answer, cue))
        d["cue_exact"].append(recalled == answer)
        d["hit"].append(i in recalled)
        a = accuracy(done, pats[i], cont)
        d["completed"].append(a)
        d["completed_exact"].append(a == 1)
    res["recall_from_fragment"] = {
        str(f): {key: mean(v) for key, v in d.items()}
        for f, d in sorted(by_f.items())}
    k_cue = next(k for k, t in enumerate(tests) if t[0] == "forget_cue")
    got = fired[k_cue][-1][1]
    old_only = [b for b in old if b not in new]
    k_bit = next(k for k, t in enumerate(tests) if t[0] == "forget_bit")
    k_whole = next(k for k, t in enumerate(tests) if t[0] == "forget_whole")
    still = [accuracy(fired[len(tests) + j][-1][1], pats[j + 1], cont)
             for j in range(n - 1)]
    res["forgetting"] = {
        "new_content_accuracy": accuracy(got, new, cont),
        "old_bits_silent": mean([b not in got for b in old_only]),
        "old_bit_still_answers_cue_0": 0 in fired[k_bit][-1][0],
        "old_content_still_answers_cue_0": 0 in fired[k_whole][-1][0],
        "other_memories_accuracy": mean(still) if still else None,
    }
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nmc", required=True, help="the nmc binary")
    ap.add_argument("--work", required=True, help="folder for the files")
    ap.add_argument("--target", default="reference",
                    help="reference | reference-fixed")
    ap.add_argument("--cue-size", type=int, default=5)
    ap.add_argument("--content-size", type=int, default=10)
    ap.add_argument("--memories", default="",
                    help="numbers of stored memories, comma-separated "
                         "(default 1 .. cue size)")
    ap.add_argument("--seed", type=int, default=1,
                    help="seed of the non-orthogonal contents and fragments")
    ap.add_argument("--model", choices=["spynnaker"],
                    help="run the plain-Python model of stdp_conventions.py "
                         "with this STDP timing instead of nmc (what the "
                         "seed's sPyNNaker timing gives)")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    cue, cont = args.cue_size, args.content_size
    if cue < 1 or cont < 2:
        sys.exit("ca3.py: --cue-size must be >= 1, --content-size >= 2")
    ns = ([int(x) for x in args.memories.split(",")] if args.memories
          else list(range(1, cue + 1)))
    if any(n < 1 or n > cue or n > cont for n in ns):
        sys.exit("ca3.py: --memories must be in [1, min(cue, content)]")
    os.makedirs(args.work, exist_ok=True)
    args.net = os.path.join(args.work, "ca3.nir")
    nmc(args, ["gen", "ca3", "--cue-size", str(cue), "--content-size",
               str(cont), "-o", args.net])
    rng = random.Random(args.seed)
    results = {"target": args.target, "model": args.model, "cue_size": cue, "content_size": cont,
               "seed": args.seed, "period_steps": PERIOD, "runs": {}}
    where = f"model {args.model}" if args.model else args.target
    print(f"CA3 CAM, cue {cue} / content {cont}, on {where}: bit "
          "accuracy (exact-recall rate)")
    print("kind            N | from cue     | from fragment f: cue bits "
          "(cue exact) -> completed content                 | forgetting: "
          "new / old silent / old bit, old content -> cue 0 / others")
    for kind in ("orthogonal", "non-orthogonal"):
        for n in ns:
            r = experiment(args, kind, n, rng)
            results["runs"][f"{kind}/{n}"] = r
            c = r["recall_from_cue"]
            frag = "  ".join(
                f"{float(f):.2f}: {100 * d['cue_bits']:3.0f}% "
                f"({100 * d['cue_exact']:3.0f}%) -> "
                f"{100 * d['completed']:3.0f}%"
                for f, d in r["recall_from_fragment"].items())
            g = r["forgetting"]
            others = g["other_memories_accuracy"]
            print(f"{kind:14} {n:2} | {100 * c['bit_accuracy']:3.0f}% "
                  f"({100 * c['exact']:3.0f}%) | {frag} | "
                  f"{100 * g['new_content_accuracy']:3.0f}% / "
                  f"{100 * g['old_bits_silent']:3.0f}% / "
                  f"{'yes' if g['old_bit_still_answers_cue_0'] else 'no '} "
                  f"{'yes' if g['old_content_still_answers_cue_0'] else 'no '}"
                  f" / " + ("-" if others is None else
                            f"{100 * others:3.0f}%"))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
