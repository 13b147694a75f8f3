#pragma once
// The control plane (ARCHITECTURE.md §2): the `defender-for-cloud` actor meets the site actors at every
// synchronisation point (sync_point.hpp), runs the sites' next window on the worker pool (fleet_driver.hpp, which
// merges their reports in site order), and alone writes the HDF5 file and the progress line. It checks for a stop
// request (SIGINT, SIGTERM) at every point.
#include <functional>
#include <vector>

#include "sim/engine/fleet_driver.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/sync_point.hpp"

namespace fleettwin {

// What the defender-for-cloud actor does once every site has finished: write what only the end of the run knows.
using RunEnd = std::function<void(uint64_t events)>;

void create_defender_for_cloud(const Scenario& scenario, const Platform& platform, const std::vector<int64_t>& points,
                               SyncPoint& sync, FleetDriver& driver, Progress& progress, RunEnd at_end);

}  // namespace fleettwin
