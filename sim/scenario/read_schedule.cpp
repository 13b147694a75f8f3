// A cohort's power schedule: always on or off, business hours, nightly deallocation, weekly windows, or an
// autoscaling profile, in a time zone, with per-machine jitter.
#include "sim/scenario/duration.hpp"
#include "sim/scenario/sections.hpp"
#include "sim/scenario/timezone.hpp"

namespace fleettwin::yaml {
namespace {
constexpr std::array<std::string_view, 2> kOffActions = {"deallocate", "stop"};
}  // namespace

ScheduleSpec read_schedule(const Value& v) {
  // The keys a schedule takes depend on its kind: read the kind first, then check the rest against it.
  if (!v.node().IsMap()) v.fail("expected a mapping with a 'schedule' key, found " + type_name(v.node()));
  const YAML::Node kind_node = v.node()["schedule"];
  if (!kind_node.IsDefined()) v.fail("missing required key 'schedule' (one of: " + join(kScheduleNames) + ")");
  ScheduleSpec s;
  s.kind = static_cast<ScheduleKind>(Value(kind_node, v.path() + ".schedule", v.context()).choice(kScheduleNames));
  std::vector<std::string_view> keys = {"schedule"};
  switch (s.kind) {
    case ScheduleKind::AlwaysOn: break;
    case ScheduleKind::AlwaysOff: keys.insert(keys.end(), {"off_action"}); break;
    case ScheduleKind::BusinessHours:
      keys.insert(keys.end(), {"timezone", "days", "start", "end", "off_action", "jitter"});
      break;
    case ScheduleKind::NightlyDeallocation:
      keys.insert(keys.end(), {"timezone", "days", "off", "on", "off_action", "jitter"});
      break;
    case ScheduleKind::Weekly: keys.insert(keys.end(), {"timezone", "windows", "off_action", "jitter"}); break;
    case ScheduleKind::Autoscale:
      keys.insert(keys.end(), {"timezone", "min", "max", "profile", "off_action", "jitter"});
      break;
  }
  Map m(v, keys);
  if (auto tz = m.get("timezone")) {
    s.timezone = tz->str();
    if (auto why = check_timezone(s.timezone)) tz->fail(*why);
  }
  if (auto a = m.get("off_action")) s.off_action = static_cast<OffAction>(a->choice(kOffActions));
  const auto jitter = m.get("jitter");
  if (jitter) s.jitter = jitter->duration(0, 86400);
  switch (s.kind) {
    case ScheduleKind::AlwaysOn:
    case ScheduleKind::AlwaysOff: break;
    case ScheduleKind::BusinessHours: {
      WeeklyWindow w{read_days(m.get("days"), 0x1f), 8 * 3600, 18 * 3600};
      if (auto x = m.get("start")) w.start = x->time_of_day();
      if (auto x = m.get("end")) w.end = x->time_of_day();
      if (w.end <= w.start) m.self().fail("business hours must end after they start (use 'weekly' for overnight windows)");
      s.windows.push_back(w);
      break;
    }
    case ScheduleKind::NightlyDeallocation: {
      // On from 'on' until 'off' every day: deallocated overnight.
      WeeklyWindow w{read_days(m.get("days"), 0x7f), 6 * 3600, 22 * 3600};
      if (auto x = m.get("on")) w.start = x->time_of_day();
      if (auto x = m.get("off")) w.end = x->time_of_day();
      if (w.start % 86400 == w.end % 86400) m.self().fail("'on' and 'off' are the same time of day");
      s.windows.push_back(w);
      break;
    }
    case ScheduleKind::Weekly: {
      for (const auto& wv : m.need("windows").list()) {
        Map wm(wv, {"days", "start", "end"});
        WeeklyWindow w{read_days(wm.get("days"), 0x7f), wm.need("start").time_of_day(), wm.need("end").time_of_day()};
        if (w.start % 86400 == w.end % 86400) wv.fail("start and end are the same time of day");
        s.windows.push_back(w);
      }
      break;
    }
    case ScheduleKind::Autoscale: {
      s.autoscale.min = static_cast<uint32_t>(m.need("min").integer(0, 100'000'000));
      const Value max_v = m.need("max");
      s.autoscale.max = static_cast<uint32_t>(max_v.integer(0, 100'000'000));
      if (s.autoscale.max < s.autoscale.min) max_v.fail("max is below min");
      const Value p = m.need("profile");
      const auto hours = p.list();
      if (hours.size() != 24) p.fail("expected 24 hourly fractions (local hours 00 to 23), found " + std::to_string(hours.size()));
      for (size_t h = 0; h < 24; ++h) s.autoscale.profile[h] = hours[h].number(0.0, 1.0);
      break;
    }
  }
  // Jittered changes must keep their order: the jitter stays below the schedule's shortest on or off phase. The
  // phases are those of local time, so no time zone is needed to check it.
  if (jitter && s.jitter > 0) {
    const PowerSchedule nominal = s.kind == ScheduleKind::Autoscale
                                      ? PowerSchedule::autoscale(s.autoscale, UtcOffsets::fixed(0))
                                      : PowerSchedule::weekly(s.windows, UtcOffsets::fixed(0));
    if (s.jitter >= nominal.shortest_phase())
      jitter->fail(format_duration(s.jitter) + " must be shorter than the schedule's shortest on or off phase (" +
                   format_duration(nominal.shortest_phase()) + ")");
  }
  return s;
}

}  // namespace fleettwin::yaml
