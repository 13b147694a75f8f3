// The readers on a file written from hand-made records: figures worked out by hand, and no SimGrid anywhere — this
// executable links the readers and the recorder only (CTest also checks that libsimgrid is not among its needs).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "models/health/health_evaluation.hpp"
#include "sim/output/recorder.hpp"
#include "sim/output/run_file.hpp"
#include "sim/readers/query.hpp"
#include "sim/readers/summary.hpp"
#include "sim/scenario/scenario.hpp"

using namespace fleettwin;

namespace {

// Two P2 Azure machines over 8 hours; machine 0 healthy throughout, machine 1 a heartbeat issue at 4 h, healthy
// again at 8 h.
const char* kScenario = R"(name: hand-made
start: 2026-01-05T00:00:00Z
duration: 8h
seed: 7
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
cohorts:
  - {name: pair, count: 2, environment: azure, region: westeurope, subscription: s}
)";

struct TempFile {
  std::string path = (std::filesystem::temp_directory_path() / ("readers-" + std::to_string(::getpid()) + ".h5")).string();
  ~TempFile() { std::filesystem::remove(path); }
};

void write_run(const std::string& path) {
  const Scenario sc = parse_scenario(kScenario, "hand-made.yaml");
  Recorder rec(path);
  rec.write_header(sc);
  const int p2_azure = meter_group(Plan::P2, Environment::Azure);
  for (int64_t h = 0; h < 8; ++h) {
    HourUsage u;
    u.billable_seconds[p2_azure] = 2 * 3600;  // both machines billed the whole hour
    u.machines_billed[p2_azure] = 2;
    rec.append_hour(h, u);
  }
  GroupCounts seats{};
  seats[p2_azure] = 2;
  rec.append_month(0, 8, seats);
  const auto evaluation = [](int64_t index, int64_t t, int64_t healthy, int64_t issue, std::vector<HealthChange> changes) {
    Evaluation e;
    e.index = index;
    e.time = SimTime::at(t);
    ClassCounts c{};
    c[static_cast<size_t>(HealthClass::Healthy)] = healthy;
    c[static_cast<size_t>(HealthClass::HeartbeatIssue)] = issue;
    e.counts = {c};
    SensorCounts s{};
    s[static_cast<size_t>(SensorHealth::Active)] = 2;
    e.sensor = {s};
    e.changes = std::move(changes);
    return e;
  };
  rec.append_evaluation(evaluation(0, 0, 2, 0, {{0, HealthClass::Healthy, Issue::None}, {1, HealthClass::Healthy, Issue::None}}));
  rec.append_evaluation(evaluation(1, 4 * 3600, 1, 1, {{1, HealthClass::HeartbeatIssue, Issue::AgentNotReporting}}));
  rec.append_evaluation(evaluation(2, 8 * 3600, 2, 0, {{1, HealthClass::Healthy, Issue::None}}));
  const std::vector<std::vector<OutageInterval>> no_outages(1);
  rec.write_outages({&no_outages, {0}, 64});
  std::vector<uint16_t> zero16(2, 0);
  std::vector<Environment> env(2, Environment::Azure);
  std::vector<Plan> plan(2, Plan::P2);
  std::vector<PowerState> power(2, PowerState::Running);
  std::vector<AgentState> agent(2, AgentState::Running);
  std::vector<Issue> none(2, Issue::None);
  std::vector<HealthClass> healthy(2, HealthClass::Healthy);
  std::vector<uint8_t> attempts(2, 1);
  std::vector<uint32_t> billed(2, 8 * 3600);
  rec.write_machines({zero16, zero16, zero16, zero16, env, plan, power, agent, none, none, healthy, attempts, billed});
  rec.write_run_info({});
  rec.commit();
}

}  // namespace

TEST_CASE("summary figures from a hand-made file: cost, seats and unprotected machine-hours", "[readers]") {
  TempFile f;
  write_run(f.path);
  const RunSummary s = read_summary(f.path);
  CHECK(s.seed == 7);
  CHECK(s.machines == 2);
  CHECK(s.hours == 8);
  // 2 machines x 8 h at $14.60 per 730-hour month.
  CHECK(s.total.billed_hours == Approx(16.0));
  CHECK(s.total.cost_usd == Approx(16.0 * 14.60 / 730.0).epsilon(1e-12));
  CHECK(s.total.per_seat_cost_usd == Approx(2 * 14.60 * 8 / 730.0).epsilon(1e-12));
  // One machine unprotected from the 4 h evaluation to the 8 h one: 4 machine-hours of 16 applicable.
  CHECK(s.health.unprotected_machine_hours == Approx(4.0));
  CHECK(s.health.applicable_machine_hours == Approx(16.0));
  CHECK(s.health.hours_to_95 == Approx(0.0));
  CHECK(s.health.peak[static_cast<size_t>(HealthClass::HeartbeatIssue)] == 1);
  CHECK(s.health.heartbeats_delivered == 64);
}

TEST_CASE("query replays the changes up to the evaluation in force", "[readers]") {
  TempFile f;
  write_run(f.path);
  QueryRequest q;
  q.file = f.path;
  q.status = "unhealthy";
  q.at = "5h";  // the 4 h evaluation is in force
  QueryResult r = run_query(q);
  CHECK(r.evaluation_time == "2026-01-05T04:00:00Z");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].machine == 1);
  CHECK(r.rows[0].issue == "agent_not_reporting");
  q.at = "8h";
  CHECK(run_query(q).matched == 0);
  q.at = "9h";
  CHECK_THROWS_AS(run_query(q), QueryError);
  q.at = "";
  q.status = "sick";
  CHECK_THROWS_AS(run_query(q), QueryError);
}

TEST_CASE("a file that is not complete is refused, naming the file and what is wrong", "[readers]") {
  TempFile f;
  {
    const Scenario sc = parse_scenario(kScenario, "hand-made.yaml");
    Recorder rec(f.path);
    rec.write_header(sc);
    rec.commit();  // no hours, no evaluations, no machines
  }
  try {
    read_summary(f.path);
    FAIL("an incomplete file was read");
  } catch (const InvalidFile& e) {
    CHECK_THAT(e.what(), Catch::Matchers::StartsWith(f.path + ": /billing/time: 0 hours, but the run lasts 8"));
  }
}
