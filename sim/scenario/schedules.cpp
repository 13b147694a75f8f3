#include "sim/scenario/schedules.hpp"

#include <map>

#include "sim/scenario/timezone.hpp"

namespace fleettwin {

std::vector<PowerSchedule> compile_schedules(const Scenario& sc) {
  std::map<std::string, UtcOffsets> zones;
  std::vector<PowerSchedule> out;
  for (const auto& c : sc.cohorts) {
    const ScheduleSpec& s = c.power;
    auto it = zones.find(s.timezone);
    if (it == zones.end()) it = zones.emplace(s.timezone, load_utc_offsets(s.timezone, sc.start, sc.start + sc.duration)).first;
    switch (s.kind) {
      case ScheduleKind::AlwaysOn: out.push_back(PowerSchedule::always_on()); break;
      case ScheduleKind::AlwaysOff: out.push_back(PowerSchedule::always_off()); break;
      case ScheduleKind::BusinessHours:
      case ScheduleKind::NightlyDeallocation:
      case ScheduleKind::Weekly: out.push_back(PowerSchedule::weekly(s.windows, it->second)); break;
      case ScheduleKind::Autoscale: out.push_back(PowerSchedule::autoscale(s.autoscale, it->second)); break;
    }
  }
  return out;
}

std::vector<StaffingChange> soc_staffing(const Scenario& sc) {
  const SocSpec& soc = sc.soc;
  std::vector<PowerSchedule> shifts;
  if (!soc.shifts.empty()) {
    const UtcOffsets offsets = load_utc_offsets(soc.timezone, sc.start, sc.start + sc.duration);
    for (const auto& s : soc.shifts) shifts.push_back(PowerSchedule::weekly({s.window}, offsets));
  }
  std::vector<StaffingChange> out;
  int64_t t = 0;
  while (t < sc.duration) {
    uint32_t staff = soc.analysts;
    int64_t next = sc.duration;
    for (size_t i = 0; i < shifts.size(); ++i) {
      const PowerChange c = shifts[i].at(sc.start + t, 0);
      if (c.on) staff += soc.shifts[i].analysts;
      if (c.next_change != kNever) next = std::min(next, c.next_change - sc.start);
    }
    if (out.empty() || out.back().analysts != staff) out.push_back({t, staff});
    t = std::max(next, t + 1);
  }
  if (out.empty()) out.push_back({0, soc.analysts});
  return out;
}

}  // namespace fleettwin
