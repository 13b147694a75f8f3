#pragma once
// The sweep subcommands (issue 10):
//   fleettwin sweep SWEEP.yaml -o DIR [--jobs N] [--retry-failed] [--quiet]     local pool, or under mpirun
//   fleettwin sweep SWEEP.yaml --list | --count                                  the expanded runs
//   fleettwin sweep --catalogue                                                  the metrics and series
//   fleettwin sweep SWEEP.yaml -o DIR --slurm [--partition P] [--time T] [--max-array N] [--concurrent N] [--dry-run]
//   fleettwin sweep-task DIR --index I                                           one run, for any scheduler
//   fleettwin merge DIR -o SWEEP.h5
// Exit status: 0 every run done (or submitted); 1 a run failed; 2 bad input (the sweep file, the folder, options).
#include <CLI/CLI.hpp>

#include <string>

namespace fleettwin {

class SweepCommands {
 public:
  void attach(CLI::App& app);
  // Whether one of these subcommands was chosen; then run() gives its exit status.
  bool chosen() const;
  int run();

 private:
  CLI::App *sweep_ = nullptr, *task_ = nullptr, *merge_ = nullptr;
  std::string sweep_file_, dir_, merge_output_;
  size_t jobs_ = 0, index_ = 0;
  bool catalogue_ = false, list_ = false, count_ = false, retry_failed_ = false, quiet_ = false;
  bool slurm_ = false, dry_run_ = false;
  std::string partition_, time_;
  size_t max_array_ = 1001, concurrent_ = 0;
};

}  // namespace fleettwin
