#pragma once
// `fleettwin summary OUT.h5`: the headline figures of a run, read back from its HDF5 file alone.
#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "models/fleet_types.hpp"

namespace fleettwin {

struct GroupFigures {
  int64_t machines = 0;
  double billed_hours = 0;
  double cost_usd = 0;
  double per_seat_cost_usd = 0;
};

struct RunSummary {
  std::string file, scenario, start, partial_hour_rule;
  uint64_t seed = 0;
  int64_t hours = 0;
  int64_t machines = 0;
  std::array<int64_t, 3> machines_by_plan{};  // off, P1, P2
  std::array<GroupFigures, kMeterGroups> groups{};
  GroupFigures total;
  double wall_seconds = 0, events_per_second = 0;
  int64_t events = 0, peak_rss_bytes = 0;
};

RunSummary read_summary(const std::string& path);
void print_summary(const RunSummary& s, std::ostream& out);
void print_summary_json(const RunSummary& s, std::ostream& out);

}  // namespace fleettwin
