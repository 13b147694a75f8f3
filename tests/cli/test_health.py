"""Health end to end: the analytic validation of the window rule, a scheduled site outage carried by SimGrid link
state profiles, and what the hybrid-enterprise scenario shows in /health."""
import math
import os
import unittest

import h5py
import numpy as np

from common import RunOnce, TempDir, fleettwin, write_file

HEALTHY, INSTALLATION, HEARTBEAT, NOT_APPLICABLE, PROVISIONING, NOT_COVERED, ABSENT = range(7)
NO_FAILURES = ("{python_missing: 0, fanotify: 0, generalized_image: 0, ssm_agent_missing: 0, "
               "windows_2012_r2_prerequisites: 0, transient: 0}")

AVAILABILITY = f"""name: availability
seed: 7
start: 2026-01-01T00:00:00Z
duration: 365d
tenants: [{{id: t, geo: EU}}]
subscriptions: [{{id: s, tenant: t, plan: P2}}]
defender:
  heartbeat_interval: 15m
  install_failures: {NO_FAILURES}
  agent:
    time_to_failure: {{distribution: exponential, mean: 2d}}
    time_to_repair: {{distribution: exponential, mean: 8h}}
    misconfigured: 0
cohorts:
  - {{name: vms, count: 20000, environment: azure, region: westeurope, subscription: s}}
"""

OUTAGE = f"""name: outage
start: 2026-01-01T00:00:00Z
duration: 2d
tenants: [{{id: t, geo: EU}}]
subscriptions: [{{id: s, plan: P1}}]
defender:
  install_failures: {NO_FAILURES}
  agent: {{time_to_failure: 3000d, misconfigured: 0}}
cohorts:
  - {{name: lyon, count: 300, environment: onprem, site: lyon-dc, subscription: s, os: {{windows-server-2019: 1.0}}}}
  - {{name: nantes, count: 200, environment: onprem, site: nantes-dc, subscription: s, os: {{rhel-9: 1.0}}}}
network:
  outages:
    - {{location: lyon-dc, start: 2026-01-01T03:30:00Z, duration: 9h}}
"""


class AnalyticValidation(unittest.TestCase):
    def test_heartbeat_issue_fraction_matches_the_closed_form(self):
        """Exponential failures (mean 2 d) and repairs (mean 8 h) on always-on machines, heartbeats every 15 min.

        Sampled at the k = 4 h / 15 min = 16 ticks of a window, the sensor's up/down state is a two-state Markov
        chain, so an evaluation finds no heartbeat in its window with probability
            P = pi_down * p_dd ** (k - 1),  pi_down = lambda / (lambda + mu),
            p_dd = pi_down + (1 - pi_down) * exp(-(lambda + mu) * 15 min).
        """
        lam, mu, dt, window = 1 / (2 * 86400), 1 / (8 * 3600), 900.0, 14400.0
        pi_down = lam / (lam + mu)
        p_dd = pi_down + (1 - pi_down) * math.exp(-(lam + mu) * dt)
        expected = pi_down * p_dd ** (window / dt - 1)
        with TempDir() as d:
            path = write_file(d, "a.yaml", AVAILABILITY)
            out = os.path.join(d, "a.h5")
            fleettwin("run", path, "-o", out, "--quiet")
            with h5py.File(out) as f:
                counts = f["health/counts"][:].sum(axis=2)
        burn_in = 60  # 10 days: the fleet starts with every sensor up
        healthy, issue = counts[burn_in:, HEALTHY].sum(), counts[burn_in:, HEARTBEAT].sum()
        self.assertEqual(healthy + issue, 20000 * (len(counts) - burn_in))  # nothing else happens
        observed = issue / (healthy + issue)
        self.assertLess(abs(observed / expected - 1), 0.01, f"observed {observed:.5f}, closed form {expected:.5f}")


class SiteOutage(RunOnce):
    TEXT = OUTAGE

    def by_location(self, name):
        names = [n.decode() for n in self.f["health/location"][:]]
        return self.f["health/counts_by_location"][:, :, names.index(name)]

    def test_machines_behind_the_cut_uplink_turn_heartbeat_issue_and_return(self):
        t = self.f["health/time"][:] // 3600
        lyon = self.by_location("lyon-dc")
        at = {int(h): lyon[i] for i, h in enumerate(t)}
        # Down on [03:30, 12:30): the windows [04, 08) and [08, 12) have no heartbeat; [12, 16) has 12:30 on.
        self.assertEqual(at[4][HEALTHY], 300)
        self.assertEqual(at[8][HEARTBEAT], 300)
        self.assertEqual(at[12][HEARTBEAT], 300)
        self.assertEqual(at[16][HEALTHY], 300)
        # The other site never notices.
        self.assertTrue(np.all(self.by_location("nantes-dc")[:, HEALTHY] == 200))

    def test_the_cause_is_the_site_and_the_outage_is_recorded(self):
        c = self.f["health/changes"]
        at8 = c["time"][:] == 8 * 3600
        codes = dict(zip(self.f["health/issues/name"][:].astype(str), self.f["health/issues/code"][:]))
        self.assertEqual(int(at8.sum()), 300)
        self.assertTrue(np.all(c["issue"][:][at8] == codes["site_unreachable"]))
        o = self.f["outages"]
        self.assertEqual(list(o["start"][:]), [3 * 3600 + 1800])
        self.assertEqual(list(o["end"][:]), [12 * 3600 + 1800])
        # One batch per 15-min tick in [03:30, 12:30) was lost on the downed link: 36.
        names = [n.decode() for n in self.f["locations/name"][:]]
        self.assertEqual(int(o["batches_lost"][names.index("lyon-dc")]), 36)
        self.assertEqual(int(o["batches_lost"][names.index("nantes-dc")]), 0)


class HybridEnterprise(RunOnce):
    SCENARIO = "hybrid-enterprise.yaml"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.counts = cls.f["health/counts"][:].sum(axis=2)
        cls.codes = dict(zip(cls.f["health/issues/name"][:].astype(str), cls.f["health/issues/code"][:]))

    def test_every_machine_is_in_exactly_one_class_at_every_evaluation(self):
        self.assertTrue(np.all(self.counts.sum(axis=1) == 50000))
        self.assertEqual(self.f["health/time"][0], 0)
        self.assertTrue(np.all(np.diff(self.f["health/time"][:]) == 14400))

    def test_us_prod_provisions_from_the_start(self):
        # us-prod (7,000 VMs + 2,500 uniform scale-set VMs) is not covered at the start, then deploys.
        self.assertGreaterEqual(self.counts[0, NOT_COVERED], 9500)
        self.assertGreater(self.counts[1:4, PROVISIONING].max(), 0)
        self.assertLess(self.counts[12, NOT_COVERED], self.counts[0, NOT_COVERED])

    def test_installation_issues_carry_their_messages(self):
        issue = self.f["health/changes/issue"][:]
        for name in ("python_missing", "windows_2012_r2_prerequisites", "unified_solution_not_enabled",
                     "linux_not_enabled", "ssm_agent_missing", "generalized_image"):
            self.assertIn(self.codes[name], issue, name)
        messages = dict(zip(self.f["health/issues/name"].asstr()[:], self.f["health/issues/message"].asstr()[:]))
        self.assertIn("No Python interpreter found", messages["python_missing"])

    def test_the_paris_outage_shows_as_heartbeat_issues(self):
        names = [n.decode() for n in self.f["health/location"][:]]
        paris = self.f["health/counts_by_location"][:, HEARTBEAT, names.index("paris-dc2")]
        t = self.f["health/time"][:]
        outage_window = t == (36 * 86400 + 16 * 3600)  # 2026-02-10T16:00Z: [12:00, 16:00) inside 08:00-17:00
        self.assertGreater(int(paris[outage_window][0]), 1000)
        self.assertLess(int(paris[np.searchsorted(t, 37 * 86400)]), 100)  # back after the repair

    def test_scale_out_and_scale_in(self):
        t = self.f["health/time"][:] // 86400
        self.assertEqual(self.counts[0, ABSENT], 2000)   # eu-prod-expansion not yet added
        self.assertEqual(self.counts[-1, ABSENT], 500)   # frankfurt-legacy removed on day 75
        self.assertEqual(self.counts[np.searchsorted(t, 50), ABSENT], 0)

    def test_unified_solution_opt_in_clears_partial(self):
        issue = self.f["health/changes/issue"][:]
        time = self.f["health/changes/time"][:]
        partial = (issue == self.codes["unified_solution_not_enabled"])
        self.assertTrue(np.all(time[partial] < 21 * 86400))  # opted in on day 20: no new Partial after it
