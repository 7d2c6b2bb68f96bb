"""Reads the JSON summary `nmc run --summary-json` writes (docs/reports.md):
totals by key and the node table as dicts."""
import json


def read_summary(path):
    """Returns (totals, nodes): totals maps a key of section "run" to its
    value; nodes is a list of {name, kind, size, spikes, rate} (spikes and
    rate are None for non-spiking nodes)."""
    with open(path) as f:
        report = json.load(f)
    totals = {k: v["value"]
              for k, v in report["sections"]["run"]["values"].items()}
    table = report["sections"]["nodes"]["tables"][0]
    names = [c["name"] for c in table["columns"]]
    nodes = [dict(zip(names, row)) for row in table["rows"]]
    return totals, nodes
