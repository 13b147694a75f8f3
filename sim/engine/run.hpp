#pragma once
// One run of one scenario on the SimGrid engine of this process (one engine per process: ARCHITECTURE.md §1).
#include <string>

#include "sim/output/recorder.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

struct RunOptions {
  std::string output;  // final HDF5 path
  bool quiet = false;
};

// Builds the platform and the site actors in the existing engine, runs to the end, writes the HDF5 file.
// Throws on failure, leaving no output file.
RunInfo run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace fleettwin
