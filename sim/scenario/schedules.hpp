#pragma once
#include <vector>

#include "models/power/power_schedule.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

// Compiled power schedules, one per cohort, with their time zones resolved for the run's dates (the scenario reader
// has checked the zones and the jitters).
std::vector<PowerSchedule> compile_schedules(const Scenario& scenario);

// The SOC's analysts on duty over the run: the round-the-clock analysts plus each shift's while it is on (its
// weekly window in the SOC's time zone); one change per instant the count changes, the first at 0.
std::vector<StaffingChange> soc_staffing(const Scenario& scenario);

}  // namespace fleettwin
