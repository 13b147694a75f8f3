#pragma once
// One run of one scenario on the SimGrid engine of this process (one engine per process: ARCHITECTURE.md §1).
#include <string>
#include <vector>

#include "sim/output/records.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

struct RunOptions {
  std::string output;  // final HDF5 path
  bool quiet = false;
};

// The SimGrid options the engine of this run must be created with, beyond those `given` on the command line:
// the thread count (SimGrid's thread factory reads it at the engine's creation) — the processors this process may
// run on, at most one per site — and busy-wait synchronisation when there are several.
std::vector<std::string> engine_options(const Scenario& scenario, const std::vector<std::string>& given);

// Builds the platform, the site actors and the control-plane actors in the existing engine (created with
// engine_options), runs to the end and writes the HDF5 file. Throws on failure (Interrupted after SIGINT or
// SIGTERM), leaving no output file.
RunInfo run_scenario(const Scenario& scenario, const RunOptions& options);

// The processors this process may run on, at most the number of sites the run would then have.
int default_thread_count(const Scenario& scenario);

}  // namespace fleettwin
