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

// The SimGrid options the engine of this run must be created with, beyond those `given` on the command line: the
// thread count (SimGrid's thread factory reads it at the engine's creation).
std::vector<std::string> engine_options(const Scenario& scenario, const std::vector<std::string>& given);

// Builds the platform, the site actors and the control-plane actors in the existing engine (created with
// engine_options), runs to the end and writes the HDF5 file. Throws on failure (Interrupted after SIGINT or
// SIGTERM), leaving no output file.
RunInfo run_scenario(const Scenario& scenario, const RunOptions& options);

// Parallel threads pay from about this many machines: below it a tick's work is shorter than the hand-off of a
// scheduling round to the threads (bench fleet, futex synchronisation, 1 thread against 2: 50k machines x 90 d
// 0.86 s against 1.20 s; 100k x 365 d 7.8 s against 7.3 s; 1M x 30 d 10.3 s against 5.8 s).
inline constexpr uint32_t kParallelFromMachines = 100'000;

// One thread below kParallelFromMachines; else the processors this process may run on, at most the number of
// sites the run would then have.
int default_thread_count(const Scenario& scenario);

}  // namespace fleettwin
