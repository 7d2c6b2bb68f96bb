#!/usr/bin/python3
"""check_rate.py SUMMARY.json NODE LO HI: the node's mean rate is in [LO, HI]."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "tools"))
from nmc_summary import read_summary  # noqa: E402

_, nodes = read_summary(sys.argv[1])
node = next(n for n in nodes if n["name"] == sys.argv[2])
lo, hi = float(sys.argv[3]), float(sys.argv[4])
assert lo <= node["rate"] <= hi, f"rate {node['rate']} Hz not in [{lo}, {hi}]"
print(f"{sys.argv[2]}: {node['rate']:.2f} Hz in [{lo}, {hi}]")
