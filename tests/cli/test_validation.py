"""Bad input: a clear error naming file, line, column and key; exit status 2; no output file left."""
import os
import unittest

from common import SMALL, TempDir, fleettwin, write_file


class BadInput(unittest.TestCase):
    def check_rejected(self, text, expected, *extra):
        with TempDir() as d:
            path = write_file(d, "bad.yaml", text)
            out = os.path.join(d, "out.h5")
            p = fleettwin("run", path, "-o", out, *extra, check=False)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn(expected.replace("FILE", path), p.stderr)
            self.assertEqual(os.listdir(d), ["bad.yaml"])  # neither out.h5 nor out.h5.partial
            v = fleettwin("validate", path, *extra, check=False)
            self.assertEqual(v.returncode, 2)

    def test_unknown_key(self):
        self.check_rejected(SMALL + "colour: blue\n", "FILE:8:1: colour: unknown key 'colour'")

    def test_wrong_type(self):
        self.check_rejected(SMALL.replace("count: 1000", "count: many"),
                            "FILE:7:24: cohorts[0].count: expected a whole number, found 'many'")

    def test_negative_rate(self):
        self.check_rejected(SMALL + "billing: {p1_monthly_usd: -1}\n", "FILE:8:27: billing.p1_monthly_usd: '-1' is out of range")

    def test_bad_set(self):
        self.check_rejected(SMALL, "--set cohorts[0].count=-5: cohorts[0].count: '-5' is negative",
                            "--set", "cohorts[0].count=-5")

    def test_missing_file(self):
        p = fleettwin("run", "/nonexistent/scenario.yaml", "-o", "/tmp/never.h5", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("/nonexistent/scenario.yaml: cannot open the scenario file", p.stderr)
        self.assertFalse(os.path.exists("/tmp/never.h5"))

    def test_summary_of_a_missing_file(self):
        p = fleettwin("summary", "/nonexistent/out.h5", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("/nonexistent/out.h5: no such file", p.stderr)


if __name__ == "__main__":
    unittest.main()
