import json
import os
import unittest

from common import SMALL, TempDir, fleettwin, scenario, write_file


class RunAndSummary(unittest.TestCase):
    def test_quickstart_runs_and_summarises(self):
        with TempDir() as d:
            out = os.path.join(d, "q.h5")
            run = fleettwin("run", scenario("quickstart.yaml"), "-o", out)
            self.assertIn("progress:", run.stderr)  # not a terminal: plain progress lines
            self.assertIn("wrote " + out, run.stderr)
            self.assertTrue(os.path.exists(out))
            self.assertFalse(os.path.exists(out + ".partial"))
            text = fleettwin("summary", out).stdout
            for needle in ("machines 1200", "P2 azure", "P1 onprem", "per seat", "events/s"):
                self.assertIn(needle, text)
            s = json.loads(fleettwin("summary", out, "--json").stdout)
            self.assertEqual(s["machines"], 1200)
            self.assertEqual(s["machines_by_plan"], {"off": 0, "P1": 700, "P2": 500})
            self.assertGreater(s["run"]["events"], 0)

    def test_1000_p2_vms_for_730_hours_cost_14600(self):
        with TempDir() as d:
            path = write_file(d, "small.yaml", SMALL)
            out = os.path.join(d, "s.h5")
            fleettwin("run", path, "-o", out, "--quiet")
            s = json.loads(fleettwin("summary", out, "--json").stdout)
            self.assertEqual(round(s["total"]["cost_usd"], 2), 14600.00)
            self.assertEqual(s["total"]["billed_hours"], 730000.0)
            self.assertEqual(round(s["total"]["per_seat_cost_usd"], 2), 14600.00)

    def test_set_and_seed_override_the_scenario(self):
        with TempDir() as d:
            out = os.path.join(d, "q.h5")
            fleettwin("run", scenario("quickstart.yaml"), "-o", out, "--quiet", "--seed", "7",
                      "--set", "cohorts.prod-vms.count=10", "--set", "billing.partial_hour=round-up")
            s = json.loads(fleettwin("summary", out, "--json").stdout)
            self.assertEqual(s["machines"], 810)
            self.assertEqual(s["seed"], 7)
            self.assertEqual(s["partial_hour_rule"], "round-up")

    def test_validate_reports_ok(self):
        p = fleettwin("validate", scenario("hybrid-enterprise.yaml"))
        self.assertIn("OK: scenario 'hybrid-enterprise', 50000 machines", p.stdout)

    def test_simgrid_options_pass_through(self):
        with TempDir() as d:
            out = os.path.join(d, "q.h5")
            p = fleettwin("run", scenario("quickstart.yaml"), "-o", out, "--quiet",
                          "--log=fleettwin.thres:info", "--cfg=contexts/stack-size:128")
            self.assertIn("run finished", p.stderr)  # the run's own log category, switched on at run time

    def test_help_and_version_are_ours(self):
        self.assertIn("fleettwin", fleettwin("--help").stdout)
        self.assertRegex(fleettwin("--version").stdout.strip(), r"^\d+\.\d+\.\d+$")


if __name__ == "__main__":
    unittest.main()
