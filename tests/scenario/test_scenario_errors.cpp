// Each kind of bad input gets an error naming the file, line, column and key path.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schedules.hpp"

using namespace fleettwin;
using Catch::Matchers::Contains;

namespace {

const std::string kGood =
    "name: t\n"                                        // line 1
    "start: 2026-01-05T00:00:00Z\n"                    // 2
    "duration: 7d\n"                                   // 3
    "tenants: [{id: t, geo: EU}]\n"                    // 4
    "subscriptions: [{id: s, plan: P2}]\n"             // 5
    "cohorts:\n"                                       // 6
    "  - name: vms\n"                                  // 7
    "    count: 10\n"                                  // 8
    "    environment: azure\n"                         // 9
    "    region: westeurope\n"                         // 10
    "    subscription: s\n";                           // 11

std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    const Scenario sc = parse_scenario(text, "bad.yaml", sets);
    compile_schedules(sc);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the good base scenario is accepted", "[validation]") {
  const Scenario sc = parse_scenario(kGood, "good.yaml");
  CHECK(sc.machine_count() == 10);
  CHECK(sc.hours() == 168);
  CHECK(sc.cohorts[0].plan == Plan::P2);
}

TEST_CASE("an unknown key names file, line, column, path and the allowed keys", "[validation]") {
  const std::string e = error_of(kGood + "    colour: blue\n");
  CHECK_THAT(e, Contains("bad.yaml:12:5: cohorts[0].colour: unknown key 'colour'"));
  CHECK_THAT(e, Contains("allowed here: name, count"));
}

TEST_CASE("a wrong type", "[validation]") {
  std::string text = kGood;
  text.replace(text.find("count: 10"), 9, "count: ten");
  CHECK_THAT(error_of(text), Contains("bad.yaml:8:12: cohorts[0].count: expected a whole number, found 'ten'"));
}

TEST_CASE("a negative count", "[validation]") {
  std::string text = kGood;
  text.replace(text.find("count: 10"), 9, "count: -3");
  CHECK_THAT(error_of(text), Contains("bad.yaml:8:12: cohorts[0].count: '-3' is negative"));
}

TEST_CASE("a negative or out-of-range price", "[validation]") {
  CHECK_THAT(error_of(kGood + "billing: {p2_monthly_usd: -14.6}\n"),
             Contains("bad.yaml:12:27: billing.p2_monthly_usd: '-14.6' is out of range [0, 1e+06]"));
  CHECK_THAT(error_of(kGood + "billing: {partial_hour: ceil}\n"),
             Contains("billing.partial_hour: unknown value 'ceil' (expected one of: prorate, round-up)"));
}

TEST_CASE("a missing required key points at its mapping", "[validation]") {
  std::string text = kGood;
  text.erase(text.find("    subscription: s\n"));
  CHECK_THAT(error_of(text), Contains("bad.yaml:7:5: cohorts[0]: missing required key 'subscription'"));
}

TEST_CASE("bad durations, times and zones", "[validation]") {
  std::string text = kGood;
  text.replace(text.find("duration: 7d"), 12, "duration: 7");
  CHECK_THAT(error_of(text), Contains("bad.yaml:3:11: duration: '7' is not a duration"));
  text = kGood;
  text.replace(text.find("duration: 7d"), 12, "duration: 90m");
  CHECK_THAT(error_of(text), Contains("whole number of hours"));
  CHECK_THAT(error_of(kGood + "    power: {schedule: business-hours, timezone: Mars/Olympus}\n"),
             Contains("cohorts[0].power.timezone: unknown time zone 'Mars/Olympus'"));
  CHECK_THAT(error_of(kGood + "    power: {schedule: business-hours, start: '25:00'}\n"),
             Contains("cohorts[0].power.start: '25:00' is not a time of day"));
  CHECK_THAT(error_of(kGood + "    power: {schedule: business-hours, jitter: 11h}\n"),
             Contains("must be shorter than the schedule's shortest on or off phase"));
}

TEST_CASE("keys that belong to another schedule kind are rejected", "[validation]") {
  CHECK_THAT(error_of(kGood + "    power: {schedule: always-on, timezone: UTC}\n"),
             Contains("cohorts[0].power.timezone: unknown key 'timezone' (allowed here: schedule)"));
  CHECK_THAT(error_of(kGood + "    power: {schedule: hourly}\n"),
             Contains("cohorts[0].power.schedule: unknown value 'hourly'"));
}

TEST_CASE("references, duplicates and mixes", "[validation]") {
  std::string text = kGood;
  text.replace(text.find("subscription: s\n"), 16, "subscription: nope\n");
  CHECK_THAT(error_of(text), Contains("bad.yaml:11:19: cohorts[0].subscription: no subscription 'nope' is declared"));
  CHECK_THAT(error_of(kGood + "    os: {windows-server-2022: 0.5, ubuntu-22.04: 0.4}\n"),
             Contains("cohorts[0].os: the fractions add up to 0.9"));
  CHECK_THAT(error_of(kGood + "    os: {windows-3.1: 1.0}\n"), Contains("unknown operating system 'windows-3.1'"));
  CHECK_THAT(error_of(kGood + "    count: 5\n"), Contains("bad.yaml:12:5: cohorts[0].count: key appears twice"));
  CHECK_THAT(error_of(kGood + "    site: dc1\n"), Contains("a cohort in 'azure' has a 'region', not a 'site'"));
}

TEST_CASE("YAML syntax errors carry their position", "[validation]") {
  CHECK_THAT(error_of("name: [unclosed\n"), Contains("bad.yaml:"));
  CHECK_THAT(error_of("name: [unclosed\n"), Contains("YAML syntax error"));
}

TEST_CASE("a missing file names the file", "[validation]") {
  CHECK_THROWS_WITH(load_scenario("/nonexistent/x.yaml"), Contains("/nonexistent/x.yaml: cannot open"));
}

TEST_CASE("set overrides (--set) apply before validation and are named in errors", "[validation]") {
  const Scenario sc = parse_scenario(kGood, "good.yaml", {"cohorts[0].count=25", "billing.partial_hour=round-up"});
  CHECK(sc.machine_count() == 25);
  CHECK(sc.billing.partial_hour == PartialHourRule::RoundUp);
  CHECK(parse_scenario(kGood, "good.yaml", {"cohorts.vms.count=7"}).machine_count() == 7);
  CHECK_THAT(error_of(kGood, {"cohorts[0].count=-1"}), Contains("--set cohorts[0].count=-1: cohorts[0].count: '-1' is negative"));
  CHECK_THAT(error_of(kGood, {"cohorts[3].count=1"}), Contains("has 1 entries, no index 3"));
  CHECK_THAT(error_of(kGood, {"cohorts.db.count=1"}), Contains("no entry named 'db'"));
  CHECK_THAT(error_of(kGood, {"billing.colour=1"}), Contains("billing.colour: unknown key"));
  CHECK_THAT(error_of(kGood, {"count"}), Contains("expected key.path=value"));
}

TEST_CASE("Defender keys: bad values name their key and position", "[validation]") {
  CHECK_THAT(error_of(kGood + "defender:\n  install_failures: {python_missing: -0.1}\n"),
             Contains("bad.yaml:13:38: defender.install_failures.python_missing: '-0.1' is out of range [0, 1]"));
  CHECK_THAT(error_of(kGood + "defender:\n  heartbeat_interval: 7m\n"),
             Contains("bad.yaml:13:23: defender.heartbeat_interval: the heartbeat interval must divide an hour"));
  CHECK_THAT(error_of(kGood + "defender:\n  agent: {time_to_repair: {distribution: gamma, mean: 1h}}\n"),
             Contains("defender.agent.time_to_repair.distribution: unknown value 'gamma'"));
  CHECK_THAT(error_of(kGood + "defender:\n  agent: {time_to_repair: {distribution: lognormal, median: 1h}}\n"),
             Contains("defender.agent.time_to_repair: missing required key 'sigma'"));
  CHECK_THAT(error_of(kGood + "defender:\n  agent: {time_to_failure: {distribution: exponential, mean: 0s}}\n"),
             Contains("the mean must be above 0s"));
  CHECK_THAT(error_of(kGood + "defender:\n  retry: {max_attempts: 0}\n"),
             Contains("defender.retry.max_attempts: '0' is out of range [1, 255]"));
}

TEST_CASE("network and events keys refer to what the scenario declares", "[validation]") {
  CHECK_THAT(error_of(kGood + "network:\n  outages: [{location: nowhere, start: 1d, duration: 2h}]\n"),
             Contains("network.outages[0].location: no cohort is placed in a region or site named 'nowhere'"));
  CHECK_THAT(error_of(kGood + "network:\n  outages: [{location: westeurope, start: 2025-01-01T00:00:00Z, duration: 2h}]\n"),
             Contains("network.outages[0].start: '2025-01-01T00:00:00Z' is before the run's start"));
  CHECK_THAT(error_of(kGood + "events:\n  - {at: 1d, move: {cohort: ghosts, to: s}}\n"),
             Contains("events[0].move.cohort: no cohort 'ghosts' is declared"));
  CHECK_THAT(error_of(kGood + "events:\n  - {at: 1d}\n"),
             Contains("events[0]: an event has 'at' and exactly one of"));
  CHECK_THAT(error_of(kGood + "events:\n  - {at: 1d, set_plan: {subscription: s, plan: P3}}\n"),
             Contains("events[0].set_plan.plan: unknown value 'P3'"));
  CHECK_THAT(error_of(kGood, {"cohorts.vms.orchestration=uniform", "cohorts.vms.environment=aws", "cohorts.vms.region=x"}),
             Contains("orchestration needs environment 'azure'"));
  CHECK_THAT(error_of(kGood, {"cohorts.vms.removed=2h", "cohorts.vms.added=3h"}),
             Contains("the cohort is removed before it is added"));
  CHECK_THAT(error_of(kGood, {"subscriptions[0].endpoint_protection={enabled: yesterday}"}),
             Contains("is not a time: write an ISO 8601 time"));
}
