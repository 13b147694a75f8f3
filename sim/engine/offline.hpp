#pragma once
// Runs a scenario's sites to the end without SimGrid: the same FleetDriver, synchronisation points and
// ReportMerger as the engine's actors, in the same order, with each location's uplink state taken from its
// outages instead of SimGrid's links. For the tests of the site logic and for tools.
#include <memory>
#include <span>
#include <vector>

#include "sim/engine/fleet_driver.hpp"

namespace fleettwin {

// `outages`: per location (may be empty: no outages).
void run_offline(const Scenario& scenario, FleetDriver& driver,
                 const std::vector<std::vector<OutageInterval>>& outages = {});

// The sites of a partition (partition.hpp).
std::vector<std::unique_ptr<Site>> make_sites(const Scenario& scenario, const std::vector<PowerSchedule>& schedules,
                                              FleetStore& fleet, std::vector<SitePlan> plan);
// Site and region outages: heartbeat batches each location lost (counted once per location, not per shard) and
// heartbeats delivered over the run.
OutageRecord outage_record(const Scenario& scenario, std::span<Site* const> sites,
                           const std::vector<std::vector<OutageInterval>>& outages);

}  // namespace fleettwin
