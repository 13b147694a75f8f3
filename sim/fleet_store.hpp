#pragma once
// Per-machine state as a struct of arrays (ARCHITECTURE.md §3): one row per machine, compact types, no
// per-machine objects. Hot loops touch only the columns they need.
#include <cstdint>
#include <vector>

#include "models/fleet_types.hpp"
#include "models/power_state.hpp"
#include "sim/scenario.hpp"

namespace fleettwin {

struct FleetStore {
  // Fixed for the run.
  std::vector<uint16_t> cohort;
  std::vector<uint16_t> location;
  std::vector<uint16_t> subscription;
  std::vector<uint16_t> os;
  std::vector<Environment> environment;
  std::vector<Plan> plan;
  // Power and billing state.
  std::vector<PowerState> power;
  std::vector<uint8_t> epoch;            // bumped on each schedule change: a follow-up with an older epoch is stale
  std::vector<uint32_t> billable_since;  // seconds since start; valid while billable
  std::vector<uint32_t> hour_mark;       // PeriodPresence marks (round-up billing, per-seat months)
  std::vector<uint32_t> month_mark;
  std::vector<uint32_t> billed_seconds;  // total billable seconds so far

  static FleetStore build(const Scenario& scenario);
  size_t size() const { return cohort.size(); }
  static constexpr size_t bytes_per_machine() {
    return 4 * sizeof(uint16_t) + sizeof(Environment) + sizeof(Plan) + sizeof(PowerState) + sizeof(uint8_t) +
           4 * sizeof(uint32_t);
  }
};

// Operating systems are given to a cohort in exact proportions (largest remainder), in contiguous blocks.
std::vector<uint32_t> os_counts(const CohortSpec& cohort);

}  // namespace fleettwin
