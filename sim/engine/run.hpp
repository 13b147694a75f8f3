#pragma once
// One run of one scenario on the SimGrid engine of this process (one engine per process: ARCHITECTURE.md §1).
#include <string>

#include "sim/output/records.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

struct RunOptions {
  std::string output;  // final HDF5 path
  bool quiet = false;
};

// Builds the platform, the site actors and the control-plane actors in the existing engine, runs to the end and
// writes the HDF5 file. Unless SimGrid's contexts/nthreads was given, the site actors run on as many threads as
// the process may use, at most one per site. Throws on failure (Interrupted after SIGINT or SIGTERM), leaving no
// output file.
RunInfo run_scenario(const Scenario& scenario, const RunOptions& options);

// The worker threads a run of `sites` sites uses by default: the processors this process may run on, at most one
// per site.
int default_thread_count(size_t sites);

}  // namespace fleettwin
