#pragma once
// Test support: runs a scenario through the real site logic without SimGrid (sim/engine/offline.hpp, the same
// FleetDriver and ReportMerger as the actors) and keeps everything the control plane would record.
#include <vector>

#include "sim/engine/offline.hpp"
#include "sim/engine/outage_plan.hpp"
#include "sim/engine/partition.hpp"
#include "sim/engine/vulnerability_results.hpp"
#include "sim/scenario/schedules.hpp"

namespace fleettwin::testing {

struct Recorded final : RecordSink {
  std::vector<HourUsage> hours;
  std::vector<GroupCounts> seats;
  std::vector<int64_t> hours_in_month;
  std::vector<Evaluation> evaluations;
  void append_hour(int64_t, const HourUsage& u) override { hours.push_back(u); }
  void append_month(int64_t, int64_t h, const GroupCounts& s) override {
    seats.push_back(s);
    hours_in_month.push_back(h);
  }
  void append_evaluation(const Evaluation& e) override { evaluations.push_back(e); }
};

struct OfflineRun {
  FleetStore fleet;
  Recorded recorded;
  OutageRecord outages;
  uint64_t events = 0;
  VulnerabilityRecord vulnerabilities;
};

// Splits every cohort into `parts` slices dealt to `parts` sites of the cohort's location (shard s of each
// location takes slice s): a partition unlike the engine's, to show that nothing depends on it.
inline std::vector<SitePlan> slice_cohorts(const Scenario& sc, int parts) {
  std::vector<SitePlan> plan;
  for (size_t l = 0; l < sc.locations.size(); ++l)
    for (int p = 0; p < parts; ++p) plan.push_back({static_cast<uint16_t>(l), static_cast<uint16_t>(p), {}});
  for (const auto& c : sc.cohorts) {
    const uint32_t share = c.count / static_cast<uint32_t>(parts);
    for (int p = 0; p < parts; ++p) {
      const uint32_t first = c.first_machine + share * static_cast<uint32_t>(p);
      const uint32_t n = p + 1 == parts ? c.count - share * static_cast<uint32_t>(p) : share;
      if (n) plan[c.location * static_cast<size_t>(parts) + static_cast<size_t>(p)].machines.push_back({first, n});
    }
  }
  return plan;
}

// `outages`: per location, the intervals its uplink is down (none by default); `threads`: the worker pool's.
inline OfflineRun run_offline(const Scenario& sc, std::vector<SitePlan> plan,
                              const std::vector<std::vector<OutageInterval>>& outages = {}, int threads = 1) {
  const auto schedules = compile_schedules(sc);
  OfflineRun out{FleetStore::build(sc), {}, {}, 0, {}};
  WorkerPool pool(threads);
  ReportMerger merger(sc.locations.size(), out.recorded);
  FleetDriver driver(sc, make_sites(sc, schedules, out.fleet, std::move(plan)), pool, merger);
  fleettwin::run_offline(sc, driver, outages);
  static const std::vector<std::vector<OutageInterval>> kNoOutages;
  out.outages = outage_record(sc, driver.sites(), kNoOutages);
  out.events = merger.events();
  out.vulnerabilities = vulnerability_record(sc, driver.sites());
  return out;
}

inline OfflineRun run_offline(const Scenario& sc, int threads = 1,
                              const std::vector<std::vector<OutageInterval>>& outages = {}) {
  return run_offline(sc, plan_sites(sc, threads), outages, threads);
}

}  // namespace fleettwin::testing
