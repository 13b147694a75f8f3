#pragma once
// A site (an Azure/AWS/GCP region or an on-premises site) owns the machines behind one gateway. It is made of
// processes, each in its own file with a narrow interface, sharing the site's context (site_context.hpp) and
// event queue:
//   power_billing      power schedules, power states and the billing meters
//   agent_lifecycle    coverage, deployment, installation failures, sensor failures and repairs
//   lifecycle_actions  the scenario's actions at their times
//   health_monitor     heartbeats and the four-hourly evaluation
//   threat_activity    attack campaigns, prevention, detection, alerts, automated investigation (threats on)
//   vulnerability_management  findings true and listed, remediation, exposure and secure scores (vulnerabilities on)
//
// A site knows nothing of SimGrid. The run's driver (fleet_driver.hpp) calls start() once, then run_window() for
// each interval between two synchronisation points, then finish_run(); within a window the site's uplink holds
// one state.
#include <array>
#include <cstdint>
#include <vector>

#include "models/common/memory_use.hpp"
#include "sim/engine/agent_lifecycle.hpp"
#include "sim/engine/health_monitor.hpp"
#include "sim/engine/lifecycle_actions.hpp"
#include "sim/engine/partition.hpp"
#include "sim/engine/power_billing.hpp"
#include "sim/engine/site_context.hpp"
#include "sim/engine/threat_activity.hpp"
#include "sim/engine/vulnerability_management.hpp"
#include "sim/output/records.hpp"

namespace fleettwin {

// What a site reports at a synchronisation tick: the periods that ended there.
struct SiteReport {
  uint16_t location = 0;  // the site's region or site (index into scenario.locations)
  SimTime time;
  bool hour_closed = false;
  int64_t hour = 0;  // the clock hour that ended at `time`
  HourUsage usage;
  bool month_closed = false;
  int64_t month = 0;
  int64_t hours_in_month = 0;
  GroupCounts seats{};
  bool evaluated = false;
  int64_t evaluation = 0;  // 0 = the state at the start
  ClassCounts counts{};
  SensorCounts sensor{};
  std::vector<HealthChange> changes;  // in machine order
  uint64_t events = 0;                // events the site has handled so far
  bool any() const { return hour_closed || evaluated; }
};

class Site {
 public:
  Site(const Scenario& scenario, const std::vector<PowerSchedule>& schedules, FleetStore& fleet, SitePlan plan);
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  // Puts every machine in its state at the start of the run and schedules its first events; reports
  // evaluation 0 (the classes at the start).
  const SiteReport& start();
  // The interval [from, to) between two synchronisation points, during which the site's uplink is up or down
  // throughout: at every heartbeat tick t in it, tick(t) (for t > 0) and the fate of the tick's heartbeat batch;
  // then every event before `to`. Returns the report of the period that closed at a tick of the window, if any
  // (periods close at whole hours, which are synchronisation points, so a window closes one at most, at `from`).
  const SiteReport* run_window(SimTime from, SimTime to, bool uplink_up);
  // The end of the run: tick(end), then each machine's open billable interval is closed.
  const SiteReport& finish_run();
  // The high-water marks of the site's structures (calendar, health, threats, vulnerabilities), sampled at each
  // evaluation.
  const MemoryUse& memory_high_water() const { return memory_; }

  // Handles every event before t, then closes what ends at t: the clock hour (and the billing month, or the
  // run's last partial month), and the four-hourly evaluation when t is a UTC multiple of four hours. A report
  // with something in it (any()) stays valid until the second next one.
  const SiteReport& tick(SimTime t);
  // Handles every event before t.
  void advance_to(SimTime t) { events_ += ctx_.events.run_until(t); }
  // The fate of the site's heartbeats of tick t: lost when its uplink is down at t.
  void heartbeat_batch_result(SimTime t, bool delivered) { health_.heartbeat_batch_result(t, delivered); }

  uint16_t location() const { return location_; }
  uint16_t shard() const { return shard_; }
  // Machines whose heartbeat the current tick's batch carries, per tenant geo.
  const std::array<int64_t, kGeoNames.size()>& reporting_by_geo() const { return health_.reporting_by_geo(); }
  uint64_t heartbeats_delivered() const { return health_.heartbeats_delivered(); }
  uint64_t batches_lost() const { return health_.batches_lost(); }
  uint64_t events_handled() const { return events_; }
  // Reporting machine-seconds per UTC day of the run and tenant geo (telemetry volumes).
  const std::vector<std::array<int64_t, kGeoNames.size()>>& reporting_seconds_by_day() const { return reporting_days_; }
  size_t machine_count() const;
  const EventQueue& events() const { return ctx_.events; }
  const std::vector<MachineRange>& machine_ranges() const { return ctx_.machines; }
  ThreatActivity& threats() { return threats_; }
  VulnerabilityManagement& vulnerabilities() { return vulns_; }

 private:
  uint16_t location_;
  uint16_t shard_;
  SiteContext ctx_;
  // Declared (so constructed, so their event kinds registered) in this order on every site.
  HealthMonitor health_;
  PowerBilling power_;
  AgentLifecycle agent_;
  LifecycleActions actions_;
  ThreatActivity threats_;  // with threats off it registers nothing, and the kinds above keep their numbers
  VulnerabilityManagement vulns_;  // last, likewise
  // Two reports, written in turn, so that a report stays valid while the next window runs (the driver merges each
  // window's reports before the next, so one would do today; two cost nothing and keep the guarantee).
  std::array<SiteReport, 2> reports_;
  size_t current_ = 0;
  int64_t next_evaluation_ = 1;
  uint64_t events_ = 0;
  std::vector<std::array<int64_t, kGeoNames.size()>> reporting_days_;
  MemoryUse memory_{};
  void sample_memory();
};

}  // namespace fleettwin
