#pragma once
// A parameter study's design (issue 10; threat-vulnerability-sweep-facts.md §4): axes over scenario keys, expanded
// into points by a full grid (OMNeT++'s iteration variables, the last axis innermost), lock-step (zip) or a Latin
// hypercube; replicas of every point, with common random numbers (replica r gets the same seed at every point:
// OMNeT++'s seed-set = ${repetition}) or independent seeds (every run its own: seed-set = ${runnumber}).
// Engine-free and file-free: sim/sweep/ reads the sweep file into these and runs the points.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleettwin::sweep {

class DesignError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One value of an axis: the text given to --set (a YAML scalar), and its number when it is one.
struct AxisValue {
  std::string text;
  std::optional<double> number;
  bool operator==(const AxisValue&) const = default;
};

// A continuous range, for Latin hypercube axes without a value list.
struct Range {
  double from = 0, to = 1;
  bool log = false;      // uniform in log space
  bool integer = false;  // values rounded to whole numbers
};

struct Axis {
  std::string name;  // identifier: the merged file's coordinate, the constraint's variable
  std::string key;   // scenario key path, as --set takes it
  std::vector<AxisValue> values;
  std::optional<Range> range;  // latin-hypercube only, instead of values
  std::string with;            // lock-step: follows this axis's index (same number of values); empty = its own
};

enum class DesignKind { Grid, Zip, LatinHypercube };

struct Design {
  DesignKind kind = DesignKind::Grid;
  size_t samples = 0;  // latin-hypercube
  uint64_t seed = 0;   // latin-hypercube's strata permutations and offsets
};

// A point: one value per axis, in axis order.
using Point = std::vector<AxisValue>;

// The values of a linear range from..to with `count` values (both ends included), or a geometric one (log).
std::vector<AxisValue> range_values(double from, double to, size_t count, bool log, bool integer);
// The shortest decimal text that reads back as `x` (whole numbers without a decimal point).
std::string number_text(double x);
// An axis value from a scalar's text: its number when the whole text is a decimal number.
AxisValue value_of(const std::string& text);

// Every point of the design, in order. Throws DesignError for an inconsistent design (a lock-step axis of another
// length or following an unknown axis, zip axes of unequal lengths, a range outside latin-hypercube).
std::vector<Point> expand(const std::vector<Axis>& axes, const Design& design);

enum class SeedMode { Common, Independent };
// The seed of replica `replica` of point `point`. Common: the same at every point. Both are stable when replicas
// or points are added (a pure function of base, point, replica).
uint64_t run_seed(uint64_t base, size_t point, size_t replica, SeedMode mode);

}  // namespace fleettwin::sweep
