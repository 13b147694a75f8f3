// fleettwin-mpi: the MPI side of `mpirun -np K fleettwin sweep SWEEP.yaml -o DIR` (issue 10). fleettwin, seeing
// an MPI launcher's environment, replaces itself with this program (same process, same rank), because libsimgrid
// exports SMPI's MPI_Init and friends, which would shadow OpenMPI's in fleettwin itself. Rank 0 prepares DIR (the
// others wait for it), then hands out the pending runs longest first, one at a time, to the ranks that ask; they run
// each as a `fleettwin run` child and record its status in DIR like every other runner (runner.hpp).
//   fleettwin-mpi --program PATH/fleettwin SWEEP.yaml DIR [--retry-failed] [--quiet]
#include <mpi.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>

#include "sim/output/h5.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/runner.hpp"

using namespace fleettwin;
using namespace fleettwin::sweep;

namespace {

constexpr int kAsk = 1, kGive = 2;

// Rank 0: hands out the runs; returns the tally.
Tally dispatch(const SweepDir& dir, int size, bool retry_failed, bool quiet) {
  const std::vector<size_t> todo = pending_runs(dir, retry_failed);
  size_t next = 0, finished = 0;
  int active = size - 1;
  while (active > 0) {
    int64_t report[2];  // the run just finished (-1: none yet), and whether it is done
    MPI_Status st;
    MPI_Recv(report, 2, MPI_INT64_T, MPI_ANY_SOURCE, kAsk, MPI_COMM_WORLD, &st);
    if (report[0] >= 0) {
      ++finished;
      if (!quiet) {
        const auto i = static_cast<size_t>(report[0]);
        std::cerr << "[" << finished << "/" << todo.size() << "] " << dir.manifest().runs[i].name << " "
                  << (report[1] ? "done" : "failed") << " on rank " << st.MPI_SOURCE;
        if (!report[1]) std::cerr << ": " << dir.status(i).error;
        std::cerr << "\n";
      }
    }
    int64_t give = -1;
    if (next < todo.size()) give = static_cast<int64_t>(todo[next++]);
    else --active;
    MPI_Send(&give, 1, MPI_INT64_T, st.MPI_SOURCE, kGive, MPI_COMM_WORLD);
  }
  return tally(dir, todo);
}

void work(const SweepDir& dir) {
  int64_t report[2] = {-1, 0};
  for (;;) {
    MPI_Send(report, 2, MPI_INT64_T, 0, kAsk, MPI_COMM_WORLD);
    int64_t index = -1;
    MPI_Recv(&index, 1, MPI_INT64_T, 0, kGive, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (index < 0) return;
    report[0] = index;
    report[1] = execute_run(dir, static_cast<size_t>(index)) ? 1 : 0;
  }
}

}  // namespace

int main(int argc, char** argv) {
  H5dont_atexit();
  h5::quiet();
  std::string program, sweep_file, dir_path;
  bool retry_failed = false, quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--program" && i + 1 < argc) program = argv[++i];
    else if (a == "--retry-failed") retry_failed = true;
    else if (a == "--quiet") quiet = true;
    else if (sweep_file.empty()) sweep_file = a;
    else if (dir_path.empty()) dir_path = a;
  }
  if (program.empty() || sweep_file.empty() || dir_path.empty()) {
    std::cerr << "usage: fleettwin-mpi --program PATH/fleettwin SWEEP.yaml DIR [--retry-failed] [--quiet] (started "
                 "by `mpirun fleettwin sweep`, not by hand)\n";
    return 2;
  }
  set_program_path(program);
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int status = 0;
  // Every rank reads the sweep file (so each can report its own error); rank 0 alone makes the folder.
  std::string failure;
  std::optional<SweepDir> dir;
  try {
    const SweepSpec spec = read_sweep(sweep_file);
    if (rank == 0) dir = SweepDir::prepare(dir_path, spec);
  } catch (const std::exception& e) {
    failure = e.what();
  }
  int ok = failure.empty() ? 1 : 0, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) {
    if (rank == 0) std::cerr << "error: " << (failure.empty() ? "another rank could not read the sweep" : failure) << "\n";
    MPI_Finalize();
    return 2;
  }
  try {
    if (rank != 0) dir = SweepDir::open(dir_path, true);
    if (size < 2) {
      const Tally t = run_local(*dir, 1, retry_failed, quiet);
      std::cout << tally_line(*dir, t) << "\n";
      status = t.done == t.total ? 0 : 1;
    } else if (rank == 0) {
      const Tally t = dispatch(*dir, size, retry_failed, quiet);
      std::cout << tally_line(*dir, t) << " on " << size - 1 << " MPI ranks\n";
      status = t.done == t.total ? 0 : 1;
    } else {
      work(*dir);
    }
  } catch (const std::exception& e) {
    std::cerr << "error (rank " << rank << "): " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  MPI_Finalize();
  return status;
}
