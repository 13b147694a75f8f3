#pragma once
// A sweep file (issue 10; the reference is scenarios/sweeps/README.md), read strictly: the base scenario, the axes
// and their design, the constraint, the replicas and their seeds, the metrics and series the merge keeps. Reading
// it expands the points and validates every one of them as a scenario (an axis naming an unknown key, or a value
// the key does not take, fails before anything runs), with the usual file:line:column: key: what errors.
#include <cstdint>
#include <string>
#include <vector>

#include "models/sweep/design.hpp"

namespace fleettwin::sweep {

// One run of the sweep: point × replica. Its index is replica × points + point, so that replicas added later get
// new indices and the earlier runs keep theirs.
struct RunSpec {
  size_t index = 0, point = 0, replica = 0;
  uint64_t seed = 0;
  std::string name;  // p00003-r0002: the file names in DIR
};

struct SweepSpec {
  std::string source;     // the sweep file
  std::string base;       // the base scenario, as given (relative to the sweep file's folder)
  std::string base_path;  // the base scenario's path, resolved
  std::string base_text;  // its contents (their digest pins the results to it)
  std::vector<Axis> axes;
  Design design;
  std::string constraint;
  size_t replicas = 1;
  SeedMode seeds = SeedMode::Common;
  uint64_t base_seed = 0;  // the sweep's `seed`, else the base scenario's
  std::vector<std::string> metrics, series;
  std::vector<Point> points;                 // after the constraint
  std::vector<std::vector<std::string>> sets;  // per point: the --set assignments
  std::vector<double> size;                  // per point: machines × simulated days (longest runs go first)

  size_t runs() const { return points.size() * replicas; }
  RunSpec run(size_t index) const;
};

// Reads and validates a sweep file; throws ScenarioError (sim/scenario/scenario.hpp) naming the file, line, column
// and key of the first problem.
SweepSpec read_sweep(const std::string& path);

}  // namespace fleettwin::sweep
