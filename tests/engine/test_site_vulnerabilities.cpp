// Vulnerability management through the real site logic (catalogue, calendar, maintenance windows, reporting),
// without SimGrid, against figures worked out by hand: Little's law for the open findings, the closed form of the
// share of finding-time Defender for Cloud does not list, and the secure score of a hand-built fleet.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "models/vulnerabilities/patch_release.hpp"
#include "models/vulnerabilities/remediation.hpp"
#include "tests/engine/offline_run.hpp"

using namespace fleettwin;

namespace {

// Many findings a day so that the run's own disclosures barely scatter (the count of a Poisson process of mean K
// has a relative spread 1/√K: 0.26 % here, 400 a day over a year). Without applications a machine's findings are
// its operating system's share of the rate: 0.4 × 1000.
const char* kBase = R"(name: vulns
start: 2026-01-05T13:00:00Z
duration: 365d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P1}]
defender:
  install_failures: {python_missing: 0, fanotify: 0, generalized_image: 0, ssm_agent_missing: 0, windows_2012_r2_prerequisites: 0, transient: 0}
  agent: {misconfigured: 0, time_to_failure: 3600d}
vulnerabilities:
  enabled: true
  disclosure: {windows_per_machine_day: 1000, linux_per_machine_day: 1000}
  assessment: {agentless: false}
cohorts:
  - {name: vm, count: 200, environment: azure, region: r, subscription: s,
     vulnerabilities: {applications: 0, maintenance: {schedule: weekly, windows: [{days: [sat], start: "10:00", end: "12:00"}]}}}
)";

double mean_open_per_machine(const VulnerabilityRecord& r, double machines, double seconds) {
  double open = 0;
  for (const auto& row : r.open_seconds)
    for (const auto& env : row)
      for (const int64_t x : env) open += static_cast<double>(x);
  return open / (machines * seconds);
}

double share_unseen(const VulnerabilityRecord& r) {
  double open = 0, unseen = 0;
  for (size_t i = 0; i < r.open_seconds.size(); ++i)
    for (size_t e = 0; e < kEnvironmentCount; ++e)
      for (size_t s = 0; s < kVulnSeverityCount; ++s) {
        open += static_cast<double>(r.open_seconds[i][e][s]);
        unseen += static_cast<double>(r.unseen_seconds[i][e][s]);
      }
  return unseen / open;
}

// The mean wait from a uniformly random instant of the run to the next Patch Tuesday release (days), by brute force.
double mean_patch_tuesday_wait(int64_t start, int64_t duration, int hour) {
  double sum = 0;
  int64_t n = 0;
  for (int64_t t = 0; t < duration; t += 600, ++n) sum += static_cast<double>(next_patch_tuesday(start + t, hour) - start - t);
  return sum / static_cast<double>(n) / 86400;
}

}  // namespace

TEST_CASE("open findings per machine in steady state are the arrival rate times the mean time open (Little's law)",
          "[vulnerabilities]") {
  // Weekly windows: a finding waits for the first window after its fix, then each window closes it with
  // q = 1 − e^(−h g): from a uniformly random instant, W = g/2 + g (1/q − 1) = g (1/q − 1/2) by hand. Linux's fixes
  // come after a lognormal delay of median 3 days (σ = 1): mean 3 e^(1/2) days, at uniformly random instants.
  // Windows' all come on Patch Tuesday at 18:00 UTC: 3 d 16 h before the Saturday 10:00 window, then g (1/q − 1).
  const double rate = 400, h = std::log(2.0) / 36, g = 7, q = 1 - std::exp(-h * g);
  const double window_wait = g * (1 / q - 0.5);
  CHECK(mean_wait_in_windows({7.0}, h) == Approx(window_wait).epsilon(1e-12));
  SECTION("windows") {
    const Scenario sc = parse_scenario(kBase, "v.yaml");
    const auto run = testing::run_offline(sc, 1);
    const double fix_wait = mean_patch_tuesday_wait(sc.start, sc.duration, 18);
    const double expected = rate * (fix_wait + (3 + 16.0 / 24) + g * (1 / q - 1));
    CHECK(mean_open_per_machine(run.vulnerabilities, 200, static_cast<double>(sc.duration)) ==
          Approx(expected).epsilon(0.02));
  }
  SECTION("linux") {
    const Scenario sc = parse_scenario(kBase, "v.yaml", {"cohorts[0].os={ubuntu-22.04: 1}"});
    const auto run = testing::run_offline(sc, 1);
    const double expected = rate * (3 * std::exp(0.5) + window_wait);
    CHECK(mean_open_per_machine(run.vulnerabilities, 200, static_cast<double>(sc.duration)) ==
          Approx(expected).epsilon(0.02));
  }
  SECTION("a monthly capacity instead of a half-life") {
    const Scenario sc = parse_scenario(kBase, "v.yaml", {"vulnerabilities.remediation.capacity=high"});
    const auto run = testing::run_offline(sc, 1);
    const double hc = -std::log(1 - 0.271) / kMeanMonthDays, qc = 1 - std::exp(-hc * g);
    const double expected = rate * (mean_patch_tuesday_wait(sc.start, sc.duration, 18) + (3 + 16.0 / 24) + g * (1 / qc - 1));
    CHECK(mean_open_per_machine(run.vulnerabilities, 200, static_cast<double>(sc.duration)) ==
          Approx(expected).epsilon(0.02));
  }
}

TEST_CASE("the share of finding-time Defender for Cloud does not list follows from the reporting pattern and the "
          "6-hour cadence", "[vulnerabilities]") {
  // Always reporting: a finding waits for the next publication, c/2 = 3 h on average. On 06:00-22:00 UTC only: the
  // sensor reports from just after 06:00 to 22:00, so it is captured at 12:00 and 18:00 — gaps of 6 h and 18 h,
  // and a finding waits Σ (g/P)(g/2) = (6/24)(3) + (18/24)(9) = 7.5 h. The share is that wait over the mean time
  // a finding is open (W ≫ the gaps, so the exponential correction of assessment.hpp is below 0.1 %).
  const double h = std::log(2.0) / 36, g = 7, q = 1 - std::exp(-h * g);
  const double window_wait = g * (1 / q - 0.5);
  SECTION("always reporting") {
    const Scenario sc = parse_scenario(kBase, "v.yaml", {"cohorts[0].os={ubuntu-22.04: 1}"});
    const auto run = testing::run_offline(sc, 1);
    const double w = 3 * std::exp(0.5) + window_wait;
    CHECK(share_unseen(run.vulnerabilities) == Approx(0.125 / w).epsilon(0.02));
  }
  SECTION("on 16 hours a day") {
    const Scenario sc = parse_scenario(
        kBase, "v.yaml",
        {"cohorts[0].os={ubuntu-22.04: 1}",
         "cohorts[0].power={schedule: nightly-deallocation, timezone: UTC, on: \"06:00\", off: \"22:00\"}"});
    const auto run = testing::run_offline(sc, 1);
    const double w = 3 * std::exp(0.5) + window_wait;
    CHECK(share_unseen(run.vulnerabilities) == Approx(7.5 / 24 / w).epsilon(0.02));
  }
}

TEST_CASE("a machine's group, operating system, location and environment found from its cohort are its own", "[vulnerabilities]") {
  // Cohorts of one, two and three operating systems, one of them given no machine, and an empty cohort.
  const std::string text = std::string(kBase) +
                           "  - {name: b, count: 7, environment: azure, region: r, subscription: s,\n"
                           "     os: {ubuntu-22.04: 0.5, rhel-9: 0, windows-server-2019: 0.5}}\n"
                           "  - {name: c, count: 0, environment: azure, region: r, subscription: s}\n"
                           "  - {name: d, count: 3, environment: azure, region: r, subscription: s}\n";
  const Scenario sc = parse_scenario(text, "v.yaml", {"cohorts[0].os={ubuntu-22.04: 0.3, windows-server-2022: 0.7}"});
  const VulnerabilityCatalogue catalogue(sc);
  const FleetStore f = FleetStore::build(sc);
  size_t groups_seen = 0;
  uint32_t last = UINT32_MAX;
  for (uint32_t m = 0; m < f.size(); ++m) {
    const uint32_t g = catalogue.group_of(m, f.cohort[m]);
    const VulnerabilityGroup& G = catalogue.groups().at(g);
    CHECK(G.cohort == f.cohort[m]);
    CHECK(G.os == f.os_of(m));
    CHECK(f.location_of(m) == sc.cohorts[f.cohort[m]].location);
    CHECK(f.environment_of(m) == sc.cohorts[f.cohort[m]].environment);
    CHECK((m >= G.first_machine && m < G.first_machine + G.count));
    CHECK(g == catalogue.group_of(m));
    groups_seen += g != last;
    last = g;
  }
  CHECK(groups_seen == catalogue.groups().size());
  CHECK(groups_seen == 5);
}
