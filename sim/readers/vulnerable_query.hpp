#pragma once
// `fleettwin query --vulnerable`: the machines with open vulnerability findings at a time, and whether Defender for
// Cloud sees them (issue 9). The publication in force answers: the last one at or before the time. It replays the
// run's per-machine log (/vulnerabilities/changes, written with vulnerabilities.machine_log) over the groups'
// disclosed findings (/vulnerabilities/groups), so its sums are the file's /vulnerabilities/open and listed.
#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "sim/readers/query.hpp"

namespace fleettwin {

struct VulnerableRow {
  uint32_t machine;
  std::string cohort, environment, location, subscription, os, view;
  std::array<int64_t, 4> open{}, listed{};  // by severity low, medium, high, critical
  std::string snapshot_time;                // ISO 8601, for the snapshot views
};

struct VulnerableResult {
  std::string asked_time, publication_time;
  std::string severity;  // the lowest severity counted
  std::vector<VulnerableRow> rows;  // in machine order
  std::vector<std::string> views, environments;
  std::vector<std::vector<int64_t>> counts;  // [view][environment] of the matching machines
  size_t matched = 0;
  int64_t open = 0, listed = 0;  // findings of at least the severity over the matching machines
};

// Throws QueryError for a bad request (an unknown severity, a run without the log, a time before the first
// publication) and InvalidFile for a damaged file.
VulnerableResult run_vulnerable_query(const QueryRequest& request);
void print_vulnerable(const QueryRequest& request, const VulnerableResult& result, std::ostream& out);

}  // namespace fleettwin
