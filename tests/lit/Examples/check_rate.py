#!/usr/bin/python3
"""check_rate.py SUMMARY.json NODE LO HI: the node's mean rate is in [LO, HI]."""
import json
import sys

summary = json.load(open(sys.argv[1]))
node = next(n for n in summary["nodes"] if n["name"] == sys.argv[2])
lo, hi = float(sys.argv[3]), float(sys.argv[4])
assert lo <= node["rate"] <= hi, f"rate {node['rate']} Hz not in [{lo}, {hi}]"
print(f"{sys.argv[2]}: {node['rate']:.2f} Hz in [{lo}, {hi}]")
