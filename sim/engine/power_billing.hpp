#pragma once
// Power and billing of a site's machines: power schedules drive the power and Arc connectivity states
// (models/power/), and the billing meters (models/billing/) follow the billable states incrementally, so closing
// an hour costs O(meter groups), not O(machines).
//
// Event kinds: the four power follow-ups (a transition completing, Arc's first heartbeat, Arc going Offline,
// Arc expiring), carrying the machine's power epoch so that a schedule change voids the follow-ups still
// pending; and the schedule change itself.
#include <array>
#include <cstdint>

#include "models/billing/billing.hpp"
#include "models/power/power_state.hpp"
#include "sim/engine/health_monitor.hpp"
#include "sim/engine/site_context.hpp"
#include "sim/output/records.hpp"

namespace fleettwin {

class PowerBilling {
 public:
  PowerBilling(SiteContext& site, HealthMonitor& health);

  // Puts the machine in its steady power state at the start of the run and schedules its first change.
  void initialise_machine(uint32_t m);
  // A scaled-out machine comes into existence at t, in the state its schedule asks for then.
  void bring_in(uint32_t m, SimTime t);
  // A scaled-in machine leaves at t: off for good, its pending follow-ups void.
  void take_out(uint32_t m, SimTime t);
  // Billing moves to the meter group of the new plan from t on.
  void change_plan(uint32_t m, Plan plan, SimTime t);
  // Arc could not be provisioned (AWS without the SSM agent): the machine has no Arc resource, nothing to bill.
  void set_no_arc(uint32_t m, SimTime t);

  // Closes clock hour `hour`, which ends at `boundary`.
  HourUsage close_hour(SimTime boundary);
  // Closes the billing month ending at `boundary`: the seats it counted, per meter group.
  GroupCounts close_month(SimTime boundary);
  // End of run: adds the billable time still open to each machine's total.
  void finish(SimTime end);

 private:
  // The machine's schedule at utc, through the cohort's memo (power_schedule.hpp).
  PowerChange schedule_at(uint32_t m, int64_t utc) const {
    const uint16_t c = site_.fleet.cohort[m];
    return site_.schedules[c].at(utc, site_.rank(m), schedule_memo_[c]);
  }
  // The same for an instant ahead of the run's clock (carry_start), through a memo of its own, so that asking
  // about the next start does not evict the answer for now that the cohort's other machines are reading.
  PowerChange schedule_ahead(uint32_t m, int64_t utc) const {
    const uint16_t c = site_.fleet.cohort[m];
    return site_.schedules[c].at(utc, site_.rank(m), ahead_memo_[c]);
  }
  void on_schedule_change(const CalendarEntry& e);
  template <PowerEvent Event>
  void on_follow_up(const CalendarEntry& e) { follow_up(e, Event); }
  void follow_up(const CalendarEntry& e, PowerEvent event);
  int meter_group_of(uint32_t m) const;
  // next_change_at: the run's second of the machine's next schedule change when the caller knows it (a schedule
  // change), which lets an Arc follow-up be folded (folds_arc_follow_up); kUnknownNext otherwise.
  static constexpr int64_t kUnknownNext = -1;
  void apply(uint32_t m, const PowerStep& step, SimTime t, int64_t next_change_at = kUnknownNext);
  void set_state(uint32_t m, PowerState next, SimTime t);
  void open_billing(uint32_t m, int group, SimTime t);
  void close_billing(uint32_t m, int group, SimTime t);
  void schedule_change(uint32_t m, int64_t next_change_utc) { schedule_change_at(m, next_change_run(m, next_change_utc)); }
  void schedule_change_at(uint32_t m, int64_t when);
  // The run's second of the change at next_change_utc (jittered), kNever if there is none.
  int64_t next_change_run(uint32_t m, int64_t next_change_utc) const {
    return next_change_utc == kNever ? kNever : jittered(m, next_change_utc);
  }
  // An Arc machine's first heartbeat (Connecting -> Connected) or its Offline (Connected, powered off -> Offline)
  // at w after its schedule change at t changes nothing but billing, which the meters can take ahead of the clock
  // within the hour; folded into the change when nothing else can touch the machine's power or billing in [t, w]
  // (see the .cpp).
  bool folds_arc_follow_up(uint32_t m, SimTime t, SimTime w, int64_t next_change_at) const;
  // The run's second at which machine m acts on its schedule's change at next_change_utc (its jitter added).
  int64_t jittered(uint32_t m, int64_t next_change_utc) const;
  // A deallocated VM that its schedule starts at t shows nothing to anyone until Starting ends at w: the change is
  // then carried by the TransitionDone event at w (tag kCarriesStart) instead of an event of its own at t, when the
  // answers are sure to be the same (see the .cpp). Returns false when it must have its own event.
  bool carry_start(uint32_t m, int64_t t);
  // jitter_note: the jitter of the machine's next change as carry_start drew it, kNoJitterNote when it did not
  // fit in the event (jitters of 18.2 h and more) or there is no next change.
  void carried_start(uint32_t m, SimTime w, uint16_t jitter_note);
  static constexpr uint8_t kCarriesStart = 1;
  static constexpr uint16_t kNoJitterNote = UINT16_MAX;
  bool powers_on_before(uint32_t m, SimTime t, SimTime when) const;
  void enter_initial_state(uint32_t m, SimTime t);

  SiteContext& site_;
  HealthMonitor& health_;
  std::array<EventKind, 5> follow_up_kind_{};  // indexed by PowerEvent
  // [state][follow-up]: the state the follow-up renames `state` to when it changes nothing else
  // (behaves_alike), so it is applied at once; kPowerStateCount when it needs its event.
  std::array<std::array<uint8_t, 5>, kPowerStateCount> renamed_by_follow_up_{};
  EventKind schedule_change_kind_;
  std::array<BillableIntegral, kMeterGroups> billable_;
  std::vector<BillableIntegral> subscription_billable_;  // per subscription × plan (licensing)
  std::vector<BillableIntegral> cohort_p2_billable_;     // per cohort, Plan 2 only (the data benefit)
  std::array<PeriodPresence<HourMark>, kMeterGroups> hour_presence_;
  std::array<PeriodPresence<MonthMark>, kMeterGroups> month_presence_;
  std::vector<int64_t> action_times_;  // the scenario's lifecycle actions, sorted: they can move billing
  bool any_ssm_missing_ = false;       // an AWS cohort's machines can lose Arc at a deployment attempt
  mutable std::vector<ScheduleMemo> schedule_memo_;  // per cohort: this site's last answer of its schedule
  mutable std::vector<ScheduleMemo> ahead_memo_;     // per cohort: its last answer ahead of the clock
};

}  // namespace fleettwin
