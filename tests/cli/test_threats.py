"""Threats to alerts, end to end through the CLI, checked against what can be computed by hand: Poisson counts of
noise alerts, the detected share of attack steps against the sensor's availability MTBF/(MTBF+MTTR) times the
detection probability, the 10-minute latency to Defender for Cloud, the exact delay of alerts cached behind an
outage; reproducibility, thread-count independence, and the ground truth of unseen steps."""
import math
import os
import sys
import unittest

import h5py
import numpy as np

from common import SRC, RunOnce, TempDir, fleettwin, write_file

sys.path.insert(0, os.path.join(SRC, "tests", "golden"))
import h5digest  # noqa: E402

TACTICS = ["initial_access", "execution", "persistence", "privilege_escalation", "defense_evasion",
           "credential_access", "discovery", "lateral_movement", "collection", "command_and_control", "exfiltration",
           "impact"]


def per_tactic(value):
    return "{" + ", ".join(f"{t}: {value}" for t in TACTICS) + "}"


class Run:
    """Runs a scenario text into a temporary folder, removed on exit."""
    def __init__(self, text, *args):
        self._d = TempDir()
        path = self._d.__enter__()
        scen = write_file(path, "s.yaml", text)
        self.out = os.path.join(path, "out.h5")
        fleettwin("run", scen, "-o", self.out, "--quiet", *args)

    def __enter__(self):
        return self.out

    def __exit__(self, *exc):
        self._d.__exit__(*exc)


def digest_outside_run(out):
    """The file's digest without /run (wall-clock figures)."""
    return {k: v for k, v in h5digest.digest(out).items() if "/run" not in k and "run/" not in k}


def run(text, *args):
    r = Run(text, *args)
    return r, r.out


NOISE = """name: noise
seed: 11
start: 2026-01-05T00:00:00Z
duration: 30d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P1}]
defender:
  agent:
    time_to_failure: {distribution: fixed, value: 3650d}
    misconfigured: 0
cohorts:
  - {name: vms, count: 4000, environment: azure, region: westeurope, subscription: s}
threats:
  enabled: true
  campaigns_per_machine_year: {internet_facing: 0, internal: 0}
  noise: {benign_per_machine_day: 0.02, false_per_machine_day: 0.01}
"""


class NoiseAlerts(RunOnce):
    TEXT = NOISE

    def test_counts_are_poisson_inside_their_99_percent_interval(self):
        a = self.f["alerts"]
        cls_ = a["classification"][:]
        # Every machine runs and reports all the time: counts ~ Poisson(rate x machine-days). An alert raised in
        # the last 10 minutes reaches Defender for Cloud after the end and is not listed: less than 0.03 % here.
        machine_days = 4000 * 30
        for code, rate in ((1, 0.02), (2, 0.01)):
            mean = rate * machine_days
            n = int((cls_ == code).sum())
            self.assertLess(abs(n - mean), 2.576 * math.sqrt(mean) + mean * 10 / (30 * 1440), (code, n, mean))
        self.assertEqual(int((cls_ == 0).sum()), 0)
        self.assertEqual(len(self.f["campaigns/campaign"]), 0)

    def test_latency_to_defender_for_cloud_is_ten_minutes_exactly(self):
        a = self.f["alerts"]
        np.testing.assert_array_equal(a["time"][:] - a["sent_time"][:], 600)
        np.testing.assert_array_equal(a["mde_time"][:] - a["sent_time"][:], 60)
        np.testing.assert_array_equal(a["sent_time"][:], a["step_time"][:])  # no outage
        self.assertTrue((a["time"][:] < 30 * 86400).all())
        self.assertTrue((np.diff(a["time"][:]) >= 0).all(), "listed in order of appearance")

    def test_hourly_counts_add_up_to_the_alerts(self):
        new = self.f["alerts/hourly/new"][:]
        self.assertEqual(new.shape, (720, 4, 4))
        self.assertEqual(int(new.sum()), len(self.f["alerts/time"]))
        by_status = self.f["alerts/hourly/by_status"][:]
        # At the end of the last hour every listed alert is counted once, in one status.
        self.assertEqual(int(by_status[-1].sum()), len(self.f["alerts/time"]))
        # Cumulative new alerts = alerts present at each hour's end.
        np.testing.assert_array_equal(np.cumsum(new.sum(axis=(1, 2))), by_status.sum(axis=(1, 2)))

    def test_statuses_are_not_synchronised_for_mde_alerts(self):
        # The SOC works in the Defender portal (default): MDE alerts it resolved stay Active in Defender for Cloud.
        a = self.f["alerts"]
        portal, status = a["portal_status"][:], a["status"][:]
        resolved_in_portal = portal == 2
        self.assertGreater(resolved_in_portal.sum(), 0)
        self.assertTrue((status[resolved_in_portal & (a["source"][:] != 2)] == 0).all())

    def test_utilisation_stays_within_0_and_1_across_shift_changes(self):
        # The outage scenario's default SOC has no shifts; this one has: analysts who finish after their shift count
        # as on duty, so utilisation never exceeds 1.
        text = NOISE.replace("threats:", "soc:\n  analysts: 1\n  shifts: [{start: \"08:00\", end: \"12:00\", analysts: 3}]\nthreats:")
        tmp, out = run(text)
        with tmp, h5py.File(out, "r") as f:
            u = f["soc/utilisation"][:]
            self.assertGreater(u.max(), 0.5)
            self.assertTrue((u <= 1 + 1e-12).all(), u.max())
            analysts = f["soc/analysts"][:]
            self.assertEqual(set(analysts.tolist()) - {1, 4}, set())

    def test_the_soc_figures_are_consistent(self):
        s = self.f["soc"]
        self.assertEqual(len(s["backlog"]), 720)
        self.assertEqual(int(s["finished"][:].sum()), int((self.f["alerts/resolved_time"][:] >= 0).sum()))
        u = s["utilisation"][:]
        self.assertTrue(((u >= 0) & (u <= 1 + 1e-9)).all())
        self.assertGreater(s.attrs["mean_time_to_resolve_s"], s.attrs["mean_time_to_acknowledge_s"])


AVAILABILITY = """name: availability
seed: 5
start: 2026-01-05T00:00:00Z
duration: 60d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P1}]
defender:
  install_failures: {python_missing: 0, fanotify: 0, generalized_image: 0, transient: 0}
  agent:
    time_to_failure: {distribution: exponential, mean: 5d}
    time_to_repair: {distribution: exponential, mean: 12h}
    misconfigured: 0
cohorts:
  - {name: vms, count: 3000, environment: azure, region: westeurope, subscription: s, air: none, asr: off}
threats:
  enabled: true
  campaigns_per_machine_year: {internet_facing: 0, internal: 30}
  mix: {data_theft: 1}
  noise: {benign_per_machine_day: 0, false_per_machine_day: 0}
  detection:
    mde: %s
  prevention:
    antivirus_block: %s
""" % (per_tactic(0.5), per_tactic(0))


class DetectedShare(unittest.TestCase):
    def test_detected_share_is_availability_times_detection_probability(self):
        tmp, out = run(AVAILABILITY)
        with tmp, h5py.File(out, "r") as f:  # noqa: F841
            c = f["campaigns"]
            steps, detected = c["steps"][:].sum(), c["detected"][:].sum()
            unseen = c["unseen"][:].sum(axis=0)
            causes = [x.decode() for x in c["cause"][:]]
            self.assertGreater(steps, 50_000)
            self.assertEqual(int(c["blocked"][:].sum()), 0)
            availability = 5 * 24 / (5 * 24 + 12)  # MTBF / (MTBF + MTTR)
            share = detected / steps
            self.assertAlmostEqual(share / (availability * 0.5), 1.0, delta=0.01, msg=(share, availability))
            # The rest is unseen: missed by a reporting sensor, or the sensor was down (unhealthy).
            self.assertEqual(steps, detected + unseen.sum())
            self.assertAlmostEqual(unseen[causes.index("unhealthy")] / steps, 1 - availability, delta=0.01)
            self.assertEqual(unseen[causes.index("not_installed")], 0)


OUTAGE = """name: outage
seed: 2
start: 2026-01-05T00:00:00Z
duration: 4d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
defender:
  agent: {misconfigured: 0}
cohorts:
  - {name: dc, count: 300, environment: onprem, site: lyon, subscription: s, onboarding: direct}
  - {name: cloud, count: 300, environment: azure, region: westeurope, subscription: s}
network:
  outages:
    - {location: lyon, start: 2026-01-06T00:00:00Z, duration: 9h}
threats:
  enabled: true
  campaigns_per_machine_year: {internet_facing: 0, internal: 0}
  noise: {benign_per_machine_day: 0.2, false_per_machine_day: 0.1}
events:
  - {at: 2026-01-06T01:00:00Z, campaign: {playbook: ransomware, site: lyon, machines: 3}}
"""


class CachedBehindAnOutage(RunOnce):
    TEXT = OUTAGE

    def test_an_outage_delays_the_alerts_behind_it_by_exactly_the_cached_time(self):
        a = self.f["alerts"]
        machine, detected, sent, t = a["machine"][:], a["detected_time"][:], a["sent_time"][:], a["time"][:]
        source = a["source"][:]
        onprem = machine < 300
        start, end = 86400, 86400 + 9 * 3600
        inside = onprem & (detected >= start) & (detected < end) & (source != 2)
        self.assertGreater(inside.sum(), 10)
        np.testing.assert_array_equal(sent[inside], end)
        np.testing.assert_array_equal(t[inside], end + 600)
        np.testing.assert_array_equal(sent[~inside & (source != 2)], detected[~inside & (source != 2)])
        self.assertEqual(a.attrs["cached"], int(inside.sum()))
        # Defender for Cloud's own detections are made in the cloud: not cached.
        np.testing.assert_array_equal(sent[source == 2], detected[source == 2])

    def test_the_detections_travel_as_messages_that_the_downed_uplink_refuses_until_it_is_back(self):
        # One message per (site, detection instant, geo) of the sensors' detections; a batch behind the downed uplink
        # is refused when it first tries to leave and again at every synchronisation point (every 15-minute tick)
        # before the link's return, when it leaves.
        a = self.f["alerts"]
        machine, detected, source = a["machine"][:], a["detected_time"][:], a["source"][:]
        sensor = source != 2
        groups = {(int(m < 300), int(d)) for m, d in zip(machine[sensor], detected[sensor])}
        self.assertGreaterEqual(int(a.attrs["messages"]), len(groups))
        start, end = 86400, 86400 + 9 * 3600
        behind = sorted(d for site, d in groups if site == 1 and start <= d < end)
        self.assertGreater(len(behind), 10)
        expected = sum(1 + len([p for p in range(0, end, 900) if d < p]) for d in behind)
        self.assertEqual(int(a.attrs["transfers_refused"]), expected)
        # They reached MDE a minute and Defender for Cloud ten minutes after they left.
        np.testing.assert_array_equal(a["mde_time"][:][sensor], a["sent_time"][:][sensor] + 60)
        np.testing.assert_array_equal(a["mde_time"][:][~sensor], -1)

    def test_the_scripted_campaign_landed_on_three_machines_of_the_site(self):
        c = self.f["campaigns"]
        scripted = c["scripted"][:] == 1
        self.assertEqual(int(scripted.sum()), 1)
        self.assertEqual(int(c["start_time"][scripted][0]), 86400 + 3600)
        self.assertLess(int(c["first_machine"][scripted][0]), 300)
        self.assertGreaterEqual(int(c["machines"][scripted][0]), 3)

    def test_every_alert_of_an_incident_shares_its_machine_or_campaign(self):
        inc = self.f["alerts/incident"][:]
        self.assertEqual(int(self.f["incidents/alerts"][:].sum()), len(inc))
        self.assertEqual(inc.max() + 1, len(self.f["incidents/incident"]))


class MdeForwardingCadence(unittest.TestCase):
    """The MDE service hands its alerts on every to_defender_for_cloud - to_mde: at once when that is 0, every
    second when it is 1 s. Either way every alert gets to Defender for Cloud before it appears there, so the
    output is that of the default cadence with the same stamps."""

    def test_any_cadence_gives_the_same_alerts(self):
        results = []
        for to_mde, to_dfc in (("1m", "10m"), ("10m", "10m"), ("9m59s", "10m"), ("0s", "10m")):
            tmp, out = run(OUTAGE, "--set", f"alerts.latency.to_mde={to_mde}",
                           "--set", f"alerts.latency.to_defender_for_cloud={to_dfc}")
            with tmp:
                with h5py.File(out, "r") as f:
                    a = f["alerts"]
                    results.append({k: a[k][:] for k in ("time", "sent_time", "machine", "type", "incident")})
                    mde = a["mde_time"][:]
                    sensor = a["source"][:] != 2
                    np.testing.assert_array_equal(a["time"][:], a["sent_time"][:] + 600)
        for r in results[1:]:
            for k in results[0]:
                np.testing.assert_array_equal(r[k], results[0][k], k)
        np.testing.assert_array_equal(mde[sensor], results[-1]["sent_time"][sensor])  # to_mde 0


class AlertsCommand(RunOnce):
    """`fleettwin alerts`: Defender for Cloud's list at a time, read back from the file alone."""
    TEXT = OUTAGE

    def alerts(self, *args):
        import json
        return json.loads(fleettwin("alerts", self.out, "--format", "json", *args).stdout)

    def test_the_list_at_a_time_holds_what_had_appeared_by_then(self):
        t = self.f["alerts/time"][:]
        at = 86400 + 12 * 3600
        listed = self.alerts("--at", "36h")
        self.assertEqual(listed["in_list"], int((t <= at).sum()))
        self.assertEqual(listed["at"], "2026-01-06T12:00:00Z")
        times = [a["time"] for a in listed["alerts"]]
        self.assertEqual(times, sorted(times, reverse=True))

    def test_filters_and_statuses(self):
        campaign = self.f["alerts/campaign"][:]
        status = self.f["alerts/status"][:]
        self.assertEqual(self.alerts("--campaign", "0")["matched"], int((campaign == 0).sum()))
        self.assertEqual(self.alerts("--status", "active")["matched"], int((status == 0).sum()))
        high = self.alerts("--severity", "high")
        self.assertTrue(all(a["severity"] == "high" for a in high["alerts"]))
        # Before anything was triaged nothing is resolved.
        self.assertEqual(self.alerts("--at", "0h", "--status", "resolved")["matched"], 0)

    def test_the_plot_scripts_draw_it(self):
        import subprocess
        for script in ("plot_alerts.py", "plot_health.py", "plot_billing.py"):
            png = self.out.replace(".h5", f"-{script}.png")
            proc = subprocess.run(["/usr/bin/python3", os.path.join(SRC, "analysis", script), self.out, png],
                                  capture_output=True, text=True, cwd=os.path.join(SRC, "analysis"), timeout=300)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_bad_requests_exit_2(self):
        for args, message in ((["--severity", "critical"], "--severity: no 'critical'"),
                              (["--at", "400d"], "--at: 400d is outside the run"),
                              (["--status", "closed"], "--status: no 'closed'")):
            proc = fleettwin("alerts", self.out, *args, check=False)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn(message, proc.stderr)


SEMI = """name: semi
seed: 4
start: 2026-01-05T00:00:00Z
duration: 20d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
defender:
  agent: {misconfigured: 0}
cohorts:
  - {name: w, count: 3000, environment: azure, region: westeurope, subscription: s, air: semi}
threats:
  enabled: true
  campaigns_per_machine_year: {internet_facing: 0, internal: 3}
  mix: {data_theft: 1}
"""


def summary_json(out):
    import json
    return json.loads(fleettwin("summary", out, "--json").stdout)["threats"]


class SemiAutomation(unittest.TestCase):
    def test_approved_actions_contain_later_than_full_automation(self):
        figures = {}
        for level in ("full", "semi"):
            tmp, out = run(SEMI, "--set", f"cohorts.w.air={level}")
            with tmp:
                figures[level] = summary_json(out)
        full, semi = figures["full"], figures["semi"]
        self.assertEqual(full["soc"]["approvals"]["requested"], 0)
        approvals = semi["soc"]["approvals"]
        self.assertGreater(approvals["requested"], 50)
        self.assertGreater(approvals["granted"], 0)
        self.assertLessEqual(approvals["granted"] + approvals["timed_out"], approvals["requested"])
        self.assertGreater(semi["contained"], 0)
        # An approval waits for an analyst, then takes alerts.air.action_delay (15 min) to reach the machine.
        self.assertGreater(semi["time_to_contain_s"]["mean"], full["time_to_contain_s"]["mean"] + 900)

    def test_pending_actions_that_time_out_are_rejected(self):
        # Reviews take 2 h, the timeout is 1 h: every pending action times out, nothing is remediated.
        text = SEMI + "alerts:\n  air: {pending_timeout: 1h}\nsoc:\n  triage: {high: {distribution: fixed, value: 2h}}\n"
        tmp, out = run(text)
        with tmp:
            t = summary_json(out)
        approvals = t["soc"]["approvals"]
        self.assertGreater(approvals["requested"], 50)
        self.assertEqual(approvals["granted"], 0)
        self.assertGreater(approvals["timed_out"], 0)
        self.assertEqual(t["contained"], 0)

    def test_same_bytes_whatever_the_threads(self):
        text = SEMI.replace("count: 3000", "count: 24000")
        digests = []
        for threads in ("1", "2"):
            tmp, out = run(text, "--threads", threads)
            with tmp:
                digests.append(digest_outside_run(out))
        self.assertEqual(digests[0], digests[1])


EXPANSION = """name: expansion
seed: 5
start: 2026-01-05T00:00:00Z
duration: 3d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P1}]
defender:
  agent: {misconfigured: 0}
cohorts:
  - {name: w, count: 200, environment: azure, region: westeurope, subscription: s, air: full, antivirus: passive}
threats:
  enabled: true
  campaigns_per_machine_year: {internet_facing: 0, internal: 0}
  noise: {benign_per_machine_day: 0, false_per_machine_day: 0}
  detection: {mde: {initial_access: DETECT}}
alerts:
  air: {duration: 1m}
events:
  - {at: 2026-01-06T00:00:00Z, campaign: {playbook: ransomware, cohort: w, machines: MACHINES}}
"""


def expansion_run(machines, detect=1, *args):
    tmp, out = run(EXPANSION.replace("MACHINES", str(machines)).replace("DETECT", str(detect)), *args)
    with tmp:
        return summary_json(out)


class InvestigationExpansion(unittest.TestCase):
    """An automated investigation expands from its machine to the other devices its campaign is on; to 10 devices
    or more (alerts.air.expansion_approval_devices) it needs the SOC's approval (sweep facts §2). A scripted
    campaign lands on k machines at once; antivirus passive blocks nothing, every initial access is detected, and
    every investigation ends two minutes later (1 min to MDE, 1 min long), when the campaign is on all k."""

    def test_nine_other_devices_expand_at_once(self):
        e = expansion_run(10)["soc"]["expansions"]
        self.assertEqual(e["needing_approval"], 0)
        self.assertGreater(e["automatic"], 0)
        self.assertEqual(e["devices"], 9 * e["automatic"])

    def test_ten_other_devices_need_approval(self):
        e = expansion_run(11)["soc"]["expansions"]
        self.assertEqual(e["automatic"], 0)
        self.assertGreater(e["needing_approval"], 0)
        self.assertEqual(e["approved"] + e["timed_out"], e["needing_approval"])
        self.assertEqual(e["devices"], 10 * e["approved"])

    def test_the_threshold_is_a_parameter(self):
        e = expansion_run(11, 1, "--set", "alerts.air.expansion_approval_devices=11")["soc"]["expansions"]
        self.assertEqual(e["needing_approval"], 0)
        self.assertGreater(e["automatic"], 0)

    def test_expansion_contains_machines_whose_own_sensor_saw_nothing_sooner(self):
        # Half the initial accesses are detected: the investigations of those reach the others 15 minutes later
        # (alerts.air.action_delay). With every expansion needing an approval that times out (reviews 2 h,
        # timeout 1 h), the others wait for their own sensor to alert on a later step.
        reached = expansion_run(30, 0.5)
        blocked = expansion_run(30, 0.5, "--set", "alerts.air.expansion_approval_devices=1",
                                "--set", "alerts.air.pending_timeout=1h",
                                "--set", "soc.triage.high.distribution=fixed", "--set", "soc.triage.high.value=2h")
        self.assertEqual(blocked["soc"]["expansions"]["approved"], 0)
        self.assertGreater(blocked["soc"]["expansions"]["timed_out"], 0)
        self.assertGreater(reached["soc"]["expansions"]["devices"], 0)
        self.assertGreaterEqual(reached["contained"], blocked["contained"])
        # Contained sooner, their attack runs fewer steps (a contained machine's later steps never happen).
        self.assertLess(reached["steps"], blocked["steps"])


SHARDED = """name: sharded
seed: 9
start: 2026-01-05T00:00:00Z
duration: 20d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
cohorts:
  - {name: a, count: 12000, environment: azure, region: westeurope, subscription: s, os: {windows-server-2022: 0.5, ubuntu-22.04: 0.5}}
  - {name: b, count: 12000, environment: onprem, site: lyon, subscription: s, os: {windows-server-2019: 1.0}}
network:
  outages:
    - {location: lyon, start: 2026-01-10T00:00:00Z, duration: 5h}
threats:
  enabled: true
  campaigns_per_machine_year: {internet_facing: 1, internal: 1}
"""


class Reproducible(unittest.TestCase):
    def test_same_bytes_whatever_the_threads_with_lateral_movement_across_shards(self):
        digests, sites = [], []
        for threads in ("1", "2"):
            tmp, out = run(SHARDED, "--threads", threads)
            with tmp:
                digests.append(digest_outside_run(out))
                with h5py.File(out, "r") as f:
                    sites.append(int(f["run"].attrs["sites"]))
                    reached = f["campaigns/machines"][:]
        self.assertEqual(sites[0], 2)
        self.assertGreater(sites[1], 2, "each location split into shards on two threads")
        self.assertGreater(int((reached > 1).sum()), 20, "lateral movement happened")
        self.assertTrue(any("alerts/time" in k for k in digests[0]), list(digests[0])[:20])
        self.assertEqual(digests[0], digests[1])

    def test_same_seed_same_bytes(self):
        digests = []
        for _ in range(2):
            tmp, out = run(OUTAGE)
            with tmp:
                digests.append(digest_outside_run(out))
        self.assertEqual(digests[0], digests[1])


if __name__ == "__main__":
    unittest.main()
