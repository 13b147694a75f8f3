#pragma once
// Heartbeats and the four-hourly health evaluation of a site's machines (the rule is stated in
// models/health/health_evaluation.hpp). Health is incremental: a machine is re-classified only at the evaluations
// its changes can affect (the next two, and the one where its last heartbeat turns seven days old), so an
// evaluation costs O(changes), not O(machines).
//
// The other processes tell it when a machine starts or stops reporting and when its state changed; it owns the
// heartbeat state of the site (whether its uplink delivers) and the class counts.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/engine/machine_bit_ring.hpp"
#include "sim/engine/site_context.hpp"
#include "sim/output/records.hpp"

namespace fleettwin {

// Told when a machine's heartbeats start or stop reaching Defender for Endpoint (vulnerability assessment).
class ReportingObserver {
 public:
  virtual ~ReportingObserver() = default;
  virtual void reporting_changed(uint32_t m, bool reporting, SimTime t) = 0;
  virtual void os_running_changed(uint32_t m, bool running, SimTime t) = 0;
};

class HealthMonitor {
 public:
  explicit HealthMonitor(SiteContext& site);

  void set_observer(ReportingObserver* o) { observer_ = o; }
  // While the site puts its machines in their state at the start, changes queue no re-evaluation.
  void set_initialising(bool on) { initialising_ = on; }

  // The machine's operating system started or stopped running at t.
  void on_os_running_changed(uint32_t m, bool running, SimTime t);
  // Whether the machine's heartbeats reach Defender for Endpoint from t on.
  void set_reporting(uint32_t m, bool reporting, SimTime t);
  // The machine can report now: sensor running, operating system up, the site's uplink delivering.
  bool can_report(uint32_t m) const;
  // A sensor installed before the run had reported before it: the first windows find it healthy.
  void assume_reported_before_start(uint32_t m);
  // Something about the machine changed at t: re-classify it at the evaluations the change can affect.
  void recheck(uint32_t m, SimTime t);

  // Evaluation 0: every machine's class at the start; its changes are every machine.
  void evaluate_start(ClassCounts& counts, SensorCounts& sensor, std::vector<HealthChange>& changes);
  // The evaluation at four-hour boundary `time` (every event before it handled); `changes` in machine order.
  void evaluate(int64_t index, SimTime time, ClassCounts& counts, SensorCounts& sensor,
                std::vector<HealthChange>& changes);
  size_t bytes() const { return recheck_.bytes() + geo_by_subscription_.capacity(); }

  // The outcome of the site's heartbeat batch of tick t: a batch lost on a downed uplink means no heartbeat of
  // any machine behind it.
  void heartbeat_batch_result(SimTime t, bool delivered);
  // Machines whose heartbeat the batch of the current tick carries, per tenant geo.
  const std::array<int64_t, kGeoNames.size()>& reporting_by_geo() const { return reporting_by_geo_; }
  uint64_t heartbeats_delivered() const { return heartbeats_delivered_; }
  uint64_t batches_lost() const { return batches_lost_; }

 private:
  uint8_t geo_of(uint32_t m) const { return geo_by_subscription_[site_.fleet.subscription[m]]; }
  int64_t evaluation_after(SimTime t) const;  // index of the first evaluation strictly after t
  void queue_at(uint32_t m, int64_t evaluation);
  std::pair<HealthClass, Issue> classify(uint32_t m, SimTime time) const;
  uint8_t sensor_state(uint32_t m, SimTime time) const;

  SiteContext& site_;
  int32_t heartbeat_interval_;
  int64_t first_evaluation_;  // seconds since the start of the first four-hour UTC boundary after the start
  std::vector<uint8_t> geo_by_subscription_;  // the tenant geo a subscription's heartbeats go to
  static constexpr size_t kRecheckSlots = 64;  // evaluations ahead: 7 days (Inactive) = 42, plus margin
  MachineBitRing recheck_;
  ClassCounts class_counts_{};
  SensorCounts sensor_counts_{};
  bool link_up_ = true;
  ReportingObserver* observer_ = nullptr;
  bool initialising_ = false;
  int64_t next_evaluation_ = 1;
  std::array<int64_t, kGeoNames.size()> reporting_by_geo_{};
  uint64_t heartbeats_delivered_ = 0;
  uint64_t batches_lost_ = 0;
};

}  // namespace fleettwin
