// The four-hourly evaluation through the real site logic (calendar, agent, power), without SimGrid: the window
// rule at its boundaries, provisioning, retries and outages, against outcomes worked out by hand.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "tests/engine/offline_run.hpp"

using namespace fleettwin;

namespace {

const char* kBase = R"(name: health
start: 2026-01-01T00:00:00Z
duration: 2d
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
defender:
  heartbeat_interval: 15m
  install_failures: {python_missing: 0, fanotify: 0, generalized_image: 0, ssm_agent_missing: 0, windows_2012_r2_prerequisites: 0, transient: 0}
  agent: {misconfigured: 0}
cohorts:
  - {name: vm, count: 1, environment: azure, region: r, subscription: s}
)";

struct Trace {
  std::vector<std::pair<int64_t, HealthClass>> classes;  // machine 0, at each evaluation (0 = start)
  std::vector<Issue> issues;
  FleetStore fleet;
};

// Runs the one-machine scenario through the real site logic (the same driver as the engine's, without SimGrid);
// the site's uplink is down during `outages`.
Trace drive(const std::vector<std::string>& sets, const std::vector<OutageInterval>& outages = {}) {
  const Scenario sc = parse_scenario(kBase, "health.yaml", sets);
  testing::OfflineRun run = testing::run_offline(sc, 1, {outages});
  Trace tr{{}, {}, std::move(run.fleet)};
  // The machine's class at each evaluation: the last change of machine 0 at or before it.
  HealthClass cls = HealthClass::Absent;
  Issue issue = Issue::None;
  for (const Evaluation& e : run.recorded.evaluations) {
    for (const HealthChange& c : e.changes)
      if (c.machine == 0) {
        cls = c.health_class;
        issue = c.issue;
      }
    tr.classes.emplace_back(e.time.seconds(), cls);
    tr.issues.push_back(issue);
  }
  return tr;
}

HealthClass at(const Trace& tr, int hours) {
  for (const auto& [t, c] : tr.classes)
    if (t == int64_t{hours} * 3600) return c;
  FAIL("no evaluation at " << hours << " h");
  return HealthClass::Absent;
}

std::vector<std::string> agent(const std::string& ttf, const std::string& ttr) {
  return {"defender.agent.time_to_failure=" + ttf, "defender.agent.time_to_repair=" + ttr};
}

}  // namespace

TEST_CASE("a sensor that fails exactly on the 4 h boundary is healthy at 4 h and a heartbeat issue at 8 h", "[window]") {
  const Trace tr = drive(agent("4h", "5h"));  // down on [4h, 9h)
  CHECK(at(tr, 0) == HealthClass::Healthy);
  CHECK(at(tr, 4) == HealthClass::Healthy);          // ticks 0:00 .. 3:45 delivered
  CHECK(at(tr, 8) == HealthClass::HeartbeatIssue);   // ticks 4:00 .. 7:45 all missed
  CHECK(tr.issues[2] == Issue::AgentNotReporting);
  CHECK(at(tr, 12) == HealthClass::Healthy);         // 9:00 delivered
}

TEST_CASE("a repair exactly at the boundary does not count for that evaluation", "[window]") {
  const Trace tr = drive(agent("4h", "4h"));  // down on [4h, 8h): the 8:00 tick belongs to the next window
  CHECK(at(tr, 8) == HealthClass::HeartbeatIssue);
  CHECK(at(tr, 12) == HealthClass::Healthy);
}

TEST_CASE("one heartbeat in the window's last tick is enough", "[window]") {
  // Down on [4h, 7h45m): the 7:45 tick is delivered, the window [4h, 8h) has a heartbeat.
  CHECK(at(drive(agent("4h", "3h45m")), 8) == HealthClass::Healthy);
  // Down on [4h, 7h45m + 1s): the 7:45 tick is missed.
  CHECK(at(drive(agent("4h", "3h45m1s")), 8) == HealthClass::HeartbeatIssue);
  // Failing one second before the boundary still delivers 3:45 to the [0h, 4h) window.
  CHECK(at(drive(agent("3h59m59s", "4h")), 4) == HealthClass::Healthy);
}

TEST_CASE("a site outage covering a whole window is a heartbeat issue with the site as cause", "[window]") {
  // Uplink down on [3:30, 12:30): the windows [4h, 8h) and [8h, 12h) have no delivered heartbeat.
  const Trace tr = drive(agent("3000d", "1h"), {{3 * 3600 + 1800, 12 * 3600 + 1800}});
  CHECK(at(tr, 4) == HealthClass::Healthy);
  CHECK(at(tr, 8) == HealthClass::HeartbeatIssue);
  CHECK(tr.issues[2] == Issue::SiteUnreachable);
  CHECK(at(tr, 12) == HealthClass::HeartbeatIssue);
  CHECK(at(tr, 16) == HealthClass::Healthy);  // 12:30 onwards delivered
}

TEST_CASE("a machine off for a whole window keeps its class, one on at a tick without heartbeats does not",
          "[window]") {
  // Business hours 08:00-18:00 UTC on weekdays (2026-01-01 is a Thursday): off in [0h, 8h).
  const std::vector<std::string> bh = {"cohorts.vm.power={schedule: business-hours, timezone: UTC, start: \"08:00\", end: \"18:00\"}",
                                       "defender.agent.time_to_failure=3000d"};
  const Trace tr = drive(bh);
  CHECK(at(tr, 4) == HealthClass::Healthy);   // off the whole window: the start's class stands
  CHECK(at(tr, 8) == HealthClass::Healthy);
  CHECK(at(tr, 12) == HealthClass::Healthy);  // on from 08:00 (+ Starting), reporting
  CHECK(at(tr, 24) == HealthClass::Healthy);  // window [20h, 24h) off: unchanged
}

// The only subscription of the tenant turns the integration on during the run: it is the tenant's first, so the
// first-subscription delay (up to 12 h by default) applies; the tests pin it.
TEST_CASE("integration turned on at the start: provisioning, then healthy after the first heartbeat", "[provisioning]") {
  const Trace tr = drive({"subscriptions[0].endpoint_protection={enabled: start}",
                          "defender.onboarding.first_subscription_delay=50m", "defender.agent.time_to_failure=3000d"});
  CHECK(at(tr, 0) == HealthClass::NotCovered);  // the start's state, before the action at 0
  CHECK(at(tr, 4) == HealthClass::Healthy);     // deployed at 0:50, first heartbeat at 1:00
  const Trace late = drive({"subscriptions[0].endpoint_protection={enabled: start}",
                            "defender.onboarding.first_subscription_delay=3h59m", "defender.agent.time_to_failure=3000d"});
  CHECK(at(late, 4) == HealthClass::Provisioning);  // installed at 3:59, no tick yet: awaiting first report
  CHECK(late.issues[1] == Issue::AwaitingFirstReport);
  CHECK(at(late, 8) == HealthClass::Healthy);
}

TEST_CASE("a transient failure is retried on the documented back-off until it succeeds or runs out", "[provisioning]") {
  const std::vector<std::string> always_fail = {"subscriptions[0].endpoint_protection={enabled: start}",
                                                "defender.onboarding.first_subscription_delay=10m",
                                                "defender.install_failures.transient=1",
                                                "defender.retry={first: 1h, factor: 2, max_interval: 24h, max_attempts: 4}"};
  const Trace tr = drive(always_fail);
  CHECK(at(tr, 4) == HealthClass::InstallationIssue);
  CHECK(tr.issues[1] == Issue::OnboardingScriptMissing);
  CHECK(tr.fleet.attempts[0] == 4);  // attempts at 0:10, 1:10, 3:10, 7:10, then none
  CHECK(tr.fleet.agent[0] == AgentState::InstallFailed);
}

TEST_CASE("a missing prerequisite is an installation issue with its own message, not retried", "[provisioning]") {
  const Trace tr = drive({"subscriptions[0].endpoint_protection={enabled: start}", "defender.onboarding.first_subscription_delay=10m",
                          "cohorts.vm.os={rhel-8: 1.0}", "defender.install_failures.python_missing=1"});
  CHECK(at(tr, 4) == HealthClass::InstallationIssue);
  CHECK(tr.issues[1] == Issue::PythonMissing);
  CHECK(tr.fleet.attempts[0] == 1);
}

TEST_CASE("not applicable machines and uncovered machines are classed at the start", "[provisioning]") {
  CHECK(at(drive({"cohorts.vm.os={windows-11: 1.0}"}), 4) == HealthClass::NotApplicable);
  CHECK(at(drive({"subscriptions[0].plan=off"}), 4) == HealthClass::NotCovered);
  const Trace legacy = drive({"subscriptions[0].created=2020-01-01", "cohorts.vm.os={windows-server-2016: 1.0}"});
  CHECK(at(legacy, 4) == HealthClass::InstallationIssue);
  CHECK(legacy.issues[1] == Issue::UnifiedSolutionNotEnabled);
}
