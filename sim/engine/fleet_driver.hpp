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

// How the sensors' alerts reach Defender for Cloud (the desk). Defender for Cloud's own detections are made in the
// cloud and reach it directly either way.
enum class AlertDelivery : uint8_t {
  // Engine-free runs: when the site raises them, with the pipeline's times as the site stamped them.
  Direct,
  // Over the SimGrid platform: each location's alerts wait in outgoing() for its site actor, which sends them to
  // the tenant geo's MDE service actor; they reach the desk through arrive() (alert_transport.hpp).
  Platform,
};

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

  void set_alert_delivery(AlertDelivery d) { delivery_ = d; }
  // Platform delivery: a location's sensor alerts not sent yet, in the order they are due to leave (detection
  // time, then machine and the other fields); the site actor takes them from the front.
  std::vector<AlertRecord>& outgoing(size_t location) { return outgoing_[location]; }
  // Alerts that reached Defender for Cloud; the desk takes them in at the next window.
  void arrive(std::vector<AlertRecord>& alerts);

  std::span<Site* const> sites() const { return views_; }
  // The sites' high-water marks summed, with the SOC desk's (alerts, incidents, the queue) under threats.
  MemoryUse memory_high_water() const;
  uint64_t events() const { return merger_.events(); }

 private:
  void merge_closed();
  void deliver_lateral_movement();
  // The alerts the sites raised in the step just run: to the desk's inbox, or to their locations' outgoing queues.
  void collect_alerts();
  // The SOC desk up to t: the sites' new alerts and approval requests in, approved remediations out.
  void advance_desk(int64_t t);
  // The expansions of the investigations that ended in the step just run: to the campaign's other devices at
  // once (fewer than alerts.air.expansion_approval_devices), or after the SOC's approval.
  void expand_investigations();
  Site& owner_of(uint32_t machine);

  const Scenario& sc_;
  std::vector<std::unique_ptr<Site>> sites_;
  std::vector<Site*> views_;
  WorkerPool& pool_;
  ReportMerger& merger_;
  std::vector<const SiteReport*> reports_;
  std::vector<std::pair<uint32_t, uint32_t>> range_owner_;  // (first machine of a range, site index), sorted
  std::vector<size_t> largest_first_;  // site indices, most machines first: the order the threads take them
  std::unique_ptr<SocDesk> desk_;  // threats on
  size_t desk_memory_ = 0;         // its high-water mark
  struct Awaiting {
    uint32_t item;
    uint32_t machine;
    uint32_t expansion;  // index into expansion_devices_, or UINT32_MAX for a machine's pending actions
  };
  std::vector<Awaiting> awaiting_;  // approvals the SOC has not decided yet, in request order
  std::vector<ApprovalRequest> requests_;
  std::vector<ApprovalRequest> expansion_requests_;  // expansions awaiting the SOC, not yet handed to the desk
  std::vector<ExpansionRequest> ended_;               // investigations that ended in the step, from every site
  std::vector<std::vector<uint32_t>> expansion_devices_;
  std::vector<uint32_t> devices_;
  AlertDelivery delivery_ = AlertDelivery::Direct;
  std::vector<std::vector<AlertRecord>> outgoing_;  // per location
  std::vector<AlertRecord> arrived_;                // in Defender for Cloud, not yet taken by the desk
};

// The synchronisation points of a run, in order: 0, every clock hour, every instant a location's uplink changes
// state (`outages`, per location), every heartbeat tick if `every_tick` (threats on over SimGrid: the desk must
// see the alerts SimGrid delivered before it decides, and its decisions act a heartbeat interval later at the
// earliest), and the end.
std::vector<int64_t> sync_points(const Scenario& scenario, const std::vector<std::vector<OutageInterval>>& outages,
                                 bool every_tick);

// Whether each location's uplink is up at t, from its outages.
void uplink_states(const std::vector<std::vector<OutageInterval>>& outages, int64_t t, std::vector<uint8_t>& up);

}  // namespace fleettwin
