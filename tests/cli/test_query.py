"""fleettwin query answers the three explorer questions (unhealthy, healthy, not applicable) at a time."""
import csv
import io
import json

from common import RunOnce, fleettwin


class Query(RunOnce):
    SCENARIO = "hybrid-enterprise.yaml"

    def counts_at(self, row):
        return self.f["health/counts"][row].sum(axis=1), self.f["health/time"][row]

    def test_the_three_explorer_questions_agree_with_the_counts(self):
        counts, t = self.counts_at(100)
        at = f"{t // 3600}h"
        for status, expected in (("unhealthy", counts[1] + counts[2]), ("healthy", counts[0]),
                                 ("not-applicable", counts[3])):
            out = json.loads(fleettwin("query", self.out, "--status", status, "--at", at, "--format", "json").stdout)
            self.assertEqual(out["matched"], expected, status)
            self.assertEqual(len(out["machines"]), expected)
        rows = json.loads(fleettwin("query", self.out, "--status", "unhealthy", "--at", at, "--format", "json").stdout)["machines"]
        self.assertTrue(all(r["class"] in ("installation_issue", "heartbeat_issue") and r["message"] for r in rows))

    def test_the_evaluation_in_force_answers_between_boundaries(self):
        a = json.loads(fleettwin("query", self.out, "--count", "--at", "2026-02-10T17:59:00Z", "--format", "json").stdout)
        self.assertEqual(a["evaluation"], "2026-02-10T16:00:00Z")
        b = json.loads(fleettwin("query", self.out, "--count", "--at", "2026-02-10T16:00:00Z", "--format", "json").stdout)
        self.assertEqual(a["counts"], b["counts"])

    def test_environment_filter_and_csv(self):
        out = fleettwin("query", self.out, "--status", "not-applicable", "--environment", "azure", "--format", "csv").stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertTrue(rows)
        self.assertTrue(all(r["environment"] == "azure" for r in rows))
        # In Azure only the uniform scale set is not applicable (the client machines and 2008 R2 are elsewhere).
        self.assertEqual({r["issue"] for r in rows}, {"vmss_uniform"})
        self.assertEqual(len(rows), 2500)
        self.assertTrue(all("Uniform Orchestration" in r["message"] for r in rows))
        everywhere = fleettwin("query", self.out, "--status", "not-applicable", "--format", "csv").stdout
        issues = {r["issue"] for r in csv.DictReader(io.StringIO(everywhere))}
        self.assertLessEqual({"vmss_uniform"}, issues)
        self.assertTrue(issues <= {"vmss_uniform", "client_os", "hyper_v_server", "unsupported_linux",
                                   "windows_server_2008_r2"}, issues)

    def test_count_mode_table(self):
        out = fleettwin("query", self.out, "--count", "--at", "72h").stdout
        self.assertIn("evaluation in force at 2026-01-08T00:00:00Z", out)
        self.assertIn("heartbeat_issue", out)

    def test_bad_requests_name_the_option(self):
        p = fleettwin("query", self.out, "--status", "sick", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--status", p.stderr)
        p = fleettwin("query", self.out, "--at", "2027-06-01T00:00:00Z", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("outside the run", p.stderr)
        p = fleettwin("query", self.out, "--environment", "mars", check=False)
        self.assertIn("--environment", p.stderr)
        p = fleettwin("query", "/nonexistent.h5", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("no such file", p.stderr)
