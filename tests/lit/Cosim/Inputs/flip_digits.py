"""Plants a wrong weight in every cached RTL image under a cache root.

In each entry's rtl/, the first node<n>_digits.hex (by node number) gets
its first line, the digit of row 0 and column 0, replaced: 0 becomes 7, any
other digit 0. The digits are 5-bit two's complement words ($readmemh, one
a line), so the new value is a valid digit that differs from the old one.

Usage: flip_digits.py CACHE_ROOT
"""
import pathlib
import re
import sys


def node_number(path):
    return int(re.match(r"node(\d+)_digits\.hex", path.name).group(1))


def main():
    root = pathlib.Path(sys.argv[1])
    flipped = 0
    for rtl in sorted(root.glob("*/rtl")):
        files = sorted(rtl.glob("node*_digits.hex"), key=node_number)
        if not files:
            continue
        lines = files[0].read_text().splitlines()
        lines[0] = "0" if int(lines[0], 16) != 0 else "7"
        files[0].write_text("\n".join(lines) + "\n")
        flipped += 1
    if flipped == 0:
        sys.exit(f"no RTL digits under {root}")


main()
