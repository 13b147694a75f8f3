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
#include "tests/support/hand_made_run.hpp"

using namespace fleettwin;
using fleettwin::testing::TempFile;
using fleettwin::testing::kHandMadeScenario;
using fleettwin::testing::write_hand_made_run;

TEST_CASE("summary figures from a hand-made file: cost, seats and unprotected machine-hours", "[readers]") {
  TempFile f;
  write_hand_made_run(f.path);
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
  write_hand_made_run(f.path);
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
    const Scenario sc = parse_scenario(kHandMadeScenario, "hand-made.yaml");
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
