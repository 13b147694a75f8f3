#pragma once
// `fleettwin alerts OUT.h5`: Defender for Cloud's alert list as it stood at a time (--at; default the end of the
// run): the alerts that had appeared by then, newest first, with the status each had at that time, filtered by
// severity, status, incident or campaign (the campaign is the twin's ground truth, which the product does not have).
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/readers/query.hpp"

namespace fleettwin {

struct AlertsRequest {
  std::string file;
  std::string at;
  std::optional<std::string> severity, status;
  std::optional<int64_t> incident, campaign;
  QueryFormat format = QueryFormat::Table;
  size_t limit = 0;  // 0 = all
};

struct AlertRow {
  int64_t alert = 0;
  std::string time, severity, status, portal_status, type, name, tactic, technique, source, classification;
  uint32_t machine = 0;
  int64_t incident = 0, campaign = -1;
};

struct AlertsResult {
  std::string asked_time;
  size_t shown_by_then = 0;  // alerts in the list at that time (before the filters)
  size_t matched = 0;
  std::vector<AlertRow> rows;  // newest first, at most `limit`
};

// Throws QueryError for a bad request, InvalidFile for a file that is not a complete output file.
AlertsResult list_alerts(const AlertsRequest& request);
void print_alerts(const AlertsRequest& request, const AlertsResult& result, std::ostream& out);

}  // namespace fleettwin
