#pragma once
// The sites of a run between two synchronisation points: every site's window on the worker pool, then their
// reports merged in site order (report_merger.hpp), so that nothing depends on which thread ran which site.
// Engine-free: the SimGrid control plane drives it (control_plane.cpp), and so does the engine-free driver of the
// tests and tools (offline.hpp), through the same calls.
//
// Synchronisation points are the instants at which something outside the sites is read or decided: the start,
// every clock hour (the reports), every instant a location's uplink changes state (read from SimGrid by the site
// actors), and the end. Between two of them, every site's uplink holds one state.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sim/engine/report_merger.hpp"
#include "sim/engine/site.hpp"
#include "sim/engine/worker_pool.hpp"
#include "models/soc/soc_desk.hpp"

namespace fleettwin {

class FleetDriver {
 public:
  FleetDriver(const Scenario& scenario, std::vector<std::unique_ptr<Site>> sites, WorkerPool& pool,
              ReportMerger& merger);

  // Every site's state at the start (evaluation 0), merged.
  void start();
  // Every site runs [from, to) with its location's uplink up or down (`uplink_up`, per location); the periods
  // that closed are merged.
  void run_window(SimTime from, SimTime to, const std::vector<uint8_t>& uplink_up);
  // The end of the run (the last tick, the open billable intervals), merged.
  void finish();

  // Each site's uplink outages, for the alerts its sensors cache (threats).
  void set_outages(const std::vector<std::vector<OutageInterval>>& by_location);
  // The alerts through the SOC desk, at the end of the run (call once, after finish()).
  DeskOutcome finish_desk();
  // Campaign tallies summed per campaign over the sites, at the end of the run.
  std::vector<std::pair<uint64_t, CampaignTally>> campaign_tallies();
  uint64_t cached_alerts() const;

  std::span<Site* const> sites() const { return views_; }
  uint64_t events() const { return merger_.events(); }

 private:
  void merge_closed();
  void deliver_lateral_movement();
  // The SOC desk up to t: the sites' new alerts and approval requests in, approved remediations out.
  void advance_desk(int64_t t);
  Site& owner_of(uint32_t machine);

  const Scenario& sc_;
  std::vector<std::unique_ptr<Site>> sites_;
  std::vector<Site*> views_;
  WorkerPool& pool_;
  ReportMerger& merger_;
  std::vector<const SiteReport*> reports_;
  std::vector<std::pair<uint32_t, uint32_t>> range_owner_;  // (first machine of a range, site index), sorted
  std::unique_ptr<SocDesk> desk_;  // threats on
  struct Awaiting {
    uint32_t item;
    uint32_t machine;
  };
  std::vector<Awaiting> awaiting_;  // approvals the SOC has not decided yet, in request order
  std::vector<ApprovalRequest> requests_;
};

// The synchronisation points of a run, in order: 0, every clock hour, every instant a location's uplink changes
// state (`outages`, per location), every heartbeat tick if `every_tick`, and the end.
std::vector<int64_t> sync_points(const Scenario& scenario, const std::vector<std::vector<OutageInterval>>& outages,
                                 bool every_tick);

// Whether each location's uplink is up at t, from its outages.
void uplink_states(const std::vector<std::vector<OutageInterval>>& outages, int64_t t, std::vector<uint8_t>& up);

}  // namespace fleettwin
