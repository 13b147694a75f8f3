#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "sim/engine/calendar.hpp"

using namespace fleettwin;

TEST_CASE("events come out in (time, machine, kind) order whatever the insertion order", "[calendar]") {
  Calendar cal;
  std::vector<CalendarEntry> in;
  std::mt19937 gen(3);
  for (uint32_t i = 0; i < 20'000; ++i)
    in.push_back({static_cast<uint32_t>(gen() % (200 * 86400)), gen() % 50, static_cast<uint8_t>(gen() % 3), 0});
  for (const auto& e : in) cal.push(e);
  std::vector<CalendarEntry> out;
  cal.drain_until(200 * 86400, [&](const CalendarEntry& e) { out.push_back(e); });
  REQUIRE(out.size() == in.size());
  for (size_t i = 1; i < out.size(); ++i) {
    const auto& a = out[i - 1];
    const auto& b = out[i];
    CHECK((a.time < b.time || (a.time == b.time && (a.machine < b.machine || (a.machine == b.machine && a.kind <= b.kind)))));
  }
  CHECK(cal.size() == 0);
}

TEST_CASE("draining stops at the synchronisation point and resumes exactly there", "[calendar]") {
  Calendar cal;
  for (uint32_t t : {100u, 3599u, 3600u, 7300u}) cal.push({t, 1, 0, 0});
  std::vector<uint32_t> seen;
  cal.drain_until(3600, [&](const CalendarEntry& e) { seen.push_back(e.time); });
  CHECK(seen == std::vector<uint32_t>{100, 3599});
  cal.drain_until(7200, [&](const CalendarEntry& e) { seen.push_back(e.time); });
  CHECK(seen == std::vector<uint32_t>{100, 3599, 3600});
  cal.drain_until(10800, [&](const CalendarEntry& e) { seen.push_back(e.time); });
  CHECK(seen.back() == 7300);
}

TEST_CASE("an event pushed while draining, due before the sync point, is handled in order", "[calendar]") {
  Calendar cal;
  cal.push({10, 1, 0, 0});
  cal.push({50, 2, 0, 0});
  std::vector<uint32_t> seen;
  cal.drain_until(3600, [&](const CalendarEntry& e) {
    seen.push_back(e.time);
    if (e.time == 10) cal.push({30, 3, 0, 0});  // e.g. Starting -> Running 20 s later
  });
  CHECK(seen == std::vector<uint32_t>{10, 30, 50});
}

TEST_CASE("events beyond the ring (over 85 days ahead) arrive on time", "[calendar]") {
  Calendar cal;
  const uint32_t far = 200 * 86400 + 17;
  cal.push({far, 4, 0, 0});
  cal.push({5, 4, 0, 0});
  std::vector<uint32_t> seen;
  for (uint32_t h = 1; h <= 24 * 201; ++h) cal.drain_until(h * 3600, [&](const CalendarEntry& e) { seen.push_back(e.time); });
  CHECK(seen == std::vector<uint32_t>{5, far});
}
