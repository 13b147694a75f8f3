#include <catch2/catch.hpp>

#include "models/power/power_schedule.hpp"
#include "sim/scenario/duration.hpp"
#include "sim/scenario/timezone.hpp"

using namespace fleettwin;

namespace {
int64_t t(const char* iso) { return *parse_iso8601(iso); }
}  // namespace

TEST_CASE("always-on never changes", "[schedule]") {
  const auto s = PowerSchedule::always_on();
  const auto c = s.at(t("2026-01-05T03:00:00Z"), 0);
  CHECK(c.on);
  CHECK(c.next_change == kNever);
  CHECK_FALSE(PowerSchedule::always_off().at(0, 0).on);
}

TEST_CASE("business hours in UTC: on 08:00-18:00 on weekdays only", "[schedule]") {
  const auto s = PowerSchedule::weekly({{0x1f, 8 * 3600, 18 * 3600}}, UtcOffsets::fixed(0));
  // 2026-01-05 is a Monday.
  auto c = s.at(t("2026-01-05T07:59:59Z"), 0);
  CHECK_FALSE(c.on);
  CHECK(c.next_change == t("2026-01-05T08:00:00Z"));
  c = s.at(t("2026-01-05T08:00:00Z"), 0);
  CHECK(c.on);
  CHECK(c.next_change == t("2026-01-05T18:00:00Z"));
  // Friday evening: next on is Monday morning.
  c = s.at(t("2026-01-09T18:00:00Z"), 0);
  CHECK_FALSE(c.on);
  CHECK(c.next_change == t("2026-01-12T08:00:00Z"));
  CHECK_FALSE(s.at(t("2026-01-10T12:00:00Z"), 0).on);  // Saturday noon
  CHECK(s.shortest_phase() == 10 * 3600);
}

TEST_CASE("a window past midnight and overlapping windows combine as a union", "[schedule]") {
  // On 22:00-02:00 every day, and 01:00-03:00 on Mondays.
  const auto s = PowerSchedule::weekly({{0x7f, 22 * 3600, 2 * 3600}, {0x01, 1 * 3600, 3 * 3600}}, UtcOffsets::fixed(0));
  CHECK(s.at(t("2026-01-05T00:30:00Z"), 0).on);   // Monday, Sunday's window runs on
  CHECK(s.at(t("2026-01-05T02:30:00Z"), 0).on);   // Monday extra window
  CHECK(s.at(t("2026-01-05T02:30:00Z"), 0).next_change == t("2026-01-05T03:00:00Z"));
  CHECK_FALSE(s.at(t("2026-01-06T02:30:00Z"), 0).on);  // Tuesday
  CHECK(s.at(t("2026-01-11T23:00:00Z"), 0).on);  // Sunday night wraps to Monday
}

TEST_CASE("local time follows daylight saving in Europe/Paris", "[schedule][timezone]") {
  const int64_t from = t("2026-03-01T00:00:00Z"), to = t("2026-04-30T00:00:00Z");
  const auto paris = load_utc_offsets("Europe/Paris", from, to);
  CHECK(paris.at(t("2026-03-20T12:00:00Z")) == 3600);  // CET
  CHECK(paris.at(t("2026-04-01T12:00:00Z")) == 7200);  // CEST after 2026-03-29
  const auto s = PowerSchedule::weekly({{0x1f, 8 * 3600, 18 * 3600}}, paris);
  CHECK(s.at(t("2026-03-20T06:00:00Z"), 0).next_change == t("2026-03-20T07:00:00Z"));  // 08:00 CET
  CHECK(s.at(t("2026-04-01T05:00:00Z"), 0).next_change == t("2026-04-01T06:00:00Z"));  // 08:00 CEST
  CHECK(load_utc_offsets("+05:30", from, to).at(from) == 19800);
  CHECK(check_timezone("Mars/Olympus").has_value());
  CHECK_FALSE(check_timezone("America/New_York").has_value());
}

TEST_CASE("autoscale: instance r is on while r < min + round((max - min) x profile of the hour)", "[schedule]") {
  AutoscaleProfile p{2, 10, {}};
  for (int h = 0; h < 24; ++h) p.profile[static_cast<size_t>(h)] = h >= 9 && h < 17 ? 1.0 : 0.5;
  CHECK(p.target(3) == 6);
  CHECK(p.target(12) == 10);
  const auto s = PowerSchedule::autoscale(p, UtcOffsets::fixed(0));
  CHECK(s.at(t("2026-01-05T03:00:00Z"), 1).on);    // always within min
  CHECK(s.at(t("2026-01-05T03:00:00Z"), 1).next_change == kNever);
  auto c = s.at(t("2026-01-05T03:00:00Z"), 7);
  CHECK_FALSE(c.on);
  CHECK(c.next_change == t("2026-01-05T09:00:00Z"));
  c = s.at(t("2026-01-05T09:30:00Z"), 7);
  CHECK(c.on);
  CHECK(c.next_change == t("2026-01-05T17:00:00Z"));
  CHECK_FALSE(s.at(t("2026-01-05T12:00:00Z"), 10).on);  // beyond max: never on
}

TEST_CASE("the memo gives exactly the direct answer, across daylight saving changes and repeated hours",
          "[schedule][timezone]") {
  // A year of queries in time order with jitter-like noise and a few steps back, on schedules whose changes sit
  // on the clock changes themselves (02:00-03:00 local, Sunday nights), in zones that move both ways.
  const int64_t from = t("2026-01-01T00:00:00Z"), to = t("2027-01-01T00:00:00Z");
  for (const char* zone : {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"}) {
    const auto offsets = load_utc_offsets(zone, from, to);
    const std::vector<PowerSchedule> schedules = {
        PowerSchedule::weekly({{0x1f, 8 * 3600, 18 * 3600}}, offsets),
        PowerSchedule::weekly({{0x7f, 2 * 3600 + 1800, 3 * 3600}, {0x40, 1 * 3600, 2 * 3600 + 900}}, offsets),
        PowerSchedule::weekly({{0x7f, 22 * 3600, 6 * 3600}}, offsets)};
    for (const auto& s : schedules) {
      ScheduleMemo memo;
      uint64_t x = 12345;
      size_t differ = 0, queries = 0;
      for (int64_t q = from; q < to;) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        const int64_t step = static_cast<int64_t>(x >> 52);  // 0 .. 4095 s
        q += (x & 0x3f) == 0 ? -step : step;                 // one query in 64 goes back
        const PowerChange direct = s.at(q, 0), memoised = s.at(q, 0, memo);
        differ += direct.on != memoised.on || direct.next_change != memoised.next_change;
        ++queries;
      }
      CHECK(queries > 10'000);
      CHECK(differ == 0);
    }
  }
}

TEST_CASE("the autoscale memo gives exactly the direct answer for every rank, across daylight saving changes",
          "[schedule][timezone]") {
  // Profiles with plateaus, a dip and a climb inside the day, and one flat; every rank from below min to above
  // max; queries in time order with steps back, as the sites ask, over a year in zones that move both ways.
  const int64_t from = t("2026-01-01T00:00:00Z"), to = t("2027-01-01T00:00:00Z");
  std::vector<AutoscaleProfile> profiles(3);
  profiles[0] = {2, 40, {}};
  profiles[1] = {0, 25, {}};
  profiles[2] = {5, 5, {}};
  for (int h = 0; h < 24; ++h) {
    profiles[0].profile[static_cast<size_t>(h)] = h < 6 ? 0.1 : h < 9 ? 0.5 + 0.1 * (h - 6) : h < 17 ? 1.0 : 0.3;
    profiles[1].profile[static_cast<size_t>(h)] = (h * 7 % 24) / 23.0;  // jumps up and down every hour
    profiles[2].profile[static_cast<size_t>(h)] = 0.5;
  }
  for (const char* zone : {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"}) {
    const auto offsets = load_utc_offsets(zone, from, to);
    for (const auto& p : profiles) {
      const auto s = PowerSchedule::autoscale(p, offsets);
      ScheduleMemo memo;
      uint64_t x = 987654321;
      size_t differ = 0, queries = 0, changes = 0;
      for (int64_t q = from; q < to;) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        const int64_t step = static_cast<int64_t>(x >> 53);  // 0 .. 2047 s
        q += (x & 0x3f) == 0 ? -step : step;
        const auto rank = static_cast<uint32_t>((x >> 20) % (p.max + 3));
        const PowerChange direct = s.at(q, rank), memoised = s.at(q, rank, memo);
        differ += direct.on != memoised.on || direct.next_change != memoised.next_change;
        changes += direct.next_change != kNever;
        ++queries;
      }
      CHECK(queries > 20'000);
      CHECK((changes > 0) == (p.min != p.max));  // the flat profile never changes
      CHECK(differ == 0);
    }
  }
}

TEST_CASE("UTC offsets: the first instant with another offset", "[schedule][timezone]") {
  const int64_t from = t("2026-03-01T00:00:00Z"), to = t("2026-12-01T00:00:00Z");
  const auto paris = load_utc_offsets("Europe/Paris", from, to);
  CHECK(paris.constant_until(t("2026-03-20T12:00:00Z")) == t("2026-03-29T01:00:00Z"));
  CHECK(paris.constant_until(t("2026-03-29T01:00:00Z")) == t("2026-10-25T01:00:00Z"));
  CHECK(paris.constant_until(t("2026-11-01T00:00:00Z")) == kNever);
  CHECK(UtcOffsets::fixed(3600).constant_until(0) == kNever);
}
