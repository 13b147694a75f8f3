#pragma once
#include <vector>

#include "models/power/power_schedule.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

// Compiled power schedules, one per cohort, with their time zones resolved for the run's dates (the scenario reader
// has checked the zones and the jitters).
std::vector<PowerSchedule> compile_schedules(const Scenario& scenario);

}  // namespace fleettwin
