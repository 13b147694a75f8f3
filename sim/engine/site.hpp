#pragma once
// A site (an Azure/AWS/GCP region or an on-premises site) owns the machines behind one gateway: their event
// calendar and their share of the billing meter. It knows nothing of SimGrid: the site actor (sim/engine/run.cpp)
// calls advance_to() and roll_hour() at each synchronisation point, so this logic is testable on its own.
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "models/billing/billing.hpp"
#include "models/health/health_issues.hpp"
#include "models/health/sensor_health.hpp"
#include "models/power/power_schedule.hpp"
#include "sim/engine/calendar.hpp"
#include "sim/engine/fleet_store.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

// What one clock hour billed, per meter group (plan x environment).
struct HourUsage {
  std::array<int64_t, kMeterGroups> billable_seconds{};  // machine-seconds in a billable state
  std::array<int64_t, kMeterGroups> machines_billed{};   // machines with any billable time in the hour
  HourUsage& operator+=(const HourUsage& o);
};
using GroupCounts = std::array<int64_t, kMeterGroups>;

// Sums the sites' reports of each hour (and each 730-hour month) and hands on a period once every site has
// reported it. Integer sums: the result does not depend on the order in which site actors run.
class UsageCollector {
 public:
  using HourSink = std::function<void(int64_t hour, const HourUsage&)>;
  using MonthSink = std::function<void(int64_t month, int64_t hours_in_month, const GroupCounts& seats)>;
  UsageCollector(size_t sites, HourSink on_hour, MonthSink on_month);
  void report_hour(int64_t hour, const HourUsage& usage);
  void report_month(int64_t month, int64_t hours_in_month, const GroupCounts& seats);

 private:
  size_t sites_;
  HourSink on_hour_;
  MonthSink on_month_;
  int64_t hour_ = 0;
  size_t hour_reports_ = 0;
  HourUsage hour_sum_{};
  int64_t month_ = 0;
  size_t month_reports_ = 0;
  GroupCounts month_sum_{};
};

// One machine whose evaluated health changed.
struct HealthChange {
  uint32_t machine;
  HealthClass health_class;
  Issue issue;
};

// What one site's evaluation found: its class and sensor counts, and the machines whose class changed.
struct HealthReport {
  int64_t evaluation = 0;  // 0 = the state at the start; k = the k-th four-hour boundary
  int32_t time = 0;        // seconds since the start
  std::array<int64_t, kHealthClassCount> counts{};
  std::array<int64_t, kSensorHealthCount> sensor{};
  std::vector<HealthChange> changes;
};

// Gathers every site's report of an evaluation and hands the evaluation on, changes sorted by machine, once all
// sites have reported: the output does not depend on the order in which site actors run.
class HealthCollector {
 public:
  struct Evaluation {
    int64_t index;
    int32_t time;
    std::vector<std::array<int64_t, kHealthClassCount>> counts;      // per location
    std::vector<std::array<int64_t, kSensorHealthCount>> sensor;     // per location
    std::vector<HealthChange> changes;
  };
  using Sink = std::function<void(const Evaluation&)>;
  HealthCollector(size_t sites, Sink sink);
  void report(size_t site, HealthReport&& r);

 private:
  size_t sites_;
  Sink sink_;
  Evaluation pending_;
  size_t reports_ = 0;
};

struct MachineRange {
  uint32_t first;
  uint32_t count;
};

class Site {
 public:
  Site(const Scenario& scenario, const std::vector<PowerSchedule>& schedules, FleetStore& fleet,
       std::vector<MachineRange> machines);

  // Puts every machine in its state at the start of the run and schedules its first events.
  void initialise();
  // The classes in force at the start (evaluation 0).
  HealthReport initial_health();
  // The evaluation at four-hour boundary `time` (all events before it handled).
  HealthReport evaluate(int64_t index, int32_t time);
  // The outcome of this site's heartbeat batch of tick `time`: a batch lost on a downed uplink means no
  // heartbeat of any machine behind it.
  void heartbeat_batch_result(int32_t time, bool delivered);
  // Machines whose heartbeat the batch of the current tick carries, per tenant geo.
  const std::array<int64_t, 6>& reporting_by_geo() const { return reporting_by_geo_; }
  uint64_t heartbeats_delivered() const { return heartbeats_delivered_; }
  uint64_t batches_lost() const { return batches_lost_; }
  // Handles every event due before `until` (seconds since start), in time order.
  void advance_to(uint32_t until);
  // Closes clock hour `hour` (ending at `boundary`) and, at a month's end, the month: reports to `collector`.
  void roll_hour(int64_t hour, uint32_t boundary, UsageCollector& collector);
  // End of run: adds the billable time still open to each machine's total.
  void finish(uint32_t end);

  uint64_t events_handled() const { return events_; }
  size_t machine_count() const;
  const Calendar& calendar() const { return calendar_; }

 private:
  static constexpr uint8_t kScheduleChange = 16;  // calendar kind; follow-ups use PowerEvent values
  static constexpr uint8_t kDeployAttempt = 17;
  static constexpr uint8_t kAgentFailure = 18;
  static constexpr uint8_t kAgentRepair = 19;
  static constexpr uint8_t kTenantMoveReady = 20;
  static constexpr uint8_t kLifecycle = 21;  // `machine` holds the index of the scenario's action
  static constexpr size_t kRecheckRing = 64;  // evaluations ahead: 7 days (Inactive) = 42, plus margin

  void handle(const CalendarEntry& e);
  // Agent lifecycle and health (sim/engine/agent.cpp).
  void initialise_agent(uint32_t m);
  void handle_agent(const CalendarEntry& e);
  void play_action(uint32_t index, uint32_t t);
  void set_covered(uint32_t m, bool covered, uint32_t t);
  void start_deployment(uint32_t m, uint32_t t, bool tenant_move = false);
  void attempt_deployment(uint32_t m, uint32_t t);
  void install(uint32_t m, uint32_t t);
  void remove_extension(uint32_t m, uint32_t t);
  void schedule_agent(uint32_t m, int64_t when, uint8_t kind);
  void initialise_health_state();
  void open_billing(uint32_t m, int group, uint32_t t);
  void close_billing(uint32_t m, int group, uint32_t t);
  void set_reporting(uint32_t m, bool reporting, uint32_t t);
  bool can_report(uint32_t m) const;
  void on_os_running_changed(uint32_t m, bool running, uint32_t t);
  void make_absent(uint32_t m, uint32_t t);
  void bring_in(uint32_t m, uint32_t t);
  void change_plan(uint32_t m, Plan plan, uint32_t t);
  void set_no_arc(uint32_t m, uint32_t t);
  void queue_recheck(uint32_t m, uint32_t t);
  void queue_at(uint32_t m, int64_t evaluation);
  int64_t evaluation_after(int64_t t) const;  // index of the first evaluation strictly after t
  std::pair<HealthClass, Issue> classify(uint32_t m, int32_t time) const;
  uint8_t sensor_state(uint32_t m, int32_t time) const;
  uint8_t geo_of(uint32_t m) const;
  int meter_group_of(uint32_t m) const;
  void apply(uint32_t m, const PowerStep& step, uint32_t t);
  void set_state(uint32_t m, PowerState next, uint32_t t);
  void schedule_change(uint32_t m, int64_t next_change_utc);
  bool powers_on_before(uint32_t m, uint32_t t, int64_t when) const;
  uint32_t rank(uint32_t m) const;

  const Scenario& sc_;
  const std::vector<PowerSchedule>& schedules_;
  FleetStore& fleet_;
  std::vector<MachineRange> machines_;
  Calendar calendar_;
  std::array<BillableIntegral, kMeterGroups> billable_;
  std::array<PeriodPresence, kMeterGroups> hour_presence_;
  std::array<PeriodPresence, kMeterGroups> month_presence_;
  int64_t hours_per_month_;
  uint64_t events_ = 0;
  // Health.
  int32_t heartbeat_interval_;
  int64_t first_evaluation_;  // seconds since start of the first four-hour UTC boundary after the start
  std::vector<std::vector<uint32_t>> recheck_ = std::vector<std::vector<uint32_t>>(kRecheckRing);
  std::array<int64_t, kHealthClassCount> class_counts_{};
  std::array<int64_t, kSensorHealthCount> sensor_counts_{};
  bool link_up_ = true;
  bool initialising_ = false;
  int64_t next_evaluation_ = 1;
  std::vector<uint8_t> enabled_;    // per subscription: Endpoint protection (the integration) is on
  std::vector<uint8_t> opted_in_;   // per subscription: bit 0 unified solution, bit 1 Linux
  std::vector<uint8_t> geo_by_subscription_;  // the tenant geo a subscription's heartbeats go to
  std::array<int64_t, 6> reporting_by_geo_{};
  uint64_t heartbeats_delivered_ = 0;
  uint64_t batches_lost_ = 0;
};

}  // namespace fleettwin
