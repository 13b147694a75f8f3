#pragma once
// A sweep's folder is its state (issue 10, like ns-3 sem's campaign folder): manifest.json (the expanded points,
// their --set assignments and seeds, digests of the base scenario and of the program), runs/NAME.h5 (each written
// by `fleettwin run` through NAME.h5.partial, renamed when complete), status/NAME.json (running, done, or failed
// with its error; written to a temporary file and renamed, so a killed process never leaves half of one) and
// logs/NAME.log (the run's own messages). Any process that can see the folder can run any of its runs, so the
// local pool, MPI ranks and SLURM array tasks share this one mechanism.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/sweep/sweep_spec.hpp"

namespace fleettwin::sweep {

// A folder that cannot be used for this sweep (a changed base scenario or program, other points): the message
// says what differs and what to do.
class SweepDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class RunState { Missing, Running, Done, Failed };

struct RunStatus {
  RunState state = RunState::Missing;
  std::string error;  // failed: the run's last message
  int exit_code = 0;
  double seconds = 0;
  std::string host;
  int64_t pid = 0;
};

struct ManifestRun {
  size_t point = 0, replica = 0;
  uint64_t seed = 0;
  std::string name;
};

// What the manifest holds: everything a task needs to run any run, and the merge to lay out the results.
struct Manifest {
  std::string program, program_digest;  // "fleettwin 0.1.0", CRC-32 of the executable
  std::string sweep_file, base_path, base_digest;
  uint64_t base_seed = 0;
  std::string seeds;  // common, independent
  std::vector<std::string> axis_names, axis_keys;
  std::vector<std::vector<std::string>> points;  // [point][axis] value texts
  std::vector<std::vector<std::string>> sets;    // [point] --set assignments
  std::vector<double> size;                      // [point] machines x days
  size_t replicas = 0;
  std::vector<std::string> metrics, series;
  std::vector<ManifestRun> runs;  // index = replica x points + point

  size_t point_count() const { return points.size(); }
};

class SweepDir {
 public:
  // Creates DIR for the sweep, or reopens one made for it: the same points, seeds, base scenario and program
  // (replicas may grow or shrink, metrics and series change: they are read at the merge). Throws SweepDirError.
  static SweepDir prepare(const std::string& dir, const SweepSpec& spec);
  // Opens an existing DIR (sweep-task, merge); checks that the program is the one that made it when `same_program`.
  static SweepDir open(const std::string& dir, bool same_program);

  const std::string& path() const { return dir_; }
  // Throws SweepDirError when the base scenario's text is no longer the one the manifest pins (a task started
  // after the base was edited would mix two scenarios' results).
  void check_base() const;
  const Manifest& manifest() const { return manifest_; }
  std::string run_file(size_t index) const;
  std::string log_file(size_t index) const;
  RunStatus status(size_t index) const;
  void write_status(size_t index, const RunStatus& status) const;
  // Runs to do: missing ones, ones a killed process left "running" (or whose output is gone), and failed ones
  // when `retry_failed`.
  bool needs_run(size_t index, bool retry_failed) const;

 private:
  std::string dir_;
  Manifest manifest_;
};

// The program that runs the runs: "fleettwin VERSION", the CRC-32 of its file, and its path (this executable, or
// the one set_program_path names: fleettwin-mpi runs fleettwin's runs).
std::string program_name();
std::string program_digest();
std::string executable_path();
void set_program_path(const std::string& path);
// CRC-32 of a text, as 8 hex digits.
std::string text_digest(const std::string& text);
// Writes `text` to `path` through a temporary file in the same folder and a rename.
void write_atomically(const std::string& path, const std::string& text);

}  // namespace fleettwin::sweep
