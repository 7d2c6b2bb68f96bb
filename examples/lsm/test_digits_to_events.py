#!/usr/bin/env python3
"""Unit tests of digits_to_events.py against events worked out by hand."""

import gzip
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep the source folder clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import digits_to_events as d2e  # noqa: E402


def one_pixel():
    """8x8 image, intensity 1 at row 3, column 3 (16x16: rows/cols 6-7)."""
    image = [[0.0] * 8 for _ in range(8)]
    image[3][3] = 1.0
    return image


def n(y, x):
    return y * 16 + x


class Converter(unittest.TestCase):
    def test_upsample_is_nearest(self):
        image = [[float(8 * y + x) for x in range(8)] for y in range(8)]
        big = d2e.upsample(image)
        self.assertEqual(len(big), 16)
        self.assertEqual(big[0][:4], [0.0, 0.0, 1.0, 1.0])
        self.assertEqual(big[1][:4], [0.0, 0.0, 1.0, 1.0])
        self.assertEqual(big[15][15], 63.0)
        self.assertEqual(big[5][9], 8 * 2 + 4)

    def test_saccade_corners_and_midpoint(self):
        # Segments end at frames 17, 34, 50 for 50 steps.
        self.assertEqual(d2e.saccade(0, 50), (0.0, 0.0))
        self.assertEqual(d2e.saccade(17, 50), (2.0, 0.0))
        self.assertEqual(d2e.saccade(34, 50), (1.0, 2.0))
        self.assertEqual(d2e.saccade(50, 50), (0.0, 0.0))
        dx, dy = d2e.saccade(25, 50)  # 8/17 of the way from (2,0) to (1,2)
        self.assertAlmostEqual(dx, 2 - 8 / 17, places=12)
        self.assertAlmostEqual(dy, 16 / 17, places=12)

    def test_bilinear_shift_splits_a_pixel(self):
        big = d2e.upsample(one_pixel())
        f = d2e.shifted(big, 0.25, 0.5)
        # Source (y - 0.5, x - 0.25): pixel (6, 6) reads the block at
        # (5.5, 5.75): weights 0.5 (row 6) x 0.75 (col 6) = 0.375.
        self.assertAlmostEqual(f[6][6], 0.375)
        self.assertAlmostEqual(f[7][8], 0.25)   # rows 6-7 full, col 7 0.25
        self.assertAlmostEqual(f[8][7], 0.5)    # row 7 half, cols 6-7 full
        self.assertAlmostEqual(f[8][8], 0.125)  # 0.5 x 0.25
        self.assertEqual(f[5][5], 0.0)

    def test_dvs_rule_fires_once_and_resets_reference(self):
        row = lambda v: [[v] + [0.0] * 15] + [[0.0] * 16] * 15
        # 0 -> 0.3 (no: 0.3 > 0.25 yes) -> 0.5 (0.2 from 0.3, no) -> 0.6
        # (0.3 from 0.3, yes) -> 0.6 (no)
        frames = [row(v) for v in (0.0, 0.3, 0.5, 0.6, 0.6)]
        self.assertEqual(d2e.events(frames, 0.25), [(0, 0), (2, 0)])

    def test_three_integer_saccades_by_hand(self):
        # 3 steps: frames at displacements (0,0), (2,0), (1,2), (0,0), all
        # integer, so each frame is the 2x2 block moved exactly: rows 6-7 x
        # cols 6-7, then 6-7 x 8-9, then 8-9 x 7-8, then back.
        a = [n(6, 6), n(6, 7), n(7, 6), n(7, 7)]
        b = [n(6, 8), n(6, 9), n(7, 8), n(7, 9)]
        c = [n(8, 7), n(8, 8), n(9, 7), n(9, 8)]
        expected = ([(0, p) for p in sorted(a + b)] +
                    [(1, p) for p in sorted(b + c)] +
                    [(2, p) for p in sorted(a + c)])
        self.assertEqual(d2e.digit_events(one_pixel(), 3, 0.5), expected)

    def test_first_saccade_sub_pixel_by_hand(self):
        # Steps 0..16 move the block right by dx = 2k/17 (frame k = step+1).
        # Columns 6 and 8 read 1 - dx and dx while dx < 1: they pass the
        # 0.9 threshold first at k = 8 (dx = 16/17), step 7. Columns 7 and 9
        # read 2 - dx and dx - 1 once dx > 1: they pass 0.9 at k = 17
        # (dx = 2), step 16. Rows 6 and 7 alike; nothing else changes.
        ev = [e for e in d2e.digit_events(one_pixel(), 50, 0.9) if e[0] < 17]
        self.assertEqual(ev, [(7, n(6, 6)), (7, n(6, 8)), (7, n(7, 6)),
                              (7, n(7, 8)), (16, n(6, 7)), (16, n(6, 9)),
                              (16, n(7, 7)), (16, n(7, 9))])

    def test_blank_digit_makes_no_events(self):
        self.assertEqual(d2e.digit_events([[0.0] * 8] * 8, 50, 0.05), [])

    def test_reads_digits_file_and_refuses_bad_rows(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "d.csv.gz")
            with gzip.open(path, "wt") as f:
                f.write(",".join(["0"] * 27 + ["16"] + ["0"] * 36) + ",7\n")
            [(image, label)] = d2e.read_digits(path)
            self.assertEqual(label, 7)
            self.assertEqual(image[3][3], 1.0)
            self.assertEqual(sum(map(sum, image)), 1.0)
            prefix = os.path.join(tmp, "s")
            self.assertEqual(d2e.write_split(prefix, [(image, 7)], 3, 0.5), 24)
            with open(prefix + ".csv") as f:
                lines = f.read().splitlines()
            self.assertEqual(lines[:2], ["sample,step,neuron", "0,0,102"])
            with open(prefix + "_labels.txt") as f:
                self.assertEqual(f.read(), "7\n")
            with gzip.open(path, "wt") as f:
                f.write("1,2,3\n")
            with self.assertRaisesRegex(ValueError, r"d.csv.gz:1: expected 65"):
                d2e.read_digits(path)


if __name__ == "__main__":
    unittest.main()
