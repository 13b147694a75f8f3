#pragma once
// Runs a scenario's sites to the end without SimGrid: the same Site::start / tick / heartbeat_batch_result and
// the same ReportMerger the site actors and the defender-for-cloud actor use, in the same order per site, for the
// tests of the site logic and for tools. The network is replaced by `link_down(site, t)`: whether the site's
// heartbeat batch of tick t is lost.
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "sim/engine/report_merger.hpp"
#include "sim/engine/site.hpp"

namespace fleettwin {

using LinkDown = std::function<bool(const Site& site, SimTime t)>;

void run_offline(const Scenario& scenario, std::span<Site* const> sites, ReportMerger& merger,
                 const LinkDown& link_down = {});

// The sites of a partition (partition.hpp).
std::vector<std::unique_ptr<Site>> make_sites(const Scenario& scenario, const std::vector<PowerSchedule>& schedules,
                                              FleetStore& fleet, std::vector<SitePlan> plan);
// Site and region outages: heartbeat batches each location lost (counted once per location, not per shard) and
// heartbeats delivered over the run.
OutageRecord outage_record(const Scenario& scenario, std::span<Site* const> sites,
                           const std::vector<std::vector<OutageInterval>>& outages);

}  // namespace fleettwin
