// Billing through the real site logic (calendar, power model, meters), without SimGrid, against figures
// computed by hand from the power-state table and list prices.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "tests/engine/offline_run.hpp"

using namespace fleettwin;

namespace {

struct Totals {
  std::vector<PowerState> final_power;
  std::vector<HourUsage> hours;
  std::vector<GroupCounts> seats;
  double billable_hours(int group, const BillingParams& b) const {
    double h = 0;
    for (const auto& u : hours)
      h += b.partial_hour == PartialHourRule::Prorate ? u.billable_seconds[group] / 3600.0 : u.machines_billed[group];
    return h;
  }
};

// Runs the scenario's machines through `parts` sites per location (each cohort sliced across them).
Totals run_sites(const Scenario& sc, int parts = 1) {
  const testing::OfflineRun run = testing::run_offline(sc, testing::slice_cohorts(sc, parts));
  return {run.fleet.power, run.recorded.hours, run.recorded.seats};
}

std::string scenario(const std::string& duration, const std::string& cohort, const std::string& extra = "") {
  return "name: t\nstart: 2026-01-05T00:00:00Z\nduration: " + duration +
         "\ntenants: [{id: t, geo: EU}]\nsubscriptions: [{id: s, plan: P2}]\n" + extra + "cohorts:\n" + cohort;
}

const int kP2Azure = meter_group(Plan::P2, Environment::Azure);
const int kP2OnPrem = meter_group(Plan::P2, Environment::OnPrem);

}  // namespace

TEST_CASE("1,000 always-on Plan 2 Azure VMs for 730 hours cost $14,600.00", "[billing][site]") {
  const Scenario sc = parse_scenario(
      scenario("730h", "  - {name: vms, count: 1000, environment: azure, region: r, subscription: s}\n"), "test");
  const Totals t = run_sites(sc);
  REQUIRE(t.hours.size() == 730);
  const double hours = t.billable_hours(kP2Azure, sc.billing);
  CHECK(hours == 730'000.0);
  double cost = 0;
  for (const auto& u : t.hours) cost += u.billable_seconds[kP2Azure] / 3600.0 * sc.billing.hourly_rate(Plan::P2);
  CHECK(std::round(cost * 100) / 100 == 14600.00);
  // One 730-hour month: 1,000 seats, and per-seat licensing costs the same as hourly for an always-on fleet.
  REQUIRE(t.seats.size() == 1);
  CHECK(t.seats[0][kP2Azure] == 1000);
}

TEST_CASE("business hours with deallocation: billed only Running, Starting excluded", "[billing][site]") {
  const std::string cohort =
      "  - {name: dev, count: 200, environment: azure, region: r, subscription: s,\n"
      "     power: {schedule: business-hours, timezone: UTC, start: '08:00', end: '18:00'}}\n";
  const std::string power = "power: {azure: {starting: 60s, deallocating: 120s}}\n";
  Scenario sc = parse_scenario(scenario("7d", cohort, power), "test");
  // Monday to Friday, each machine: Starting 08:00-08:01 (not billed), Running 08:01-18:00 (billed),
  // Deallocating from 18:00 (not billed): 10 h - 60 s a day.
  const Totals t = run_sites(sc);
  CHECK(t.billable_hours(kP2Azure, sc.billing) == Approx(200 * 5 * (10 * 3600 - 60) / 3600.0).epsilon(1e-12));
  // Round-up: the ten clock hours 08:00-18:00 are each billed whole.
  sc.billing.partial_hour = PartialHourRule::RoundUp;
  CHECK(run_sites(sc).billable_hours(kP2Azure, sc.billing) == 200 * 5 * 10);
}

TEST_CASE("Stopped is billed and Deallocated is not", "[billing][site]") {
  const std::string cohort =
      "  - {name: dev, count: 10, environment: azure, region: r, subscription: s,\n"
      "     power: {schedule: business-hours, timezone: UTC, off_action: stop}}\n";
  const Scenario sc = parse_scenario(scenario("7d", cohort, "power: {azure: {starting: 60s, stopping: 30s}}\n"), "test");
  // Stopped machines still hold their hardware: billed all week except the five 60 s Starting phases.
  CHECK(run_sites(sc).billable_hours(kP2Azure, sc.billing) == Approx(10 * (168 * 3600 - 5 * 60) / 3600.0).epsilon(1e-12));
}

TEST_CASE("Arc Offline hours are not billed, Connected until 15-30 min of silence is", "[billing][site]") {
  const std::string cohort =
      "  - {name: dc, count: 50, environment: onprem, site: dc1, subscription: s,\n"
      "     power: {schedule: nightly-deallocation, timezone: UTC, on: '06:00', off: '22:00'}}\n";
  const std::string power = "power: {arc: {connect: 2m, offline_after: 20m}}\n";
  const Scenario sc = parse_scenario(scenario("7d", cohort, power), "test");
  // Each day: Connecting 06:00-06:02, Connected 06:02-22:00, still Connected 22:00-22:20, Offline after.
  const double per_day = (22 * 3600 + 20 * 60 - (6 * 3600 + 2 * 60)) / 3600.0;
  CHECK(run_sites(sc).billable_hours(kP2OnPrem, sc.billing) == Approx(50 * 7 * per_day).epsilon(1e-12));
}

TEST_CASE("billing does not depend on how machines are partitioned across sites", "[billing][site][random]") {
  const std::string cohort =
      "  - {name: dev, count: 301, environment: azure, region: r, subscription: s,\n"
      "     power: {schedule: business-hours, timezone: Europe/Paris, jitter: 15m}}\n"
      "  - {name: web, count: 97, environment: azure, region: r, subscription: s,\n"
      "     power: {schedule: autoscale, min: 10, max: 97, jitter: 5m, profile: [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4,\n"
      "             0.8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.1]}}\n";
  const Scenario sc = parse_scenario(scenario("14d", cohort), "test");
  const Totals one = run_sites(sc, 1), three = run_sites(sc, 3);
  REQUIRE(one.hours.size() == three.hours.size());
  for (size_t h = 0; h < one.hours.size(); ++h) {
    CHECK(one.hours[h].billable_seconds == three.hours[h].billable_seconds);
    CHECK(one.hours[h].machines_billed == three.hours[h].machines_billed);
  }
  CHECK(one.billable_hours(kP2Azure, sc.billing) > 0);
}

TEST_CASE("an Arc machine off for longer than expire_after expires, one powered on daily never does", "[power][site]") {
  const std::string cohorts =
      "  - {name: off, count: 5, environment: onprem, site: dc1, subscription: s, power: {schedule: always-off}}\n"
      "  - {name: nightly, count: 5, environment: onprem, site: dc1, subscription: s,\n"
      "     power: {schedule: nightly-deallocation, timezone: UTC, on: '06:00', off: '22:00'}}\n"
      "  - {name: weekend-off, count: 5, environment: aws, region: r, subscription: s,\n"
      "     power: {schedule: business-hours, timezone: UTC, start: '00:00', end: '24:00'}}\n";
  const Scenario sc = parse_scenario(scenario("8d", cohorts, "power: {arc: {expire_after: 36h}}\n"), "test");
  // Ends on Tuesday 00:00 (start Monday): the weekend-off machines were off Saturday and Sunday (48 h > 36 h).
  const Totals t = run_sites(sc);
  for (uint32_t m = 0; m < 5; ++m) CHECK(t.final_power[m] == PowerState::ArcExpired);
  for (uint32_t m = 5; m < 10; ++m) CHECK(t.final_power[m] == PowerState::ArcOffline);  // off since 22:00 only
  for (uint32_t m = 10; m < 15; ++m) CHECK(t.final_power[m] == PowerState::ArcConnected);  // back on Monday 00:00
  const Scenario sc7 = parse_scenario(scenario("7d", cohorts, "power: {arc: {expire_after: 36h}}\n"), "test");
  const Totals t7 = run_sites(sc7);  // ends Monday 00:00, 48 h after the Friday-night shutdown
  for (uint32_t m = 10; m < 15; ++m) CHECK(t7.final_power[m] == PowerState::ArcExpired);
}

TEST_CASE("every recorded figure is the same whatever the partition of machines into sites", "[site][partition]") {
  // The bundled hybrid scenario exercises every process: schedules in five time zones, provisioning with failures
  // and retries, legacy opt-ins, sensor failures, moves, plan changes, scale-out and scale-in, and outages.
  Scenario sc = load_scenario(std::string(FLEETTWIN_SOURCE_DIR) + "/scenarios/hybrid-enterprise.yaml",
                              {"duration=30d"});
  const auto down = plan_outages(sc);
  const testing::OfflineRun whole = testing::run_offline(sc, plan_sites(sc, 1), down);
  const testing::OfflineRun sliced = testing::run_offline(sc, testing::slice_cohorts(sc, 3), down, 2);
  // The engine's own sharding for eight threads, down to shards of 1,000 machines.
  const auto plan = plan_sites(sc, 8, 2, 1000);
  REQUIRE(plan.size() > 3 * sc.locations.size());
  const testing::OfflineRun sharded = testing::run_offline(sc, plan, down, 3);
  for (const testing::OfflineRun* other : {&sliced, &sharded}) {
    REQUIRE(other->recorded.hours.size() == whole.recorded.hours.size());
    for (size_t h = 0; h < whole.recorded.hours.size(); ++h) {
      CHECK(other->recorded.hours[h].billable_seconds == whole.recorded.hours[h].billable_seconds);
      CHECK(other->recorded.hours[h].machines_billed == whole.recorded.hours[h].machines_billed);
    }
    CHECK(other->recorded.seats == whole.recorded.seats);
    REQUIRE(other->recorded.evaluations.size() == whole.recorded.evaluations.size());
    for (size_t k = 0; k < whole.recorded.evaluations.size(); ++k) {
      const Evaluation& a = whole.recorded.evaluations[k];
      const Evaluation& b = other->recorded.evaluations[k];
      CHECK(b.time == a.time);
      CHECK(b.counts == a.counts);
      CHECK(b.sensor == a.sensor);
      REQUIRE(b.changes.size() == a.changes.size());
      for (size_t i = 0; i < a.changes.size(); ++i) {
        CHECK(b.changes[i].machine == a.changes[i].machine);
        CHECK(b.changes[i].health_class == a.changes[i].health_class);
        CHECK(b.changes[i].issue == a.changes[i].issue);
      }
    }
    CHECK(other->outages.batches_lost == whole.outages.batches_lost);
    CHECK(other->outages.heartbeats_delivered == whole.outages.heartbeats_delivered);
    CHECK(other->fleet.billed_seconds == whole.fleet.billed_seconds);
    CHECK(other->fleet.agent == whole.fleet.agent);
    CHECK(other->fleet.power == whole.fleet.power);
  }
  // The scenario is not trivial: outages cost batches, and classes change.
  uint64_t lost = 0;
  for (const auto n : whole.outages.batches_lost) lost += n;
  CHECK(lost > 0);
  CHECK(whole.recorded.evaluations.back().changes.size() < whole.recorded.evaluations.front().changes.size());
}

TEST_CASE("a stop or deallocation still under way at the end of the run ends in its first name", "[power][site]") {
  // Stopping -> Stopped and Deallocating -> Deallocated change nothing but the state's name, so the site applies
  // them when the shutdown begins (power_billing.cpp); the end-of-run state must still show a transition the run
  // ended in the middle of. Start Monday 00:00, end 18:00; the transition takes 30 min.
  for (const std::string off : {"stop", "deallocate"}) {
    const auto cohort = [&](const std::string& end) {
      return "  - {name: dev, count: 3, environment: azure, region: r, subscription: s,\n"
             "     power: {schedule: business-hours, timezone: UTC, start: '08:00', end: '" + end +
             "', off_action: " + off + "}}\n";
    };
    const std::string power = "power: {azure: {stopping: 30m, deallocating: 30m}}\n";
    const PowerState under_way = off == "stop" ? PowerState::Stopping : PowerState::Deallocating;
    const PowerState done = off == "stop" ? PowerState::Stopped : PowerState::Deallocated;
    INFO(off);
    for (const PowerState s : run_sites(parse_scenario(scenario("18h", cohort("17:40"), power), "test")).final_power)
      CHECK(s == under_way);  // due 18:10
    for (const PowerState s : run_sites(parse_scenario(scenario("18h", cohort("17:20"), power), "test")).final_power)
      CHECK(s == done);  // done 17:50
  }
}

TEST_CASE("a start carried by the end of Starting: scale-in before and during it, a run that ends in it", "[power][site]") {
  // A deallocated VM's schedule change is carried by the event that ends Starting (power_billing.cpp, carry_start).
  // Start Monday 00:00; business hours from 08:00, Starting takes 10 min: billed 08:10-18:00 each weekday.
  const std::string power = "power: {azure: {starting: 10m}}\n";
  const auto cohort = [](const std::string& start, const std::string& removed) {
    return "  - {name: dev, count: 4, environment: azure, region: r, subscription: s, removed: " + removed +
           ",\n     power: {schedule: business-hours, timezone: UTC, start: '" + start + "', end: '18:00'}}\n";
  };
  const double day = (10 * 3600 - 600) / 3600.0;
  const auto hours = [&](const Totals& t) { return t.billable_hours(kP2Azure, BillingParams{}); };
  const Totals kept = run_sites(parse_scenario(scenario("48h", cohort("08:00", "never"), power), "test"));
  CHECK(hours(kept) == Approx(4 * 2 * day).epsilon(1e-12));
  // Removed on Tuesday at 07:00, before its start, and at 08:05, while Starting: billed on Monday only.
  for (const std::string removed : {"31h", "1925m"}) {
    INFO("removed " << removed);
    const Totals t = run_sites(parse_scenario(scenario("48h", cohort("08:00", removed), power), "test"));
    CHECK(hours(t) == Approx(4 * day).epsilon(1e-12));
    for (const PowerState s : t.final_power) CHECK(s == PowerState::Deallocated);
  }
  // Added on Tuesday at 12:00: nothing of Monday's start (the machines did not exist), Running from 12:00 on.
  std::string added = cohort("08:00", "never");
  added.replace(added.find("removed: never"), 14, "added: 36h");
  CHECK(hours(run_sites(parse_scenario(scenario("48h", added, power), "test"))) == Approx(4 * 6.0).epsilon(1e-12));
  // The run ends at 08:00, five minutes into Starting: nothing billed, and the end state shows the start.
  const Totals ends = run_sites(parse_scenario(scenario("8h", cohort("07:55", "never"), power), "test"));
  CHECK(hours(ends) == 0);
  for (const PowerState s : ends.final_power) CHECK(s == PowerState::Starting);
  // Monday's start from before the run (the machines begin deallocated at 00:00) and Tuesday's, on 2 weekdays.
  for (const PowerState s : kept.final_power) CHECK(s == PowerState::Deallocated);
}

// Arc's first heartbeat and its Offline are folded into the schedule change when they fall in the same clock hour
// and nothing else can touch the machine's billing in between (power_billing.cpp, folds_arc_follow_up); otherwise
// they keep their events. Each case is billed by hand, by meter group and by clock hour, from the state table.
TEST_CASE("Arc heartbeats and Offlines folded or not bill as their events did: within and across the hour",
          "[billing][power][site]") {
  const std::string power = "power: {arc: {connect: 5m, offline_after: 20m}}\n";
  const auto cohort = [](const std::string& on, const std::string& off) {
    return "  - {name: dc, count: 7, environment: onprem, site: dc1, subscription: s,\n"
           "     power: {schedule: nightly-deallocation, timezone: UTC, on: '" + on + "', off: '" + off + "'}}\n";
  };
  for (const bool across : {false, true}) {
    INFO((across ? "across the hour" : "within the hour"));
    Scenario sc = parse_scenario(scenario("3d", across ? cohort("06:58", "21:50") : cohort("06:00", "22:00"), power), "test");
    const Totals t = run_sites(sc);
    REQUIRE(t.hours.size() == 72);
    for (int day = 0; day < 3; ++day) {
      const auto at = [&](int hour) { return t.hours[static_cast<size_t>(day * 24 + hour)].billable_seconds[kP2OnPrem]; };
      if (across) {  // Connected 07:03, Offline 22:10
        CHECK(at(6) == 0);
        CHECK(at(7) == 7 * 57 * 60);
        CHECK(at(21) == 7 * 3600);
        CHECK(at(22) == 7 * 10 * 60);
        CHECK(at(23) == 0);
      } else {  // Connected 06:05, Offline 22:20
        CHECK(at(5) == 0);
        CHECK(at(6) == 7 * 55 * 60);
        CHECK(at(22) == 7 * 20 * 60);
        CHECK(at(23) == 0);
      }
    }
    const double per_day = across ? 15 + 7 / 60.0 : 16 + 15 / 60.0;
    CHECK(t.billable_hours(kP2OnPrem, sc.billing) == Approx(7 * 3 * per_day).epsilon(1e-12));
    sc.billing.partial_hour = PartialHourRule::RoundUp;  // clock hours 07-22 or 06-22, each whole
    CHECK(run_sites(sc).billable_hours(kP2OnPrem, sc.billing) == 7 * 3 * (across ? 16 : 17));
  }
}

TEST_CASE("an Arc follow-up is not folded over a plan change, a removal or an SSM agent found missing",
          "[billing][power][site]") {
  const std::string power = "power: {arc: {connect: 5m, offline_after: 20m}}\n";
  const auto cohort = [](const std::string& extra) {
    return "  - {name: dc, count: 6, environment: onprem, site: dc1, subscription: s" + extra + ",\n"
           "     power: {schedule: nightly-deallocation, timezone: UTC, on: '06:00', off: '18:00'}}\n";
  };
  const int kP1OnPrem = meter_group(Plan::P1, Environment::OnPrem);
  const auto hours = [](const Totals& t, int g) { return t.billable_hours(g, BillingParams{}); };
  // Each day billed 06:05-18:20 unless something intervenes; two days.
  const double day = 12 + 15 / 60.0;
  const auto set_plan = [](const std::string& at) {
    return "events:\n  - {at: " + at + ", set_plan: {cohort: dc, plan: P1}}\n";
  };
  SECTION("a plan change while Connecting moves the day's billing from its heartbeat on") {
    const Totals t = run_sites(parse_scenario(scenario("2d", cohort(""), power + set_plan("6h1m")), "test"));
    CHECK(hours(t, kP2OnPrem) == 0);
    CHECK(hours(t, kP1OnPrem) == Approx(6 * 2 * day).epsilon(1e-12));
  }
  SECTION("a plan change while still Connected after the power-off moves its last ten minutes") {
    const Totals t = run_sites(parse_scenario(scenario("2d", cohort(""), power + set_plan("18h10m")), "test"));
    CHECK(hours(t, kP2OnPrem) == Approx(6 * (day - 10 / 60.0)).epsilon(1e-12));
    CHECK(hours(t, kP1OnPrem) == Approx(6 * (day + 10 / 60.0)).epsilon(1e-12));
  }
  SECTION("a removal while Connecting or still Connected ends the billing there") {
    const Totals before = run_sites(parse_scenario(scenario("2d", cohort(", removed: 6h3m"), power), "test"));
    CHECK(hours(before, kP2OnPrem) == 0);
    const Totals after = run_sites(parse_scenario(scenario("2d", cohort(", removed: 18h10m"), power), "test"));
    CHECK(hours(after, kP2OnPrem) == Approx(6 * (day - 10 / 60.0)).epsilon(1e-12));
    for (const PowerState s : after.final_power) CHECK(s == PowerState::ArcExpired);
  }
  SECTION("the next schedule change comes before the follow-up would") {
    // Back on at 18:10, before the 20 min of silence: Connected throughout, billed all the time.
    const auto flicker = [](const std::string& on, const std::string& off) {
      return "  - {name: dc, count: 6, environment: onprem, site: dc1, subscription: s,\n"
             "     power: {schedule: nightly-deallocation, timezone: UTC, on: '" + on + "', off: '" + off + "'}}\n";
    };
    CHECK(hours(run_sites(parse_scenario(scenario("2d", flicker("18:10", "18:00"), power), "test")), kP2OnPrem) ==
          Approx(6 * 48.0).epsilon(1e-12));
    // Off again at 06:03, before the first heartbeat at 06:05: never Connected, never billed.
    CHECK(hours(run_sites(parse_scenario(scenario("2d", flicker("06:00", "06:03"), power), "test")), kP2OnPrem) == 0);
  }
  SECTION("an AWS machine whose deployment finds no SSM agent while still Connected stops billing there") {
    // The integration is turned on at 17:00; the deployment attempt comes 70 min later, at 18:10.
    const std::string sc_text =
        "name: t\nstart: 2026-01-05T00:00:00Z\nduration: 2d\ntenants: [{id: t, geo: EU}]\n"
        "subscriptions: [{id: s, plan: P2, endpoint_protection: {enabled: 17h}}]\n" + power +
        "defender: {onboarding: {delay: 70m, first_subscription_delay: 70m}, install_failures: {ssm_agent_missing: 1}}\n"
        "cohorts:\n  - {name: ec2, count: 6, environment: aws, region: r, subscription: s,\n"
        "     power: {schedule: nightly-deallocation, timezone: UTC, on: '06:00', off: '18:00'}}\n";
    const Totals t = run_sites(parse_scenario(sc_text, "test"));
    CHECK(hours(t, meter_group(Plan::P2, Environment::Aws)) == Approx(6 * (day - 10 / 60.0)).epsilon(1e-12));
  }
}
