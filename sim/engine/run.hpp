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
  int threads = 0;  // worker threads for the sites (worker_pool.hpp); 0 = default_thread_count()
};

// Builds the platform, the site actors and the control-plane actors in the existing engine, runs to the end and
// writes the HDF5 file. Throws on failure (Interrupted after SIGINT or SIGTERM), leaving no output file.
RunInfo run_scenario(const Scenario& scenario, const RunOptions& options);

// Worker threads pay from about this many machines: below it a window's work is shorter than handing it to the
// threads (bench fleet, 1 thread against 2: 50k machines x 90 d 0.86 s against 1.20 s; 100k x 365 d 7.8 s against
// 7.3 s; 1M x 30 d 10.3 s against 5.8 s).
inline constexpr uint32_t kParallelFromMachines = 100'000;
inline constexpr int kMaxThreads = 256;

// One thread below kParallelFromMachines; else the processors this process may run on, at most the number of
// sites the run would then have.
int default_thread_count(const Scenario& scenario);

}  // namespace fleettwin
