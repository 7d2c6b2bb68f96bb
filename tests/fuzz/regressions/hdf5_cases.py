#!/usr/bin/env python3
"""Writes the binary fuzz regression inputs of nmc from recipes.

Each case is a fixture from ../shared/nir with bytes overwritten at given
offsets (what a fuzzer finding minimizes to), so the repository holds no
binary files. Usage: hdf5_cases.py FIXTURE_DIR OUT_DIR; writes
OUT_DIR/<target>/<case>.{nir,h5}.
"""
import os
import sys

# (case name, fuzz target, fixture, [(offset, bytes), ...], why)
CASES = []


def main():
    fixtures, out = sys.argv[1], sys.argv[2]
    for name, target, fixture, patches, _why in CASES:
        with open(os.path.join(fixtures, fixture), "rb") as f:
            data = bytearray(f.read())
        for offset, patch in patches:
            data[offset:offset + len(patch)] = patch
        os.makedirs(os.path.join(out, target), exist_ok=True)
        ext = os.path.splitext(fixture)[1]
        with open(os.path.join(out, target, name + ext), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
