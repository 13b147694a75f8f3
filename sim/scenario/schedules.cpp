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

}  // namespace fleettwin
