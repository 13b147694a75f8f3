#pragma once
// A sweep as SLURM job arrays (threat-vulnerability-sweep-facts.md §4): the pending runs split into arrays of at
// most `max_array` tasks (SLURM's MaxArraySize defaults to 1001), each array a script in DIR/slurm/ whose task k
// runs line k of its task list with `fleettwin sweep-task DIR --index I`; submitted with sbatch, a failed
// submission retried.
#include <string>
#include <vector>

#include "sim/sweep/sweep_dir.hpp"

namespace fleettwin::sweep {

struct SlurmOptions {
  std::string partition, time;  // empty: the cluster's defaults
  size_t max_array = 1001;
  size_t concurrent = 0;  // the %N throttle of --array (0: none)
  bool dry_run = false;   // write the scripts and print the commands, submit nothing
  int attempts = 3;       // sbatch tries per array
};

struct SlurmSubmission {
  std::vector<std::string> scripts;  // the array scripts written
  std::vector<std::string> job_ids;  // one per array (none in a dry run)
  size_t runs = 0;
};

// Throws SweepDirError when sbatch is missing or refuses every attempt (its message included).
SlurmSubmission submit_slurm(const SweepDir& dir, const std::vector<size_t>& runs, const SlurmOptions& options);

}  // namespace fleettwin::sweep
