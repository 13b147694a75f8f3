#pragma once
// A site (an Azure/AWS/GCP region or an on-premises site) owns the machines behind one gateway: their event
// calendar and their share of the billing meter. It knows nothing of SimGrid: the site actor (sim/run.cpp)
// calls advance_to() and roll_hour() at each synchronisation point, so this logic is testable on its own.
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "models/billing.hpp"
#include "models/power_schedule.hpp"
#include "sim/calendar.hpp"
#include "sim/fleet_store.hpp"
#include "sim/scenario.hpp"

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

  void handle(const CalendarEntry& e);
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
};

}  // namespace fleettwin
