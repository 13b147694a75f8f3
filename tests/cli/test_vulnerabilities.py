"""Vulnerability management through the program (issue 9): the bundled scenario's /vulnerabilities,
/vulnerabilities/exposure and /secure_score hold together (truth = listed - stale + unseen; unseen by cause adds up;
every existing machine has one view), read back with h5py and xarray; agentless scanning lists Plan 2 VMs without a
sensor once a day; a silent sensor's snapshot expires after the retention; summary and the plot script use the file."""
import json
import os
import subprocess
import unittest

import h5py
import numpy as np
import xarray as xr

from common import SRC, RunOnce, TempDir, fleettwin, scenario, write_file


class PatchManagement(RunOnce):
    SCENARIO = "patch-management.yaml"

    def test_truth_is_listed_minus_stale_plus_unseen(self):
        v = self.f["vulnerabilities"]
        open_, listed, unseen, stale = (v[k][()] for k in ("open", "listed", "unseen", "stale"))
        self.assertTrue((unseen <= open_).all())
        np.testing.assert_array_equal(open_, listed - stale + unseen)
        self.assertGreater(unseen.sum(), 0)
        self.assertGreater(stale.sum(), 0)  # machines that patched after their snapshot

    def test_unseen_by_cause_adds_up(self):
        v = self.f["vulnerabilities"]
        np.testing.assert_array_equal(v["unseen_by_cause"][()].sum(axis=2), v["unseen"][()].sum(axis=2))
        np.testing.assert_allclose(v["unseen_days_by_cause"][()].sum(axis=2), v["unseen_days"][()].sum(axis=2),
                                   rtol=1e-9, atol=1e-6)
        self.assertTrue((v["unseen_days"][()] <= v["open_days"][()] + 1e-6).all())

    def test_every_machine_has_one_view_and_the_times_are_the_cadence(self):
        v = self.f["vulnerabilities"]
        self.assertTrue((v["machines"][()].sum(axis=1) == int(self.f.attrs["machines"])).all())
        t = v["time"][()]
        self.assertTrue((np.diff(t) == v.attrs["cadence_s"]).all())
        self.assertEqual(len(t), 90 * 4)
        # The legacy datacentre's sensors fail for weeks: some of its machines outlive the 30-day retention.
        self.assertGreater(v["unseen_by_cause"][-1, 3, 0], 0)

    def test_scores_are_in_range_and_sampled_as_documented(self):
        e = self.f["vulnerabilities/exposure"]
        s = self.f["secure_score"]
        self.assertEqual(len(e["time"]), 90)
        self.assertTrue((np.diff(e["time"][()]) == 86400).all())
        self.assertTrue(((e["exposure_score"][()] >= 0) & (e["exposure_score"][()] <= 100)).all())
        self.assertEqual(len(s["time"]), 90 * 3)
        self.assertTrue((np.diff(s["time"][()]) == 8 * 3600).all())
        # Recompute the score from the control counts by the documented formula.
        va, ep = s.attrs["remediate_vulnerabilities_max"], s.attrs["endpoint_protection_max"]
        h1, u1 = s["remediate_vulnerabilities_healthy"][()], s["remediate_vulnerabilities_unhealthy"][()]
        h2, u2 = s["endpoint_protection_healthy"][()], s["endpoint_protection_unhealthy"][()]
        expected = 100 * (va * h1 / (h1 + u1) + ep * h2 / (h2 + u2)) / (va + ep)
        np.testing.assert_allclose(s["score_percent"][()], expected, rtol=1e-12)

    def test_xarray_reads_the_groups_with_their_coordinates(self):
        v = xr.open_dataset(self.out, engine="h5netcdf", group="vulnerabilities")
        self.assertEqual(list(v.open.dims), ["time", "environment", "severity"])
        self.assertEqual([str(x) for x in v.severity.values], ["low", "medium", "high", "critical"])
        self.assertIn("long_name", v.open.attrs)

    def test_summary_and_plot(self):
        out = fleettwin("summary", self.out).stdout
        self.assertIn("unseen finding-days", out)
        self.assertIn("exposure score", out)
        j = json.loads(fleettwin("summary", self.out, "--json").stdout)["vulnerabilities"]
        v = self.f["vulnerabilities"]
        self.assertAlmostEqual(j["unseen_finding_days"], float(v["unseen_days"][()].sum()), delta=1e-3)
        self.assertEqual(j["open_end"], float(v["open"][-1].sum()))
        with TempDir() as d:
            png = os.path.join(d, "v.png")
            subprocess.run(["/usr/bin/python3", os.path.join(SRC, "analysis", "plot_vulnerabilities.py"), self.out, png],
                           check=True, capture_output=True)
            self.assertGreater(os.path.getsize(png), 10000)


AGENTLESS = """name: agentless
start: 2026-01-05T00:00:00Z
duration: 10d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2, endpoint_protection: {enabled: never}}]
vulnerabilities: {enabled: true}
cohorts:
  - {name: vms, count: 100, environment: azure, region: westeurope, subscription: s}
  - {name: big-disks, count: 50, environment: azure, region: westeurope, subscription: s,
     vulnerabilities: {disks: 7}}
"""


class Agentless(RunOnce):
    """No sensor anywhere (the integration is never turned on): Plan 2's agentless scan lists the running VMs once a
    day, the ones with seven disks never."""
    TEXT = AGENTLESS

    def test_agentless_snapshots_daily(self):
        v = self.f["vulnerabilities"]
        views = [x.decode() if isinstance(x, bytes) else x for x in v["view"][()]]
        machines = v["machines"][()]
        self.assertEqual(machines[-1, views.index("agentless_snapshot")], 100)
        self.assertEqual(machines[-1, views.index("unseen")], 50)
        self.assertEqual(machines[-1, views.index("live")], 0)
        # Between two daily scans the unseen findings of the scanned VMs are the ones disclosed since the scan.
        causes = v["unseen_by_cause"][()][:, 0, :]
        self.assertGreater(causes[:, 1].sum(), 0)  # stale snapshot



LICENSING = """name: licensing
start: 2026-01-05T00:00:00Z
duration: 800h
tenants: [{id: t, geo: EU}]
subscriptions:
  - {id: trial, plan: P2, trial: {start: 10h}}
  - {id: licensed, plan: P1, licences: {count: 3, approved: 2026-01-05T05:30:00Z}}
cohorts:
  - {name: a, count: 2, environment: azure, region: westeurope, subscription: trial}
  - {name: b, count: 5, environment: azure, region: westeurope, subscription: licensed}
"""


class Licensing(RunOnce):
    """The 30-day trial bills nothing for exactly 720 clock hours from its start; the licence discount starts in the
    clock hour holding the approval (05:30: hour 5), never before, and covers at most the licence count."""
    TEXT = LICENSING

    def test_trial_is_exactly_720_hours(self):
        b = self.f["billing"]
        saving = b["trial_saving_usd"][()][:, 0]
        hours = np.nonzero(saving)[0]
        self.assertEqual(len(hours), 720)
        self.assertEqual((hours[0], hours[-1]), (10, 729))
        rate = b.attrs["p2_hourly_usd"]
        np.testing.assert_allclose(saving[10:730], 2 * rate, rtol=1e-12)  # two always-on machines
        self.assertTrue((b["licence_discount_usd"][()][:, 0] == 0).all())

    def test_discount_from_the_approval_hour(self):
        b = self.f["billing"]
        discount = b["licence_discount_usd"][()][:, 1]
        self.assertTrue((discount[:5] == 0).all())
        np.testing.assert_allclose(discount[5:], 3 * b.attrs["p1_hourly_usd"], rtol=1e-12)  # 3 licences < 5 machines
        np.testing.assert_allclose(b["subscription_hours"][()][:, 1, 0], 5.0)

    def test_summary_reports_the_savings(self):
        j = json.loads(fleettwin("summary", self.out, "--json").stdout)["licensing"]
        b = self.f["billing"]
        self.assertAlmostEqual(j["trial_saving_usd"], float(b["trial_saving_usd"][()].sum()), places=9)
        self.assertAlmostEqual(j["licence_discount_usd"], float(b["licence_discount_usd"][()].sum()), places=9)

    def test_more_licences_than_machines_is_a_warning(self):
        with TempDir() as d:
            path = write_file(d, "s.yaml", LICENSING.replace("count: 3", "count: 50"))
            p = fleettwin("validate", path)
            self.assertIn("warning: " + path + ": subscriptions[1].licences.count: 50 Defender for Endpoint licences "
                          "for 5 machines", p.stderr)


DATA = """name: data
start: 2026-01-05T12:00:00Z
duration: 200d
tenants: [{id: eu, geo: EU}, {id: us, geo: US}]
subscriptions:
  - {id: p2, tenant: eu, plan: P2}
  - {id: heavy-only, tenant: eu, plan: P2}
  - {id: p1, tenant: us, plan: P1}
data: {pseudonymised_share: 0.5}
cohorts:
  - {name: heavy, count: 10, environment: azure, region: westeurope, subscription: p2, security_data_per_day: 800}
  - {name: light, count: 30, environment: azure, region: westeurope, subscription: p2, security_data_per_day: 100}
  - {name: alone, count: 4, environment: azure, region: westeurope, subscription: heavy-only, security_data_per_day: 800}
  - {name: us, count: 5, environment: azure, region: eastus, subscription: p1}
"""


class DataVolumes(RunOnce):
    """Plan 2's 500 MB a day is pooled per subscription: 10 machines at 800 MB and 30 at 100 MB stay within their
    20 GB; 4 machines at 800 MB alone exceed 2 GB by 1.2 GB a day. Telemetry is stored in the tenant's geo for 180
    days (a rolling sum), half of it copied to the US."""
    TEXT = DATA

    def test_the_allowance_is_pooled_per_subscription(self):
        d = self.f["data"]
        a, s, o = (d[k][()] for k in ("allowance_bytes", "security_bytes", "overage_bytes"))
        full = slice(1, -1)  # whole days (the first and last are half days)
        np.testing.assert_allclose(a[full, 0], 40 * 500e6, rtol=1e-9)
        np.testing.assert_allclose(s[full, 0], 10 * 800e6 + 30 * 100e6, rtol=1e-9)
        self.assertTrue((o[:, 0] == 0).all())
        np.testing.assert_allclose(o[full, 1], 4 * 300e6, rtol=1e-9)
        np.testing.assert_allclose(d["overage_usd"][full, 1], 4 * 0.3 * d.attrs["overage_usd_per_gb"], rtol=1e-9)
        self.assertTrue((a[:, 2] == 0).all())  # Plan 1: no benefit

    def test_telemetry_is_stored_for_the_retention_in_its_geo(self):
        d = self.f["data"]
        geos = [x.decode() if isinstance(x, bytes) else x for x in d["geo"][()]]
        eu, us = geos.index("EU"), geos.index("US")
        sent, stored = d["telemetry_bytes"][()], d["stored_bytes"][()]
        keep = int(d.attrs["retention_s"]) // 86400
        for day in (5, 100, 190, 200):
            np.testing.assert_allclose(stored[day], sent[max(0, day - keep + 1):day + 1].sum(axis=0), rtol=1e-12)
        self.assertLessEqual(sent[1:-1, eu].max(), 44 * 30e6 * (1 + 1e-9))
        self.assertGreater(sent[1:-1, eu].min(), 0.9 * 44 * 30e6)
        self.assertLessEqual(sent[1:-1, us].max(), 5 * 30e6 * (1 + 1e-9))
        np.testing.assert_allclose(d["us_pseudonymised_bytes"][()], 0.5 * stored.sum(axis=1), rtol=1e-12)
        self.assertEqual(len(d["time"]), 201)


class DataSummary(DataVolumes):
    def test_summary_reports_the_overage_and_the_stored_telemetry(self):
        j = json.loads(fleettwin("summary", self.out, "--json").stdout)["data"]
        d = self.f["data"]
        self.assertAlmostEqual(j["overage_usd"], float(d["overage_usd"][()].sum()), places=6)
        self.assertAlmostEqual(j["telemetry_stored_end_bytes"], float(d["stored_bytes"][-1].sum()), delta=1)


if __name__ == "__main__":
    unittest.main()


class VulnerableQuery(RunOnce):
    """`query --vulnerable` replays the per-machine log (/vulnerabilities/changes) over the groups' disclosed findings:
    the replay, done here independently with numpy, gives every publication's /vulnerabilities/open, listed and
    machines exactly, and the program's answers at a time are the same machines and sums."""
    SCENARIO = "patch-management.yaml"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        f = cls.f
        v, g, c = f["vulnerabilities"], f["vulnerabilities/groups"], f["vulnerabilities/changes"]
        cls.publications = v["time"][()]
        n = int(f.attrs["machines"])
        group_of = np.full(n, -1)
        for k, (first, count) in enumerate(zip(g["first_machine"][()], g["machines"][()])):
            group_of[first:first + count] = k
        cls.group_of, cls.env = group_of, f["machines/environment"][()]
        cls.disclosed = g["disclosed"][()]
        cls.rows = {k: c[k][()] for k in ("time", "machine", "view", "offset", "listed", "snapshot_time")}

    def replay(self, upto):
        """Each machine's (view, open by severity, listed by severity) at publication index `upto`."""
        n = len(self.group_of)
        view, offset, snap = np.full(n, 4), np.zeros((n, 4), np.int64), np.zeros((n, 4), np.int64)
        keep = self.rows["time"] <= self.publications[upto]
        m = self.rows["machine"][keep]
        # The rows are in (time, machine) order: a later row of a machine overwrites its earlier ones.
        view[m], offset[m], snap[m] = self.rows["view"][keep], self.rows["offset"][keep], self.rows["listed"][keep]
        exists = view != 4
        open_ = np.where(exists[:, None], self.disclosed[upto, np.maximum(self.group_of, 0)] + offset, 0)
        listed = np.select([view[:, None] == 1, (view[:, None] == 2) | (view[:, None] == 3)], [open_, snap], 0)
        return view, open_, listed

    def test_the_log_is_on_and_ordered(self):
        c = self.f["vulnerabilities/changes"]
        self.assertEqual(c.attrs["machine_log"], 1)
        t, m = self.rows["time"], self.rows["machine"]
        self.assertTrue(((np.diff(t) > 0) | ((np.diff(t) == 0) & (np.diff(m.astype(np.int64)) > 0))).all())
        self.assertTrue(np.isin(t, self.publications).all())
        # Every machine of the fleet exists from the start here, so the first publication has a row for each.
        self.assertEqual(int((t == self.publications[0]).sum()), int(self.f.attrs["machines"]))
        # Later publications log only the machines that changed: far fewer rows than machines × publications.
        self.assertLess(len(t), len(self.publications) * int(self.f.attrs["machines"]) / 4)

    def test_replay_gives_every_publication_of_the_file(self):
        v = self.f["vulnerabilities"]
        open_file, listed_file, machines_file = v["open"][()], v["listed"][()], v["machines"][()]
        for k in range(len(self.publications)):
            view, open_, listed = self.replay(k)
            self.assertTrue((open_ >= 0).all(), k)
            for e in range(open_file.shape[1]):
                np.testing.assert_array_equal(open_[self.env == e].sum(axis=0), open_file[k, e], err_msg=str(k))
                np.testing.assert_array_equal(listed[self.env == e].sum(axis=0), listed_file[k, e], err_msg=str(k))
            np.testing.assert_array_equal(np.bincount(view, minlength=5)[:4], machines_file[k], err_msg=str(k))

    def query(self, *args):
        return fleettwin("query", self.out, "--vulnerable", *args).stdout

    def test_the_program_answers_as_the_replay(self):
        start = np.datetime64("2026-01-05T00:00:00")
        for k, after in ((0, 3600), (117, 21599), (len(self.publications) - 1, 0)):  # at and between publications
            at = str(start + np.timedelta64(int(self.publications[k]) + after, "s")) + "Z"
            for severity, lowest in (("low", 0), ("critical", 3)):
                out = json.loads(self.query("--at", at, "--severity", severity, "--format", "json"))
                view, open_, listed = self.replay(k)
                want = (view != 4) & (open_[:, lowest:].sum(axis=1) > 0)
                got = [m["machine"] for m in out["machines"]]
                self.assertEqual(got, list(np.flatnonzero(want)))
                self.assertEqual(out["matched"], int(want.sum()))
                self.assertEqual(out["open"], int(open_[want, lowest:].sum()))
                self.assertEqual(out["listed"], int(listed[want, lowest:].sum()))
                first = out["machines"][0]
                self.assertEqual([first["open"][s] for s in ("low", "medium", "high", "critical")],
                                 list(open_[got[0]]))

    def test_count_and_csv_agree_and_filters_apply(self):
        counts = json.loads(self.query("--count", "--format", "json", "--environment", "onprem"))
        self.assertEqual(sum(counts["counts"][view]["azure"] for view in counts["counts"]), 0)
        csv = self.query("--format", "csv", "--environment", "onprem").splitlines()
        self.assertEqual(len(csv) - 1, counts["matched"])
        header = csv[0].split(",")
        self.assertEqual(header[:8], ["machine", "cohort", "environment", "location", "subscription", "os", "view",
                                      "snapshot_time"])
        rows = [dict(zip(header, line.split(","))) for line in csv[1:]]
        self.assertTrue(all(r["environment"] == "onprem" for r in rows))
        # The snapshot views carry the snapshot's instant; the live and unseen ones none.
        for r in rows:
            self.assertEqual(bool(r["snapshot_time"]), r["view"].endswith("snapshot"), r)
        self.assertEqual(sum(int(r["open_low"]) + int(r["open_medium"]) + int(r["open_high"]) + int(r["open_critical"])
                             for r in rows), counts["open"])

    def test_bad_requests_name_what_to_fix(self):
        p = fleettwin("query", self.out, "--vulnerable", "--severity", "severe", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--severity: unknown severity 'severe' (one of: low, medium, high, critical)", p.stderr)
        p = fleettwin("query", self.out, "--vulnerable", "--at", "1h", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("before the first vulnerability publication (2026-01-05T06:00:00Z)", p.stderr)
        p = fleettwin("query", self.out, "--severity", "high", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--vulnerable", p.stderr)
        p = fleettwin("query", self.out, "--vulnerable", "--status", "healthy", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--status", p.stderr)

    def test_a_run_without_the_log_says_how_to_get_it(self):
        with TempDir() as d:
            out = os.path.join(d, "nolog.h5")
            fleettwin("run", scenario("patch-management.yaml"), "-o", out, "--quiet", "--set",
                      "vulnerabilities.machine_log=false", "--set", "duration=2d")
            with h5py.File(out, "r") as f:
                self.assertEqual(f["vulnerabilities/changes"].attrs["machine_log"], 0)
                self.assertEqual(len(f["vulnerabilities/changes/time"]), 0)
            p = fleettwin("query", out, "--vulnerable", check=False)
            self.assertEqual(p.returncode, 2)
            self.assertIn("--set vulnerabilities.machine_log=true", p.stderr)
            out = os.path.join(d, "off.h5")
            fleettwin("run", scenario("quickstart.yaml"), "-o", out, "--quiet", "--set", "duration=1d")
            p = fleettwin("query", out, "--vulnerable", check=False)
            self.assertEqual(p.returncode, 2)
            self.assertIn("without vulnerability management", p.stderr)
