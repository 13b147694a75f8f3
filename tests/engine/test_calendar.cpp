#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <tuple>
#include <vector>

#include "sim/engine/calendar.hpp"
#include "sim/engine/event_queue.hpp"

using namespace fleettwin;

namespace {
CalendarEntry machine_event(int64_t t, uint32_t machine, EventKind kind = 0) {
  return CalendarEntry::make(SimTime::at(t), Lane::Machine, machine, kind, 0);
}
std::tuple<int64_t, int, uint32_t, int> fields(const CalendarEntry& e) {
  return {e.time().seconds(), static_cast<int>(e.lane()), e.subject(), e.kind()};
}
}  // namespace

TEST_CASE("the packed key holds every field at its extremes and orders time, lane, subject, kind", "[calendar]") {
  const int64_t last_time = (int64_t{1} << kSimTimeBits) - 1;
  const CalendarEntry e = CalendarEntry::make(SimTime::at(last_time), Lane::Machine, kMaxSubject, kMaxEventKinds - 1, 255);
  CHECK(fields(e) == std::tuple<int64_t, int, uint32_t, int>{last_time, 1, kMaxSubject, kMaxEventKinds - 1});
  CHECK(e.epoch == 255);
  const CalendarEntry zero = CalendarEntry::make(SimTime(), Lane::Scenario, 0, 0, 0);
  CHECK(fields(zero) == std::tuple<int64_t, int, uint32_t, int>{0, 0, 0, 0});
  // Each field outranks every field after it.
  CHECK(machine_event(10, kMaxSubject, 63).key() < machine_event(11, 0, 0).key());
  CHECK(CalendarEntry::make(SimTime::at(10), Lane::Scenario, kMaxSubject, 63, 0).key() < machine_event(10, 0, 0).key());
  CHECK(machine_event(10, 4, 63).key() < machine_event(10, 5, 0).key());
  CHECK(machine_event(10, 4, 1).key() < machine_event(10, 4, 2).key());
  // A run's longest time and largest fleet fit.
  CHECK(kMaxRunSeconds < last_time);
  CHECK(kMaxSubject >= 100'000'000u);
}

TEST_CASE("events come out in key order whatever the insertion order", "[calendar]") {
  Calendar cal;
  std::vector<CalendarEntry> in;
  std::mt19937 gen(3);
  for (uint32_t i = 0; i < 20'000; ++i) {
    const auto lane = static_cast<Lane>(gen() % 2);
    in.push_back(CalendarEntry::make(SimTime::at(static_cast<int64_t>(gen() % (200 * 86400))), lane,
                                     static_cast<uint32_t>(gen() % 50), static_cast<EventKind>(gen() % 3), 0));
  }
  for (const auto& e : in) cal.push(e);
  std::vector<CalendarEntry> out;
  cal.drain_until(SimTime::at(200 * 86400), [&](const CalendarEntry& e) { out.push_back(e); });
  REQUIRE(out.size() == in.size());
  for (size_t i = 1; i < out.size(); ++i) CHECK(fields(out[i - 1]) <= fields(out[i]));
  CHECK(cal.size() == 0);
}

TEST_CASE("dense buckets (the radix sort) come out in key order, equal keys in insertion order", "[calendar]") {
  // 150,000 events in hours 1 to 3 (hour 0 is the bucket being drained at the start: its events go to its minute
  // lists): every field at random over its whole range, many sharing a key (the epoch numbers them in insertion
  // order), and an hour whose events all fall in one second (digits every key shares).
  Calendar cal;
  std::vector<CalendarEntry> in;
  std::mt19937_64 gen(11);
  for (uint32_t i = 0; i < 150'000; ++i) {
    const int64_t t = 3600 + (i % 3 == 2 ? 2 * 3600 + 1799 : static_cast<int64_t>(gen() % (2 * 3600)));
    const uint32_t subject = i % 5 == 0 ? static_cast<uint32_t>(gen() % 8) : static_cast<uint32_t>(gen() & kMaxSubject);
    in.push_back(CalendarEntry::make(SimTime::at(t), static_cast<Lane>(gen() % 2), subject,
                                     static_cast<EventKind>(gen() % kMaxEventKinds), static_cast<uint8_t>(i)));
  }
  for (const auto& e : in) cal.push(e);
  std::vector<CalendarEntry> out;
  cal.drain_until(SimTime::at(4 * 3600), [&](const CalendarEntry& e) { out.push_back(e); });
  REQUIRE(out.size() == in.size());
  std::vector<CalendarEntry> expected = in;
  std::stable_sort(expected.begin(), expected.end(),
                   [](const CalendarEntry& a, const CalendarEntry& b) { return a.key() < b.key(); });
  size_t mismatched = 0;
  for (size_t i = 0; i < out.size(); ++i)
    mismatched += out[i].key() != expected[i].key() || out[i].epoch != expected[i].epoch;
  CHECK(mismatched == 0);
}

TEST_CASE("draining stops at the synchronisation point and resumes exactly there", "[calendar]") {
  Calendar cal;
  for (int64_t t : {100, 3599, 3600, 7300}) cal.push(machine_event(t, 1));
  // A scenario event at exactly the synchronisation point belongs to the next drain too.
  cal.push(CalendarEntry::make(SimTime::at(3600), Lane::Scenario, 0, 0, 0));
  std::vector<int64_t> seen;
  const auto record = [&](const CalendarEntry& e) { seen.push_back(e.time().seconds()); };
  cal.drain_until(SimTime::at(3600), record);
  CHECK(seen == std::vector<int64_t>{100, 3599});
  cal.drain_until(SimTime::at(7200), record);
  CHECK(seen == std::vector<int64_t>{100, 3599, 3600, 3600});
  cal.drain_until(SimTime::at(10800), record);
  CHECK(seen.back() == 7300);
}

TEST_CASE("an event pushed while draining, due before the sync point, is handled in order", "[calendar]") {
  Calendar cal;
  cal.push(machine_event(10, 1));
  cal.push(machine_event(50, 2));
  std::vector<int64_t> seen;
  cal.drain_until(SimTime::at(3600), [&](const CalendarEntry& e) {
    seen.push_back(e.time().seconds());
    if (e.time().seconds() == 10) cal.push(machine_event(30, 3));  // e.g. Starting -> Running 20 s later
  });
  CHECK(seen == std::vector<int64_t>{10, 30, 50});
}

TEST_CASE("events pushed while their hour drains (later minutes, this minute, this second, earlier) keep key "
          "order across synchronisation points", "[calendar]") {
  // Each handled event may push up to two more, at delays of 0 s to over an hour, chosen by a hash of its key; the
  // same rule run over a plain ordered multiset gives the expected events of every drain. (Events with equal keys
  // may come in any order: each handler checks its epoch.)
  const auto pushes = [](const CalendarEntry& e, auto&& push) {
    uint64_t h = e.key() * 0x9e3779b97f4a7c15ULL;  // not the epoch: events with one key push the same, in any order
    h ^= h >> 29;
    const int64_t t = e.time().seconds();
    if (t > 5 * 3600) return;
    for (int i = 0; i < 2; ++i, h >>= 20) {
      const int64_t choice = static_cast<int64_t>(h % 16);  // 0.75 pushes an event: the cascade dies out
      if (choice >= 6) continue;
      const int64_t delays[] = {0, 1 + static_cast<int64_t>((h >> 3) % 59), 60 + static_cast<int64_t>((h >> 3) % 600),
                                static_cast<int64_t>((h >> 3) % 3600), 3600 + static_cast<int64_t>((h >> 3) % 7200), 7};
      push(CalendarEntry::make(SimTime::at(t + delays[choice]), static_cast<Lane>((h >> 13) & 1),
                               static_cast<uint32_t>((h >> 14) % 5000), static_cast<EventKind>((h >> 9) % 4),
                               static_cast<uint8_t>(h >> 40)));
    }
  };
  Calendar cal;
  std::multiset<std::pair<uint64_t, uint8_t>> reference;
  std::mt19937_64 gen(17);
  for (int i = 0; i < 30'000; ++i) {
    const CalendarEntry e = CalendarEntry::make(SimTime::at(static_cast<int64_t>(gen() % (4 * 3600))),
                                                static_cast<Lane>(gen() % 2), static_cast<uint32_t>(gen() % 5000),
                                                static_cast<EventKind>(gen() % 4), static_cast<uint8_t>(gen()));
    cal.push(e);
    reference.insert({e.key(), e.epoch});
  }
  int64_t until = 0;
  size_t handled = 0, pushed_back = 0, drains = 0;
  while (until < 9 * 3600) {
    until += 1 + static_cast<int64_t>(gen() % 900);  // synchronisation points anywhere in a minute or an hour
    ++drains;
    const uint64_t limit = CalendarEntry::make(SimTime::at(until), Lane::Scenario, 0, 0, 0).key();
    std::vector<uint64_t> expected;
    while (!reference.empty() && reference.begin()->first < limit) {
      const auto [key, epoch] = *reference.begin();
      reference.erase(reference.begin());
      expected.push_back(key);
      CalendarEntry e{static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(key), epoch};
      pushes(e, [&](const CalendarEntry& n) { reference.insert({n.key(), n.epoch}); });
    }
    std::vector<uint64_t> got;
    cal.drain_until(SimTime::at(until), [&](const CalendarEntry& e) {
      got.push_back(e.key());
      pushes(e, [&](const CalendarEntry& n) {
        ++pushed_back;
        cal.push(n);
      });
    });
    REQUIRE(got == expected);
    handled += got.size();
    CHECK(cal.size() == reference.size());
  }
  CHECK(reference.empty());
  CHECK(cal.size() == 0);
  CHECK(handled > 60'000);  // the pushes added about as many again
  CHECK(pushed_back > 30'000);
  CHECK(drains > 50);
}

TEST_CASE("events beyond the ring (over 85 days ahead) arrive on time", "[calendar]") {
  Calendar cal;
  const int64_t far = 200 * 86400 + 17;
  cal.push(machine_event(far, 4));
  cal.push(machine_event(5, 4));
  std::vector<int64_t> seen;
  for (int64_t h = 1; h <= 24 * 201; ++h)
    cal.drain_until(SimTime::at(h * 3600), [&](const CalendarEntry& e) { seen.push_back(e.time().seconds()); });
  CHECK(seen == std::vector<int64_t>{5, far});
}

namespace {
struct Log {
  std::vector<std::string> order;
  void power(const CalendarEntry& e) { order.push_back("power:" + std::to_string(e.subject())); }
  void agent(const CalendarEntry& e) { order.push_back("agent:" + std::to_string(e.subject())); }
  void action(const CalendarEntry& e) { order.push_back("action:" + std::to_string(e.subject())); }
};
}  // namespace

TEST_CASE("the event queue dispatches each kind to its handler: actions first, then machines, then kinds in "
          "registration order", "[calendar][registry]") {
  EventQueue q;
  Log log;
  const EventKind agent = q.register_kind<&Log::agent>("agent", Lane::Machine, &log);
  const EventKind power = q.register_kind<&Log::power>("power", Lane::Machine, &log);
  const EventKind action = q.register_kind<&Log::action>("action", Lane::Scenario, &log);
  CHECK(q.kind_name(power) == "power");
  // All at second 60: an action whose index (7) exceeds the machine ids still comes first.
  q.schedule(power, SimTime::at(60), 3);
  q.schedule(agent, SimTime::at(60), 3);
  q.schedule(power, SimTime::at(60), 2);
  q.schedule(action, SimTime::at(60), 7);
  q.schedule(agent, SimTime::at(59), 9);
  CHECK(q.run_until(SimTime::at(61)) == 5);
  CHECK(log.order == std::vector<std::string>{"agent:9", "action:7", "power:2", "agent:3", "power:3"});
}

TEST_CASE("the registry refuses more kinds than the key can hold", "[calendar][registry]") {
  EventQueue q;
  Log log;
  for (int i = 0; i < kMaxEventKinds; ++i) q.register_kind<&Log::power>("k", Lane::Machine, &log);
  CHECK_THROWS_AS(q.register_kind<&Log::power>("one too many", Lane::Machine, &log), std::logic_error);
}
