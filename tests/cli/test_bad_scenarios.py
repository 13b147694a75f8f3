"""The corpus of bad scenarios: each case changes one thing in a good scenario. Every one must stop `run` and
`validate` with exit status 2 and a message naming the file, the line and column (or the --set), the key and what
is wrong, with nothing written. The line and column are checked where the case makes them plain."""
import unittest

from badinput import BASE, check_bad_scenario
from common import TempDir, fleettwin, write_file

COHORT = "  - name: vms\n    count: 10\n    environment: azure\n    region: westeurope\n    subscription: s\n"


def with_cohort_keys(extra):
    """BASE with `extra` (lines indented by 4) added to the cohort."""
    return BASE + "".join(f"    {line}\n" for line in extra.split("\n"))


CASES = {
    # --- threats, alerts and the SOC (issue 8's bar)
    "a negative campaign rate": (BASE + "threats: {enabled: true, campaigns_per_machine_year: {internal: -1}}\n",
                                 ["FILE:12:65: threats.campaigns_per_machine_year.internal: '-1' is out of range"]),
    "a negative noise rate": (BASE + "threats: {enabled: true, noise: {benign_per_machine_day: -0.1}}\n",
                              ["FILE:12:58: threats.noise.benign_per_machine_day: '-0.1' is out of range"]),
    "an unknown tactic": (BASE + "threats: {enabled: true, detection: {mde: {teleportation: 0.5}}}\n",
                          ["FILE:12:59: threats.detection.mde.teleportation: unknown tactic 'teleportation'"]),
    "a detection probability above 1": (BASE + "threats: {enabled: true, detection: {mde: {execution: 1.5}}}\n",
                                        ["FILE:12:55: threats.detection.mde.execution: '1.5' is out of range [0, 1]"]),
    "an unknown severity": (BASE + "threats: {enabled: true}\nsoc: {triage: {critical: {distribution: fixed, value: 1m}}}\n",
                            ["FILE:13:26: soc.triage.critical: unknown severity 'critical'"]),
    "no analyst with alerts on": (BASE + "threats: {enabled: true}\nsoc: {analysts: 0}\n",
                                  ["FILE:13:17: soc.analysts: the SOC has no analyst on any shift"]),
    "a suppression rule naming an unknown alert type": (
        BASE + "threats: {enabled: true}\nalerts: {suppression: [no-such-alert]}\n",
        ["FILE:13:24: alerts.suppression[0]: no alert type 'no-such-alert'", "/threats/alert_types"]),
    "an expansion threshold of 0 devices": (
        BASE + "threats: {enabled: true}\nalerts: {air: {expansion_approval_devices: 0}}\n",
        ["FILE:13:44: alerts.air.expansion_approval_devices: '0' is out of range [1, 1000000]"]),
    "an action delay shorter than the heartbeat interval": (
        BASE + "threats: {enabled: true}\nalerts: {air: {action_delay: 1m}}\n",
        ["FILE:13:30: alerts.air.action_delay: an approved action takes at least the heartbeat interval"]),
    # --- vulnerability management (issue 9's bar)
    "an exploitation probability above 1": (
        BASE + "vulnerabilities: {enabled: true, disclosure: {exploitation: {in_kit: {max: 1.2}}}}\n",
        ["FILE:12:76: vulnerabilities.disclosure.exploitation.in_kit.max: '1.2' is out of range [0, 1]"]),
    "an exploitation range upside down": (
        BASE + "vulnerabilities: {enabled: true, disclosure: {exploitation: {public: {min: 0.5, max: 0.1}}}}\n",
        ["vulnerabilities.disclosure.exploitation.public: max is below min"]),
    "a remediation capacity of 100 %": (
        BASE + "vulnerabilities: {enabled: true, remediation: {capacity: 1}}\n",
        ["FILE:12:58: vulnerabilities.remediation.capacity: a remediation capacity is the share of the open backlog "
         "closed in a month: it must be below 1 (100 %)"]),
    "an unknown remediation capacity word": (
        BASE + "vulnerabilities: {enabled: true, remediation: {capacity: huge}}\n",
        ["vulnerabilities.remediation.capacity: expected a number"]),
    "both a half-life and a capacity": (
        BASE + "vulnerabilities: {enabled: true, remediation: {half_life: 30d, capacity: low}}\n",
        ["vulnerabilities.remediation: give either 'half_life' or 'capacity', not both"]),
    "severity shares that do not sum to 1": (
        BASE + "vulnerabilities: {disclosure: {severity: {low: 0.5, medium: 0.6}}}\n",
        ["vulnerabilities.disclosure.severity: the shares sum to"]),
    "a negative disclosure rate": (
        BASE + "vulnerabilities: {disclosure: {linux_per_machine_day: -1}}\n",
        ["vulnerabilities.disclosure.linux_per_machine_day: '-1' is out of range"]),
    "a cadence that is not whole hours": (
        BASE + "vulnerabilities: {assessment: {cadence: 90m}}\n",
        ["vulnerabilities.assessment.cadence: the publication cadence is a whole number of hours"]),
    "an unknown vulnerabilities key": (
        BASE + "vulnerabilities: {enabled: true, patching: weekly}\n",
        ["vulnerabilities.patching: unknown key 'patching'"]),
    "a maintenance schedule without windows": (
        with_cohort_keys("vulnerabilities: {maintenance: {schedule: always-on}}"),
        ["cohorts[0].vulnerabilities.maintenance: a maintenance schedule names its windows"]),
    "an unknown exception justification": (
        with_cohort_keys("vulnerabilities: {exceptions: {share: 0.1, justification: because}}"),
        ["cohorts[0].vulnerabilities.exceptions.justification: unknown value 'because'"]),
    "an exception share above 1": (
        with_cohort_keys("vulnerabilities: {exceptions: {share: 1.5}}"),
        ["cohorts[0].vulnerabilities.exceptions.share: '1.5' is out of range [0, 1]"]),
    "a remediation request without a due date": (
        with_cohort_keys("vulnerabilities: {remediation_requests: [{at: 10d, severity: high}]}"),
        ["cohorts[0].vulnerabilities.remediation_requests[0]: missing required key 'due'"]),
    "an unknown device value": (
        with_cohort_keys("vulnerabilities: {device_value: crown-jewel}"),
        ["cohorts[0].vulnerabilities.device_value: unknown value 'crown-jewel'"]),
    "licences approved before the subscription exists": (
        BASE.replace("subscriptions: [{id: s, plan: P2}]",
                     "subscriptions: [{id: s, plan: P2, created: 2026-03-01, licences: {count: 5, approved: 10d}}]"),
        ["FILE:5:87: subscriptions[0].licences.approved: the licences are approved before the subscription exists "
         "(created 2026-03-01T00:00:00Z)"]),
    "a pseudonymised share above 1": (BASE + "data: {pseudonymised_share: 1.5}\n",
                                      ["FILE:12:29: data.pseudonymised_share: '1.5' is out of range [0, 1]"]),
    "a negative security data volume": (with_cohort_keys("security_data_per_day: -5"),
                                        ["cohorts[0].security_data_per_day: '-5' is out of range"]),
    "a trial that starts inside an hour": (
        BASE.replace("subscriptions: [{id: s, plan: P2}]", "subscriptions: [{id: s, plan: P2, trial: {start: 90m}}]"),
        ["subscriptions[0].trial.start: a trial starts on a whole hour"]),
    # --- structure and keys
    "unknown top-level key": (BASE + "colour: blue\n", ["FILE:12:1: colour: unknown key 'colour'"]),
    "unknown cohort key": (with_cohort_keys("colour: blue"), ["FILE:12:5: cohorts[0].colour: unknown key 'colour'"]),
    "duplicate top-level key": (BASE + "name: u\n", ["FILE:12:1: name: key appears twice"]),
    "duplicate cohort key": (with_cohort_keys("count: 11"), ["FILE:12:5: cohorts[0].count: key appears twice"]),
    "duplicate key in the os mapping": (with_cohort_keys("os: {rhel-9: 0.5, rhel-9: 0.5}"),
                                        ["cohorts[0].os.rhel-9: key appears twice"]),
    "a list as a key": (with_cohort_keys("? [a, b]\n: 1"), ["a key must be a plain name"]),
    "a second YAML document": (BASE + "---\nname: other\n", ["FILE:13:1: a second YAML document"]),
    "empty file": ("", ["FILE: the scenario file is empty"]),
    "text yaml-cpp reads as nothing (its LoadAll looped forever on it)": (",\n a", ["FILE: no YAML document could be read from the file"]),
    "the fuzzer's hang": ("# A small mix\xff\xff key iDME.md.\n,\n  an ion deletion, a mand on-premov", ["no YAML document could be read"]),
    "only a comment": ("# nothing here\n", ["FILE: the scenario file is empty"]),
    "YAML syntax error": (BASE + "cohorts: [\n", ["YAML syntax error"]),
    "a list at the top": ("- a\n- b\n", ["(top level): a scenario is a mapping"]),
    "a merge key": (BASE.replace("tenants:", "base: &b {geo: EU}\ntenants:"), ["unknown key 'base'"]),
    "missing name": (BASE.replace("name: t\n", ""), ["(top level): missing required key 'name'"]),
    "missing cohorts": (BASE[:BASE.index("cohorts:")], ["missing required key 'cohorts'"]),
    "no tenants": (BASE.replace("tenants: [{id: t, geo: EU}]", "tenants: []"), ["tenants: declare at least one tenant"]),
    "no subscriptions": (BASE.replace("subscriptions: [{id: s, plan: P2}]", "subscriptions: []"),
                         ["declare at least one subscription"]),
    "no cohorts": (BASE[:BASE.index("cohorts:")] + "cohorts: []\n", ["declare at least one cohort"]),
    # --- types and ranges
    "count is text": (BASE.replace("count: 10", "count: ten"), ["FILE:8:12: cohorts[0].count: expected a whole number, found 'ten'"]),
    "count is negative": (BASE.replace("count: 10", "count: -3"), ["FILE:8:12: cohorts[0].count: '-3' is negative"]),
    "count too large": (BASE.replace("count: 10", "count: 50000001"), ["cohorts[0].count: '50000001' is out of range"]),
    "count is a list": (BASE.replace("count: 10", "count: [1]"), ["cohorts[0].count: expected a whole number, found a list"]),
    "seed is negative": (BASE + "seed: -1\n", ["FILE:12:7: seed: '-1' is negative"]),
    "seed beyond 64 bits": (BASE + "seed: 18446744073709551616\n", ["seed: '18446744073709551616' is out of range"]),
    "a negative price": (BASE + "billing: {p1_monthly_usd: -1}\n", ["FILE:12:27: billing.p1_monthly_usd: '-1' is out of range"]),
    "a hexadecimal number": (BASE + "billing: {p1_monthly_usd: 0x10}\n", ["billing.p1_monthly_usd: expected a number, found '0x10'"]),
    "an infinite number": (BASE + "billing: {p2_monthly_usd: .inf}\n", ["billing.p2_monthly_usd: expected a number"]),
    "not a number": (BASE + "billing: {p2_monthly_usd: nan}\n", ["billing.p2_monthly_usd: expected a number, found 'nan'"]),
    "a probability above 1": (BASE + "defender: {install_failures: {transient: 1.5}}\n",
                              ["defender.install_failures.transient: '1.5' is out of range [0, 1]"]),
    "a negative rate": (BASE + "defender: {agent: {misconfigured: -0.1}}\n", ["defender.agent.misconfigured: '-0.1' is out of range"]),
    "an unknown plan": (BASE.replace("plan: P2", "plan: P3"), ["subscriptions[0].plan: unknown value 'P3' (expected one of: off, P1, P2)"]),
    "an unknown environment": (BASE.replace("environment: azure", "environment: mars"), ["cohorts[0].environment: unknown value 'mars'"]),
    "an unknown geo": (BASE.replace("geo: EU", "geo: FR"), ["tenants[0].geo: unknown value 'FR'"]),
    "a name with a space": (BASE.replace("name: vms", "name: my vms"), ["cohorts[0].name: 'my vms' is not a valid name"]),
    "a name too long": (BASE.replace("name: vms", "name: " + "v" * 200), ["cohorts[0].name:", "(200 characters)"]),
    "a huge value is shortened": (BASE.replace("count: 10", "count: " + "9" * 5000), ["(5000 characters)"]),
    # --- durations and times
    "a negative duration": (BASE.replace("duration: 7d", "duration: -7d"), ["FILE:3:11: duration: '-7d' is negative"]),
    "a duration without a unit": (BASE.replace("duration: 7d", "duration: 7"), ["duration: '7' is not a duration"]),
    "an enormous duration": (BASE.replace("duration: 7d", "duration: 99999999999999999999d"), ["duration: '99999999999999999999d' is out of range"]),
    "an overflowing duration": (BASE.replace("duration: 7d", "duration: 1000000000000s1000000000000s1000000000000s"), ["duration:", "is out of range"]),
    "a duration over ten years": (BASE.replace("duration: 7d", "duration: 3700d"), ["duration: '3700d' is out of range [1h, 3660d]"]),
    "a duration not in hours": (BASE.replace("duration: 7d", "duration: 90m"), ["duration: the duration must be a whole number of hours"]),
    "a start off the hour": (BASE.replace("00:00:00Z", "00:30:00Z"), ["start: the start must be on a whole UTC hour"]),
    "a start that is no date": (BASE.replace("2026-01-05T00:00:00Z", "2026-02-30T00:00:00Z"), ["start: '2026-02-30T00:00:00Z' is not an ISO 8601 time"]),
    "an offset with 60 minutes": (BASE.replace("2026-01-05T00:00:00Z", "2026-01-05T03:00:00+03:60"), ["start: '2026-01-05T03:00:00+03:60' is not an ISO 8601 time"]),
    "an offset of 99 hours": (BASE.replace("2026-01-05T00:00:00Z", "2026-01-05T03:00:00+99:00"), ["is not an ISO 8601 time"]),
    "an hour of 25": (BASE.replace("2026-01-05T00:00:00Z", "2026-01-05T25:00:00Z"), ["is not an ISO 8601 time"]),
    "an event before the start": (BASE + "events: [{at: 2025-01-01T00:00:00Z, delete_extension: {cohort: vms}}]\n",
                                  ["events[0].at: '2025-01-01T00:00:00Z' is before the run's start"]),
    "a time of day of 25:00": (with_cohort_keys("power: {schedule: business-hours, start: '25:00'}"), ["cohorts[0].power.start: '25:00' is not a time of day"]),
    # --- time zones
    "a time zone that does not exist": (with_cohort_keys("power: {schedule: business-hours, timezone: Mars/Olympus}"),
                                        ["FILE:12:49: cohorts[0].power.timezone: unknown time zone 'Mars/Olympus'"]),
    "zone.tab is not a zone": (with_cohort_keys("power: {schedule: business-hours, timezone: zone.tab}"), ["unknown time zone 'zone.tab'"]),
    "the host's localtime is not a zone": (with_cohort_keys("power: {schedule: business-hours, timezone: localtime}"), ["unknown time zone 'localtime'"]),
    "posixrules is not a zone": (with_cohort_keys("power: {schedule: business-hours, timezone: posixrules}"), ["unknown time zone 'posixrules'"]),
    "a path is not a zone": (with_cohort_keys("power: {schedule: business-hours, timezone: ../../etc/passwd}"), ["unknown time zone '../../etc/passwd'"]),
    "an over-long zone name": (with_cohort_keys("power: {schedule: business-hours, timezone: " + "A/" * 3000 + "B}"),
                               ["cohorts[0].power.timezone: unknown time zone", "characters)"]),
    "an offset beyond 14 hours": (with_cohort_keys("power: {schedule: business-hours, timezone: '+14:30'}"), ["unknown time zone '+14:30'"]),
    "an offset with 60 minutes in a zone": (with_cohort_keys("power: {schedule: business-hours, timezone: '+03:60'}"), ["unknown time zone '+03:60'"]),
    # --- schedules
    "jitter longer than a phase": (with_cohort_keys("power: {schedule: business-hours, start: '08:00', end: '09:00', jitter: 2h}"),
                                   ["FILE:12:77: cohorts[0].power.jitter: 2h must be shorter than the schedule's shortest on or off phase (1h)"]),
    "business hours ending before they start": (with_cohort_keys("power: {schedule: business-hours, start: '18:00', end: '08:00'}"),
                                                ["business hours must end after they start"]),
    "an empty list of days": (with_cohort_keys("power: {schedule: business-hours, days: []}"), ["cohorts[0].power.days: the list of days is empty"]),
    "an unknown day": (with_cohort_keys("power: {schedule: business-hours, days: [mon, funday]}"), ["unknown value 'funday'"]),
    "a schedule key of another kind": (with_cohort_keys("power: {schedule: always-on, timezone: UTC}"), ["cohorts[0].power.timezone: unknown key 'timezone'"]),
    "an unknown schedule": (with_cohort_keys("power: {schedule: sometimes}"), ["cohorts[0].power.schedule: unknown value 'sometimes'"]),
    "an autoscale profile of 23 hours": (with_cohort_keys("power: {schedule: autoscale, min: 0, max: 5, profile: [" + ", ".join(["0.5"] * 23) + "]}"),
                                         ["expected 24 hourly fractions"]),
    "autoscale max above the count": (with_cohort_keys("power: {schedule: autoscale, min: 0, max: 50, profile: [" + ", ".join(["0.5"] * 24) + "]}"),
                                      ["autoscale max (50) exceeds the cohort's count (10)"]),
    "a weekly window of no length": (with_cohort_keys("power: {schedule: weekly, windows: [{start: '08:00', end: '08:00'}]}"),
                                     ["start and end are the same time of day"]),
    # --- fleet references
    "an undeclared subscription": (BASE.replace("subscription: s\n", "subscription: nope\n"), ["FILE:11:19: cohorts[0].subscription: no subscription 'nope' is declared"]),
    "an undeclared tenant": (BASE.replace("{id: s, plan: P2}", "{id: s, tenant: x, plan: P2}"), ["subscriptions[0].tenant: no tenant 'x' is declared"]),
    "a cohort declared twice": (BASE + COHORT, ["cohorts[1].name: cohort 'vms' is declared twice"]),
    "a subscription declared twice": (BASE.replace("[{id: s, plan: P2}]", "[{id: s, plan: P2}, {id: s, plan: P1}]"), ["subscription 's' is declared twice"]),
    "a site on Azure": (with_cohort_keys("site: dc1"), ["cohorts[0].site: a cohort in 'azure' has a 'region', not a 'site'"]),
    "scale sets off Azure": (BASE.replace("environment: azure", "environment: onprem").replace("region:", "site:") + "    orchestration: uniform\n",
                             ["orchestration needs environment 'azure'"]),
    "direct onboarding on Azure": (with_cohort_keys("onboarding: direct"), ["direct onboarding is for non-Azure servers"]),
    "an unknown operating system": (with_cohort_keys("os: {windows-95: 1.0}"), ["unknown operating system 'windows-95'"]),
    "fractions that do not add up": (with_cohort_keys("os: {rhel-9: 0.5, ubuntu-22.04: 0.4}"), ["the fractions add up to 0.900000, not 1"]),
    "an empty os mapping": (with_cohort_keys("os: {a: 1}").replace("os: {a: 1}", "os: {}"), ["the mapping is empty"]),
    "removed before added": (with_cohort_keys("added: 3d\nremoved: 2d"), ["cohorts[0].removed: the cohort is removed before it is added"]),
    # --- defender settings and distributions
    "a heartbeat that does not divide an hour": (BASE + "defender: {heartbeat_interval: 7m}\n", ["the heartbeat interval must divide an hour"]),
    "a heartbeat below a minute": (BASE + "defender: {heartbeat_interval: 30s}\n", ["defender.heartbeat_interval: '30s' is out of range"]),
    "a distribution without its parameter": (BASE + "defender: {agent: {time_to_failure: {distribution: exponential}}}\n",
                                             ["defender.agent.time_to_failure: missing required key 'mean'"]),
    "an unknown distribution": (BASE + "defender: {agent: {time_to_repair: {distribution: pareto, mean: 1h}}}\n", ["unknown value 'pareto'"]),
    "a weibull shape of 0": (BASE + "defender: {agent: {time_to_failure: {distribution: weibull, shape: 0, scale: 1d}}}\n",
                             ["defender.agent.time_to_failure.shape: '0' is out of range"]),
    "a lognormal median of 0": (BASE + "defender: {agent: {time_to_repair: {distribution: lognormal, median: 0s, sigma: 1}}}\n",
                                ["the median must be above 0s"]),
    "a uniform max below min": (BASE + "defender: {onboarding: {delay: {distribution: uniform, min: 2h, max: 1h}}}\n", ["max is below min"]),
    "a retry factor below 1": (BASE + "defender: {retry: {factor: 0.5}}\n", ["defender.retry.factor: '0.5' is out of range [1, 100]"]),
    "a power range max below min": (BASE + "power: {azure: {starting: {min: 5m, max: 1m}}}\n", ["max (1m) is below min (5m)"]),
    # --- network and events
    "an outage at an unknown site": (BASE + "network: {outages: [{location: nowhere, start: 1h, duration: 1h}]}\n",
                                     ["network.outages[0].location: no cohort is placed in a region or site named 'nowhere'"]),
    "random outages without a mean": (BASE + "network: {random_outages: {azure: {duration: 1h}}}\n", ["missing required key 'mean_time_between'"]),
    "an event of two kinds": (BASE + "events: [{at: 1d, delete_extension: {cohort: vms}, enable_integration: {subscription: s}}]\n",
                              ["an event has 'at' and exactly one of"]),
    "an event targeting nothing": (BASE + "events: [{at: 1d, delete_extension: {fraction: 0.5}}]\n", ["name either a 'cohort' or a 'subscription'"]),
    "an event for an unknown cohort": (BASE + "events: [{at: 1d, set_plan: {cohort: ghosts, plan: P1}}]\n", ["no cohort 'ghosts' is declared"]),
    "a move to an unknown subscription": (BASE + "events: [{at: 1d, move: {cohort: vms, to: elsewhere}}]\n", ["no subscription 'elsewhere' is declared"]),
}

SET_CASES = {
    "a --set with no '='": ([], ["cohorts[0].count"], ["--set cohorts[0].count: expected key.path=value"]),
    "a --set of a negative count": ([], ["cohorts[0].count=-5"], ["--set cohorts[0].count=-5: cohorts[0].count: '-5' is negative"]),
    "a --set into a missing list entry": ([], ["cohorts[5].count=1"], ["'cohorts' has 1 entries, no index 5"]),
    "a --set with a negative index": ([], ["cohorts[-1].count=1"], ["bad index '[-1]'"]),
    "a --set naming an unknown cohort": ([], ["cohorts.ghosts.count=1"], ["has no entry named 'ghosts'"]),
    "a --set of invalid YAML": ([], ["name=[unclosed"], ["the value is not valid YAML"]),
    "a --set that breaks another key is named": (
        ["power: {schedule: autoscale, min: 0, max: 10, profile: [" + ", ".join(["0.5"] * 24) + "]}"],
        ["cohorts.vms.count=5"], ["autoscale max (10) exceeds the cohort's count (5)", "(with --set cohorts.vms.count=5)"]),
    "a --set of a zone name": ([], ["cohorts.vms.power={schedule: business-hours, timezone: zone.tab}"],
                               ["--set cohorts.vms.power={schedule: business-hours, timezone: zone.tab}", "unknown time zone 'zone.tab'"]),
}


def many(kind, n):
    """A scenario with n cohorts, each in its own region (kind = 'cohorts') or all in one region."""
    lines = [BASE[:BASE.index("cohorts:")] + "cohorts:"]
    for i in range(n):
        region = f"r{i}" if kind == "locations" else "r"
        lines.append(f"  - {{name: c{i}, count: 0, environment: azure, region: {region}, subscription: s}}")
    return "\n".join(lines) + "\n"


class BadScenarios(unittest.TestCase):
    def test_more_than_65535_cohorts(self):
        check_bad_scenario(self, many("cohorts", 65536), ["cohorts[65535]: a scenario has at most 65535 cohorts"],
                           validate_too=False)

    def test_65535_cohorts_in_as_many_regions_are_accepted(self):
        # The boundary: every code still fits 16 bits (a location needs a cohort, so cohorts reach the limit first).
        with TempDir() as d:
            path = write_file(d, "edge.yaml", many("locations", 65535))
            p = fleettwin("validate", path)
            self.assertIn("65535 cohorts at 65535 locations", p.stdout)

    def test_the_corpus_is_large(self):
        self.assertGreaterEqual(len(CASES) + len(SET_CASES), 90)


for _name, (_text, _expected) in CASES.items():
    setattr(BadScenarios, "test_" + _name.replace(" ", "_").replace("'", "").replace("-", "_"),
            lambda self, t=_text, e=_expected: check_bad_scenario(self, t, e))
for _name, (_extra, _sets, _expected) in SET_CASES.items():
    setattr(BadScenarios, "test_" + "".join(c if c.isalnum() else "_" for c in _name),
            lambda self, x=_extra, s=_sets, e=_expected: check_bad_scenario(self, with_cohort_keys("\n".join(x)) if x else BASE, e, sets=s))

if __name__ == "__main__":
    unittest.main()
