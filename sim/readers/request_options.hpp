#pragma once
// What the readers' subcommands (query, alerts) share: a time given with --at, a name given for a filter, a CSV
// field. Bad values throw QueryError naming the option.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/output/run_file.hpp"
#include "sim/readers/query.hpp"

namespace fleettwin {

// Seconds since the run's start of --at (ISO 8601 UTC or an offset from the start); the end of the run if empty.
int64_t parse_at(const std::string& at, const RunFile& f);
// The index of `name` among `names`, or QueryError naming `option` and the known names.
size_t index_of(const std::vector<std::string>& names, const std::string& name, const char* option);
// A CSV field, quoted when it needs to be.
std::string csv_field(const std::string& s);

// The fleet's machines as a reader lists them: their columns, names, and the request's filters (--environment,
// --location, --cohort) resolved against the file's names.
class MachineTable {
 public:
  MachineTable(const RunFile& f, const QueryRequest& q);
  size_t size() const { return environment.size(); }
  bool selected(size_t m) const;
  const std::string& cohort_name(size_t m) const { return cohorts[static_cast<size_t>(cohort[m])]; }
  const std::string& environment_name(size_t m) const { return environments[static_cast<size_t>(environment[m])]; }
  const std::string& location_name(size_t m) const { return locations[static_cast<size_t>(location[m])]; }
  const std::string& subscription_id(size_t m) const { return subscriptions[static_cast<size_t>(subscription[m])]; }
  const std::string& os_name(size_t m) const { return os_names[static_cast<size_t>(os[m])]; }

  std::vector<int64_t> environment, location, cohort, subscription, os;
  std::vector<std::string> environments, locations, cohorts, subscriptions, os_names;

 private:
  std::optional<size_t> env_filter_, loc_filter_, coh_filter_;
};

// A table of counts, [row][environment] with a total column: aligned text or CSV (`label` heads the first column).
void print_counts(std::ostream& out, bool csv, const char* label, const std::vector<std::string>& rows,
                  const std::vector<std::string>& environments, const std::vector<std::vector<int64_t>>& counts);

}  // namespace fleettwin
