#include <catch2/catch.hpp>

#include <cmath>

#include "models/common/random.hpp"
#include "models/soc/soc_queue.hpp"

using namespace fleettwin;

namespace {
std::vector<SocItem> poisson_items(double lambda_per_hour, int64_t horizon, uint8_t severity, uint64_t seed) {
  std::vector<SocItem> items;
  double t = 0;
  for (uint64_t k = 0;; ++k) {
    t += -std::log1p(-rng::uniform01(seed, 0, rng::Stream::NoiseAlert, k)) * 3600 / lambda_per_hour;
    const auto at = static_cast<int64_t>(t);
    if (at >= horizon) break;
    items.push_back({at, severity, false, k});
  }
  return items;
}
}  // namespace

TEST_CASE("the SOC as M/M/c has Erlang C's mean wait (within 3 %)", "[soc]") {
  // 4 analysts, 3 alerts an hour, 1 hour each (rho = 0.75). Analytic mean wait: 0.5094 h.
  const double lambda = 3, mu = 1;
  const unsigned c = 4;
  SocServiceTimes service;
  for (auto& d : service.triage) d = Distribution::exponential(3600 / mu);
  const int64_t horizon = 60'000 * 3600;  // 180,000 alerts
  const auto items = poisson_items(lambda, horizon, 2, 11);
  const std::vector<StaffingChange> staff = {{0, c}};
  const SocResult r = simulate_soc(items, staff, service, 5, horizon + 1000 * 3600);
  double wait = 0;
  size_t n = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    REQUIRE(r.outcomes[i].start >= items[i].arrival);
    wait += static_cast<double>(r.outcomes[i].start - items[i].arrival);
    ++n;
  }
  const double expected = erlang_c_mean_wait(lambda / 3600, mu / 3600, c);
  CHECK(expected / 3600 == Approx(0.5094).epsilon(0.001));
  CHECK(wait / static_cast<double>(n) == Approx(expected).epsilon(0.03));
  // Utilisation = rho over the arrival period.
  double busy = 0, staffed = 0;
  for (size_t h = 1000; h < 59'000; ++h) busy += r.hours[h].busy_seconds, staffed += r.hours[h].staffed_seconds;
  CHECK(busy / staffed == Approx(lambda / (c * mu)).epsilon(0.02));
}

TEST_CASE("the SOC serves high severity first and nobody off shift", "[soc]") {
  SocServiceTimes service;
  for (auto& d : service.triage) d = Distribution::fixed(600);
  // Nobody on duty until 3600, then one analyst.
  const std::vector<StaffingChange> staff = {{0, 0}, {3600, 1}};
  const std::vector<SocItem> items = {{0, 1, false, 1}, {10, 3, false, 2}, {20, 2, false, 3}};
  const SocResult r = simulate_soc(items, staff, service, 1, 7200);
  CHECK(r.outcomes[1].start == 3600);  // high
  CHECK(r.outcomes[2].start == 4200);  // medium
  CHECK(r.outcomes[0].start == 4800);  // low
  CHECK(r.outcomes[0].end == 5400);
  CHECK(r.hours[0].backlog == 3);
  CHECK(r.hours[0].staffed_seconds == 0);
  CHECK(r.hours[1].finished == 3);
  CHECK(r.hours[1].busy_seconds == 1800);
}

TEST_CASE("a pending approval times out at 7 days exactly", "[soc]") {
  SocServiceTimes service;
  for (auto& d : service.triage) d = Distribution::fixed(600);
  const int64_t week = 7 * 86400;
  const auto run = [&](int64_t analyst_from) {
    const std::vector<StaffingChange> staff = {{0, 0}, {analyst_from, 1}};
    const std::vector<SocItem> items = {{0, 3, false, 1, week}};
    return simulate_soc(items, staff, service, 1, 2 * week).outcomes[0];
  };
  const SocOutcome in_time = run(week - 601);  // finishes at 7 d - 1 s: approved
  CHECK(in_time.end == week - 1);
  CHECK_FALSE(in_time.expired);
  const SocOutcome at_deadline = run(week - 600);  // finishes at 7 d exactly: too late
  CHECK(at_deadline.end == week);
  CHECK(at_deadline.expired);
  const SocOutcome never = run(week);  // nobody before the deadline: it leaves the queue unhandled
  CHECK(never.start == -1);
  CHECK(never.expired);
}

TEST_CASE("the SOC run step by step decides as the SOC run at once", "[soc]") {
  SocServiceTimes service;
  const std::vector<StaffingChange> staff = {{0, 2}, {8 * 3600, 5}, {18 * 3600, 2}};
  const int64_t horizon = 30 * 86400;
  std::vector<SocItem> items = poisson_items(4, horizon, 2, 3);
  for (size_t i = 0; i < items.size(); ++i) {
    items[i].severity = static_cast<uint8_t>(i % 4);
    items[i].investigate = i % 7 == 0;
    if (i % 5 == 0) items[i].deadline = items[i].arrival + 3600;
  }
  const SocResult once = simulate_soc(items, staff, service, 9, horizon);
  SocQueue q(staff, service, 9, horizon);
  size_t next = 0;
  for (int64_t t = 900; t <= horizon; t += 900) {
    while (next < items.size() && items[next].arrival < t) q.add(items[next++]);
    q.advance_to(t);
  }
  const SocResult stepped = q.finish();
  REQUIRE(stepped.outcomes.size() == once.outcomes.size());
  size_t expired = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    CHECK(stepped.outcomes[i].start == once.outcomes[i].start);
    CHECK(stepped.outcomes[i].end == once.outcomes[i].end);
    expired += once.outcomes[i].expired;
  }
  CHECK(expired > 0);
  for (size_t h = 0; h < once.hours.size(); ++h) CHECK(stepped.hours[h].backlog == once.hours[h].backlog);
}
