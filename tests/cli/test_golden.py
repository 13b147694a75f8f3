"""Every dataset and attribute outside /run is identical to the output of the program before the engine
refactor (issue 7): the digests in tests/golden/ were taken with that program (commit 7a00644). Run on one and
on two threads: the site actors run in parallel and the control plane merges their reports in site order."""
import os
import subprocess
import sys
import unittest

from common import SRC, TempDir, fleettwin, scenario

sys.path.insert(0, os.path.join(SRC, "tests", "golden"))
import h5digest  # noqa: E402

import json  # noqa: E402


def bench_fleet_args(machines, days):
    out = subprocess.run([os.path.join(SRC, "bench", "fleet-args"), str(machines), str(days)],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\n")[:-1]


CASES = {
    "quickstart": (scenario("quickstart.yaml"), []),
    "hybrid-enterprise": (scenario("hybrid-enterprise.yaml"), []),
    "bench-20k-60d": (os.path.join(SRC, "bench", "fleet.yaml"), bench_fleet_args(20000, 60)),
}


class Golden(unittest.TestCase):
    def check(self, name, *extra):
        path, args = CASES[name]
        with open(os.path.join(SRC, "tests", "golden", name + ".json")) as f:
            golden = json.load(f)
        with TempDir() as d:
            out = os.path.join(d, "out.h5")
            fleettwin("run", path, "-o", out, "--quiet", *args, *extra)
            problems = h5digest.compare(golden, h5digest.digest(out))
        self.assertEqual(problems, [], f"{name}: {len(problems)} differences from the golden output")


for _name in CASES:
    setattr(Golden, f"test_{_name.replace('-', '_')}",
            lambda self, n=_name: self.check(n))

if __name__ == "__main__":
    unittest.main()
