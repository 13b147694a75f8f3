"""Every dataset and attribute outside /run is identical to the output of the program before the engine
refactor (issue 7): the digests in tests/golden/ were taken with that program (commit 7a00644). Each case runs on
one and on two worker threads: the sites run in parallel, large locations are split into shards, and the control
plane merges their reports in site order."""
import json
import os
import subprocess
import sys
import unittest

import h5py

from common import SRC, TempDir, fleettwin, scenario

sys.path.insert(0, os.path.join(SRC, "tests", "golden"))
import h5digest  # noqa: E402


def bench_fleet_args(machines, days):
    out = subprocess.run([os.path.join(SRC, "bench", "fleet-args"), str(machines), str(days)],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\n")[:-1]


CASES = {
    "quickstart": (scenario("quickstart.yaml"), []),
    # Threats were added to this scenario with issue 8: off, its output is the program's before them, byte for byte
    # (the scenario's own text and overrides aside).
    "hybrid-enterprise": (scenario("hybrid-enterprise.yaml"), ["--set", "threats.enabled=false"]),
    # Threats on. Taken with the program of commit 2802d19 (investigations expand to other devices). The one before
    # it (82ae6cb), whose detections first travelled as SimGrid messages, matched the digests of 6890d00, whose
    # sites handed their alerts to the SOC desk directly, byte for byte outside the /alerts description.
    "hybrid-enterprise-threats": (scenario("hybrid-enterprise.yaml"), []),
    "ransomware-drill": (scenario("ransomware-drill.yaml"), []),
    # Vulnerability management and threats on (issue 9), taken with the program that introduced it (sharded on two
    # threads: the same bytes); retaken when the scenario turned vulnerabilities.machine_log on: every earlier dataset
    # unchanged, /vulnerabilities/groups and /vulnerabilities/changes added.
    "patch-management": (scenario("patch-management.yaml"), []),
    "bench-20k-60d": (os.path.join(SRC, "bench", "fleet.yaml"), bench_fleet_args(20000, 60)),
    # Large enough for the biggest locations to be split into shards on two threads.
    "bench-60k-14d": (os.path.join(SRC, "bench", "fleet.yaml"), bench_fleet_args(60000, 14)),
}


class Golden(unittest.TestCase):
    def check(self, name, threads):
        path, args = CASES[name]
        with open(os.path.join(SRC, "tests", "golden", name + ".json")) as f:
            golden = json.load(f)
        with TempDir() as d:
            out = os.path.join(d, "out.h5")
            fleettwin("run", path, "-o", out, "--quiet", *args, "--threads", str(threads))
            if name == "hybrid-enterprise":
                golden = {k: v for k, v in golden.items() if k not in ("@/scenario_text", "@/scenario_overrides")}
            problems = h5digest.compare(golden, h5digest.digest(out))
            with h5py.File(out) as f:
                run = dict(f["run"].attrs)
                locations = len(f["locations/name"])
        self.assertEqual(problems, [], f"{name} on {threads} thread(s): {len(problems)} differences from the golden")
        self.assertEqual(run["threads"], threads)
        return run["sites"], locations

    def test_large_locations_are_sharded_on_two_threads(self):
        sites, locations = self.check("bench-60k-14d", 2)
        self.assertGreater(sites, locations)  # so the golden comparison above covered a sharded run
        sites, locations = self.check("bench-60k-14d", 1)
        self.assertEqual(sites, locations)


for _name in CASES:
    for _threads in (1, 2):
        setattr(Golden, f"test_{_name.replace('-', '_')}_on_{_threads}_threads",
                lambda self, n=_name, t=_threads: self.check(n, t))

if __name__ == "__main__":
    unittest.main()
