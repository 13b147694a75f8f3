#pragma once
// Running a sweep's runs. Each run is a child process (`fleettwin run`, one SimGrid engine per process), started
// by whichever engine the user has: a local pool of --jobs processes, MPI ranks handed runs by rank 0, or a SLURM
// array task (`fleettwin sweep-task DIR --index I`). All of them record each run's status in DIR the same way, so
// a sweep can be started with one and finished with another.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/sweep/sweep_dir.hpp"

namespace fleettwin::sweep {

struct Tally {
  size_t total = 0, done = 0, ran = 0, failed = 0, skipped = 0;  // skipped: failed before, not retried
};

// The runs still to do, longest first (machines x days), ties in index order.
std::vector<size_t> pending_runs(const SweepDir& dir, bool retry_failed);

// Starts run `index` as a child process (its output to its log) and records it running; returns the child's pid.
// The child is killed if this process dies (so a killed sweep leaves no run behind).
long start_run(const SweepDir& dir, size_t index);
// Records how the child ended: done, failed (its exit status and last message), or, killed by SIGKILL, SIGTERM,
// SIGINT or SIGHUP, interrupted (recorded missing: it is redone next time). Returns whether it is done.
bool finish_run(const SweepDir& dir, size_t index, int wait_status, double seconds);
// Runs one run to its end in this process's child: sweep-task, MPI workers.
bool execute_run(const SweepDir& dir, size_t index);

// The local pool: at most `jobs` runs at a time; prints one line per finished run unless quiet.
Tally run_local(const SweepDir& dir, size_t jobs, bool retry_failed, bool quiet);

// The counts over the whole folder after a pass ("total, done, failed, skipped").
// `attempted`: the runs this pass started (their failures are "failed", older ones "skipped").
Tally tally(const SweepDir& dir, const std::vector<size_t>& attempted);
std::string tally_line(const SweepDir& dir, const Tally& t);

// The world size an MPI launcher announced to this process (1 when not under one). Under mpirun, `fleettwin
// sweep` becomes `fleettwin-mpi` (sim/sweep/mpi_main.cpp), which takes part in MPI: libsimgrid, linked into
// fleettwin, exports SMPI's own MPI_Init and friends, which would shadow OpenMPI's.
int launcher_world_size();

}  // namespace fleettwin::sweep
