// The window rule's arithmetic, sensor health, outages, and the closed form used by the analytic validation.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/agent/agent_reliability.hpp"
#include "models/health/health_evaluation.hpp"
#include "models/network/outages.hpp"
#include "models/health/sensor_health.hpp"

using namespace fleettwin;

namespace {
constexpr SimTime T(int64_t seconds) { return SimTime::at(seconds); }
constexpr SimTime kNone = SimTime::none();
}  // namespace

TEST_CASE("last tick in a half-open interval", "[health]") {
  CHECK(last_tick_in(T(0), T(900), 900) == T(0));
  CHECK(last_tick_in(T(0), T(901), 900) == T(900));
  CHECK(last_tick_in(T(1), T(900), 900) == kNone);  // no tick in [1, 900)
  CHECK(last_tick_in(T(900), T(900), 900) == kNone);
  CHECK(last_tick_in(T(-900), T(0), 900) == T(-900));  // before the start
  CHECK(last_tick_in(T(-1800), T(-1), 900) == T(-900));
  CHECK(last_tick_in(kNone, T(5000), 900) == kNone);
  // Near the longest run a scenario may ask for (kMaxRunSeconds).
  const int64_t far = kMaxRunSeconds - 7;
  CHECK(last_tick_in(T(0), T(far), 900) == T((far - 1) / 900 * 900));
  CHECK(last_tick_in(T(0), T(far), 7) == T((far - 1) / 7 * 7));
  // Against counting down tick by tick, across zero and for the intervals a scenario can give.
  for (const int32_t interval : {1, 7, 60, 300, 900, 3600}) {
    for (int64_t until = -2 * interval - 3; until < 3 * interval + 5; until += 1 + interval / 17) {
      for (const int64_t since : {int64_t{-2} * interval, int64_t{-1}, int64_t{0}, int64_t{interval} + 1}) {
        SimTime expect = kNone;
        for (int64_t tick = (until - 1) - (((until - 1) % interval) + interval) % interval; tick >= since; tick -= interval) {
          expect = T(tick);
          break;
        }
        INFO("interval " << interval << " since " << since << " until " << until);
        CHECK(last_tick_in(T(since), T(until), interval) == (until <= since ? kNone : expect));
      }
    }
  }
}

TEST_CASE("a tick track keeps the last tick of a closed interval", "[health]") {
  TickTrack t;
  t.begin(T(100));
  CHECK(t.last_before(T(14400), 900) == T(13500));
  t.end(T(3600), 900);  // down at exactly a tick: that tick is missed
  CHECK(t.last == T(2700));
  CHECK_FALSE(t.holds());
  t.begin(T(3700));
  t.end(T(4400), 900);  // up between two ticks only: nothing delivered
  CHECK(t.last == T(2700));
}

TEST_CASE("the window verdict at the four-hour boundary", "[health]") {
  const int32_t dt = 900;
  const SimTime at8 = T(8 * 3600);
  TickTrack on;
  on.begin(T(0));
  TickTrack seen;
  seen.begin(T(0));
  seen.end(T(4 * 3600), dt);  // last heartbeat at 3:45, outside [4h, 8h)
  CHECK(judge_window(seen, on, at8, dt) == WindowVerdict::Silent);
  CHECK(judge_window(seen, on, T(4 * 3600), dt) == WindowVerdict::Reported);  // 3:45 is in [0h, 4h)
  TickTrack seen2;
  seen2.begin(T(0));
  seen2.end(T(4 * 3600 + 1), dt);  // the 4:00 heartbeat made it
  CHECK(judge_window(seen2, on, at8, dt) == WindowVerdict::Reported);
  TickTrack off;
  off.begin(T(0));
  off.end(T(3 * 3600), dt);
  CHECK(judge_window(seen, off, at8, dt) == WindowVerdict::PoweredOff);
  CHECK(judge_window(TickTrack{}, on, at8, dt) == WindowVerdict::NeverReported);
}

TEST_CASE("sensor health: active, inactive after seven days, misconfigured", "[health]") {
  const SimTime now = T(30 * 86400);
  CHECK(sensor_health(false, kNone, now, Misconfiguration::None) == SensorHealth::NoSensor);
  CHECK(sensor_health(true, kNone, now, Misconfiguration::None) == SensorHealth::Inactive);  // onboarded, never seen
  CHECK(sensor_health(true, now - 3600, now, Misconfiguration::None) == SensorHealth::Active);
  CHECK(sensor_health(true, now - 7 * 86400, now, Misconfiguration::None) == SensorHealth::Active);
  CHECK(sensor_health(true, now - (7 * 86400 + 1), now, Misconfiguration::None) == SensorHealth::Inactive);
  CHECK(sensor_health(true, now - 60, now, Misconfiguration::Both) == SensorHealth::NoSensorDataImpairedCommunication);
  CHECK(sensor_health(true, now - 8 * 86400, now, Misconfiguration::NoSensorData) == SensorHealth::Inactive);
}

TEST_CASE("the closed form reduces to the continuous limits", "[health]") {
  const double lambda = 1.0 / (2 * 86400), mu = 1.0 / (8 * 3600);
  // One tick per window: the stationary probability of being down.
  CHECK(steady_state_heartbeat_issue(lambda, mu, 14400, 14400) == Approx(lambda / (lambda + mu)));
  // Ticks every second: down at the window's start and no repair for four hours.
  CHECK(steady_state_heartbeat_issue(lambda, mu, 1, 14400) ==
        Approx(lambda / (lambda + mu) * std::exp(-mu * 14400)).epsilon(1e-3));
  AgentReliability r;
  r.time_to_failure = Distribution::exponential(2 * 86400);
  r.time_to_repair = Distribution::exponential(8 * 3600);
  CHECK(unavailability(r) == Approx(8.0 / 56.0));  // MTTR / (MTBF + MTTR)
}

TEST_CASE("outages merge, clip, and random ones follow the mean time between", "[outages]") {
  const auto merged = merge_outages({{100, 200}, {150, 300}, {300, 350}, {500, 400}, {900, 2000}}, 1000);
  REQUIRE(merged.size() == 2);
  CHECK(merged[0].start == 100);
  CHECK(merged[0].end == 350);
  CHECK(merged[1].start == 900);
  CHECK(merged[1].end == 1000);
  RandomOutages p;
  p.mean_time_between = 10 * 86400;
  p.duration = Distribution::fixed(3600);
  size_t count = 0;
  for (uint32_t loc = 0; loc < 200; ++loc) count += draw_outages(p, 3, loc, 365 * 86400).size();
  // Renewal process: 365 d / (10 d + 1 h) outages per location.
  CHECK(count / 200.0 == Approx(365.0 / (10 + 1.0 / 24)).epsilon(0.03));
  CHECK(draw_outages(RandomOutages{}, 3, 0, 365 * 86400).empty());
}
