#pragma once
// The control plane (ARCHITECTURE.md §2): the `defender-for-cloud` actor meets the sites at every synchronisation
// point (sync_point.hpp), merges their reports in site order (report_merger.hpp), and alone writes the HDF5 file
// and the progress line. It checks for a stop request (SIGINT, SIGTERM) at every point.
#include <functional>

#include "sim/engine/platform.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/report_merger.hpp"
#include "sim/engine/sync_point.hpp"

namespace fleettwin {

// What the defender-for-cloud actor does once every site has finished: write what only the end of the run knows.
using RunEnd = std::function<void(uint64_t events)>;

void create_defender_for_cloud(const Scenario& scenario, const Platform& platform, SyncPoint& sync,
                               ReportMerger& merger, Progress& progress, RunEnd at_end);

}  // namespace fleettwin
