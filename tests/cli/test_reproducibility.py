"""Same scenario and seed: the same bytes of data. Another seed: other data."""
import os
import unittest

import h5py
import numpy as np

from common import TempDir, fleettwin, scenario


def contents(path):
    """Every dataset's bytes and every attribute, except /run (wall-clock measurements)."""
    out = {}
    with h5py.File(path, "r") as f:
        for k, v in f.attrs.items():
            out["@/" + k] = repr(v)

        def visit(name, obj):
            if name == "run" or name.startswith("run/"):
                return
            for k, v in obj.attrs.items():
                if k not in ("DIMENSION_LIST", "REFERENCE_LIST"):
                    out[f"@{name}/{k}"] = repr(v)
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()].tobytes() if obj.dtype.kind != "O" else repr(obj[()])
        f.visititems(visit)
    return out


class Reproducibility(unittest.TestCase):
    def test_same_seed_same_data_other_seed_other_data(self):
        with TempDir() as d:
            a, b, c = (os.path.join(d, n) for n in ("a.h5", "b.h5", "c.h5"))
            fleettwin("run", scenario("quickstart.yaml"), "-o", a, "--quiet")
            fleettwin("run", scenario("quickstart.yaml"), "-o", b, "--quiet")
            fleettwin("run", scenario("quickstart.yaml"), "-o", c, "--quiet", "--seed", "43")
            ca, cb, cc = contents(a), contents(b), contents(c)
            self.assertEqual(ca.keys(), cb.keys())
            for k in ca:
                self.assertEqual(ca[k], cb[k], k)
            self.assertNotEqual(ca["billing/billable_hours"], cc["billing/billable_hours"])
            with h5py.File(a) as fa, h5py.File(c) as fc:
                # Seeds move the jittered transitions, not the fleet: totals stay within a fraction of a percent.
                ta, tc = fa["billing/billable_hours"][:].sum(), fc["billing/billable_hours"][:].sum()
                self.assertLess(abs(ta - tc) / ta, 0.01)
                self.assertTrue(np.array_equal(fa["machines/os"][:], fc["machines/os"][:]))


if __name__ == "__main__":
    unittest.main()
