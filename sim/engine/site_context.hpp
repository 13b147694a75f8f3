#pragma once
// What the processes of one site share: the scenario, the compiled schedules, the fleet store (a site touches only
// its own machines' rows), the site's machines and its event queue. Processes hold a reference to it and talk to
// each other through their own narrow interfaces.
#include <cstdint>
#include <vector>

#include "models/common/random.hpp"
#include "models/power/power_schedule.hpp"
#include "sim/engine/event_queue.hpp"
#include "sim/engine/fleet_store.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

struct MachineRange {
  uint32_t first;
  uint32_t count;
};

struct SiteContext {
  const Scenario& scenario;
  const std::vector<PowerSchedule>& schedules;
  FleetStore& fleet;
  std::vector<MachineRange> machines;
  EventQueue events;
  rng::Seed seed{scenario.seed};  // the scenario's seed, half hashed for the site's hot draws (random.hpp)

  template <class F>
  void for_each_machine(F&& f) const {
    for (const auto& r : machines)
      for (uint32_t m = r.first; m < r.first + r.count; ++m) f(m);
  }
  // The machine's rank within its cohort (autoscaling turns instances on by rank).
  uint32_t rank(uint32_t m) const { return m - scenario.cohorts[fleet.cohort[m]].first_machine; }
  const CohortSpec& cohort_of(uint32_t m) const { return scenario.cohorts[fleet.cohort[m]]; }
  SimTime end() const { return SimTime::at(scenario.duration); }
};

}  // namespace fleettwin
