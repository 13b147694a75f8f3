#include "sim/readers/request_options.hpp"

#include <algorithm>
#include <iomanip>

#include "models/fleet/fleet_types.hpp"

#include "sim/scenario/duration.hpp"

namespace fleettwin {

int64_t parse_at(const std::string& text, const RunFile& f) {
  if (text.empty()) return f.duration;
  const auto t = parse_time_or_offset(text, f.start);
  if (!t)
    throw QueryError("--at: '" + text.substr(0, 60) +
                     "' is not a time: write ISO 8601 UTC (2026-02-01T08:00:00Z) or an offset from the start (72h)");
  const int64_t at = *t - f.start;
  if (at < 0 || at > f.duration)
    throw QueryError("--at: " + text + " is outside the run (" + f.start_text + " to " +
                     format_iso8601(f.start + f.duration) + ")");
  return at;
}

size_t index_of(const std::vector<std::string>& names, const std::string& name, const char* option) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw QueryError(std::string(option) + ": no '" + name + "' in this run (known: " + known + ")");
  }
  return static_cast<size_t>(it - names.begin());
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) r += c == '"' ? std::string("\"\"") : std::string(1, c);
  return r + "\"";
}

MachineTable::MachineTable(const RunFile& f, const QueryRequest& q)
    : environment(f.ints(schema::kMachineEnvironment)),
      location(f.ints(schema::kMachineLocation)),
      cohort(f.ints(schema::kMachineCohort)),
      subscription(f.ints(schema::kMachineSubscription)),
      os(f.ints(schema::kMachineOs)),
      environments(kEnvironmentNames.begin(), kEnvironmentNames.end()),
      locations(f.texts(schema::kLocationName)),
      cohorts(f.texts(schema::kCohortName)),
      subscriptions(f.texts(schema::kSubscriptionId)),
      os_names(f.texts(schema::kOsName)) {
  if (q.environment) env_filter_ = index_of(environments, *q.environment, "--environment");
  if (q.location) loc_filter_ = index_of(locations, *q.location, "--location");
  if (q.cohort) coh_filter_ = index_of(cohorts, *q.cohort, "--cohort");
}

bool MachineTable::selected(size_t m) const {
  return (!env_filter_ || static_cast<size_t>(environment[m]) == *env_filter_) &&
         (!loc_filter_ || static_cast<size_t>(location[m]) == *loc_filter_) &&
         (!coh_filter_ || static_cast<size_t>(cohort[m]) == *coh_filter_);
}

void print_counts(std::ostream& out, bool csv, const char* label, const std::vector<std::string>& rows,
                  const std::vector<std::string>& environments, const std::vector<std::vector<int64_t>>& counts) {
  if (csv) {
    out << label;
    for (const auto& e : environments) out << "," << e;
    out << ",total\n";
  } else {
    out << std::left << std::setw(20) << label << std::right;
    for (const auto& e : environments) out << std::setw(10) << e;
    out << std::setw(10) << "total" << "\n";
  }
  for (size_t c = 0; c < rows.size(); ++c) {
    int64_t total = 0;
    if (csv) out << rows[c];
    else out << std::left << std::setw(20) << rows[c] << std::right;
    for (size_t e = 0; e < environments.size(); ++e) {
      total += counts[c][e];
      if (csv) out << "," << counts[c][e];
      else out << std::setw(10) << counts[c][e];
    }
    if (csv) out << "," << total << "\n";
    else out << std::setw(10) << total << "\n";
  }
}

}  // namespace fleettwin
