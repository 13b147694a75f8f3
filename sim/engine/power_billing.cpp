#include "sim/engine/power_billing.hpp"

#include <algorithm>

#include "models/agent/provisioning.hpp"
#include "models/common/random.hpp"

namespace fleettwin {

PowerBilling::PowerBilling(SiteContext& site, HealthMonitor& health)
    : site_(site),
      health_(health),
      subscription_billable_(site.scenario.subscriptions.size() * kBilledPlanCount),
      cohort_p2_billable_(site.scenario.cohorts.size()),
      schedule_memo_(site.scenario.cohorts.size()),
      ahead_memo_(site.scenario.cohorts.size()) {
  EventQueue& q = site.events;
  follow_up_kind_[static_cast<size_t>(PowerEvent::TransitionDone)] =
      q.register_kind<&PowerBilling::on_follow_up<PowerEvent::TransitionDone>>("power.transition_done", Lane::Machine, this);
  follow_up_kind_[static_cast<size_t>(PowerEvent::ArcHeartbeat)] =
      q.register_kind<&PowerBilling::on_follow_up<PowerEvent::ArcHeartbeat>>("power.arc_first_heartbeat", Lane::Machine, this);
  follow_up_kind_[static_cast<size_t>(PowerEvent::ArcOfflineDetected)] =
      q.register_kind<&PowerBilling::on_follow_up<PowerEvent::ArcOfflineDetected>>("power.arc_offline", Lane::Machine, this);
  follow_up_kind_[static_cast<size_t>(PowerEvent::ArcExpiry)] =
      q.register_kind<&PowerBilling::on_follow_up<PowerEvent::ArcExpiry>>("power.arc_expiry", Lane::Machine, this);
  for (const LifecycleAction& a : site.scenario.actions) action_times_.push_back(a.at);
  std::sort(action_times_.begin(), action_times_.end());
  for (const CohortSpec& c : site.scenario.cohorts)
    any_ssm_missing_ |= c.environment == Environment::Aws && c.install_failures.ssm_agent_missing > 0;
  schedule_change_kind_ = q.register_kind<&PowerBilling::on_schedule_change>("power.schedule_change", Lane::Machine, this);
  for (int s = 0; s < kPowerStateCount; ++s) {
    for (int e = 0; e < 5; ++e) {
      const auto state = static_cast<PowerState>(s);
      const PowerStep after = fleettwin::on_follow_up(state, static_cast<PowerEvent>(e), site.scenario.power);
      const bool rename_only = e != 0 && after.next != state && after.follow_up == PowerEvent::None &&
                               behaves_alike(state, after.next);
      renamed_by_follow_up_[s][e] = static_cast<uint8_t>(rename_only ? after.next : static_cast<PowerState>(kPowerStateCount));
    }
  }
}

int PowerBilling::meter_group_of(uint32_t m) const {
  const FleetStore& f = site_.fleet;
  if (f.agent_flags[m] & kNoArc) return -1;  // no Arc resource, nothing to bill (quickstart-onboard-aws.md)
  return meter_group(f.plan[m], f.environment_of(m));
}

void PowerBilling::enter_initial_state(uint32_t m, SimTime t) {
  const CohortSpec& cohort = site_.cohort_of(m);
  const PowerChange now = schedule_at(m, site_.scenario.start + t.seconds());
  const PowerState s0 = initial_power_state(is_arc_environment(cohort.environment), now.on, cohort.power.off_action);
  set_state(m, s0, t);
  apply(m, initial_follow_up(s0, site_.scenario.power), t);
  schedule_change(m, now.next_change);
}

void PowerBilling::initialise_machine(uint32_t m) {
  site_.fleet.power[m] = PowerState::Deallocated;  // not billable: set_state opens the meter if the start state is
  enter_initial_state(m, SimTime());
}

void PowerBilling::bring_in(uint32_t m, SimTime t) { enter_initial_state(m, t); }

void PowerBilling::take_out(uint32_t m, SimTime t) {
  FleetStore& f = site_.fleet;
  set_state(m, f.environment_of(m) == Environment::Azure ? PowerState::Deallocated : PowerState::ArcExpired, t);
  ++f.epoch[m];  // pending power follow-ups are void
}

void PowerBilling::on_schedule_change(const CalendarEntry& e) {
  FleetStore& f = site_.fleet;
  const uint32_t m = e.subject();
  if (f.agent[m] == AgentState::Absent) return;  // scaled in: its schedule stops
  const SimTime t = e.time();
  const uint16_t c = f.cohort[m];
  const PowerChange now = schedule_at(m, site_.scenario.start + t.seconds());
  const PowerStep step =
      fleettwin::on_schedule_change(f.power[m], now.on, site_.scenario.cohorts[c].power.off_action, site_.scenario.power);
  // A real change cancels the follow-ups still pending from the previous one.
  if (step.next != f.power[m]) ++f.epoch[m];
  const int64_t next_at = next_change_run(m, now.next_change);
  apply(m, step, t, next_at);
  schedule_change_at(m, next_at);
}

void PowerBilling::follow_up(const CalendarEntry& e, PowerEvent event) {
  FleetStore& f = site_.fleet;
  const uint32_t m = e.subject();
  if (e.epoch != f.epoch[m]) return;  // stale: overtaken by a schedule change, or scaled in
  if (e.tag == kCarriesStart) return carried_start(m, e.time(), e.note);
  apply(m, fleettwin::on_follow_up(f.power[m], event, site_.scenario.power), e.time());
}

// The schedule change at t and the end of Starting at w, in one event at w. At t, on_schedule_change would have
// turned Deallocated into Starting: neither is billed nor runs the operating system, so nothing reads a difference
// until w (a scale-in between bumps the epoch and voids this event, as it voided the follow-up; a plan change moves
// no billing). carry_start made sure that the schedule answers the same at w as at t, that the machine's next
// change comes after w and that w lies within the run, so this does at w what the two events did, in their order.
bool PowerBilling::carry_start(uint32_t m, int64_t t) {
  FleetStore& f = site_.fleet;
  if (f.power[m] != PowerState::Deallocated) return false;
  const Scenario& sc = site_.scenario;
  const PowerChange at_t = schedule_ahead(m, sc.start + t);
  if (!at_t.on) return false;
  // The draw apply() makes for the Starting follow-up at t.
  const int64_t w = t + rng::uniform_seconds(sc.power.starting.min, sc.power.starting.max, site_.seed, m,
                                             rng::Stream::AzureTransition, static_cast<uint64_t>(t));
  if (w >= sc.duration) return false;  // the run ends Starting: it must show so
  const PowerChange at_w = schedule_ahead(m, sc.start + w);
  if (at_w.on != at_t.on || at_w.next_change != at_t.next_change) return false;
  uint16_t note = kNoJitterNote;
  if (at_t.next_change != kNever) {
    const int64_t next_at = jittered(m, at_t.next_change);
    if (next_at <= w) return false;
    // The next change's jitter rides with the event (when it fits), so that carried_start need not draw it again.
    const int64_t jitter = next_at - (at_t.next_change - sc.start);
    if (jitter < kNoJitterNote) note = static_cast<uint16_t>(jitter);
  }
  site_.events.schedule(follow_up_kind_[static_cast<size_t>(PowerEvent::TransitionDone)], SimTime::at(w), m,
                        f.epoch[m], kCarriesStart, note);
  return true;
}

void PowerBilling::carried_start(uint32_t m, SimTime w, uint16_t jitter_note) {
  FleetStore& f = site_.fleet;
  if (f.agent[m] == AgentState::Absent) return;  // as on_schedule_change at t (a scale-in also bumped the epoch)
  ++f.epoch[m];                                   // its bump for a real change
  f.power[m] = PowerState::Starting;              // its step, which nothing saw
  set_state(m, PowerState::Running, w);           // the follow-up's
  const int64_t next_change = schedule_at(m, site_.scenario.start + w.seconds()).next_change;  // the answer at t
  if (next_change == kNever || jitter_note == kNoJitterNote) return schedule_change(m, next_change);
  schedule_change_at(m, next_change - site_.scenario.start + jitter_note);  // as jittered() drew it in carry_start
}

bool PowerBilling::powers_on_before(uint32_t m, SimTime t, SimTime when) const {
  const Scenario& sc = site_.scenario;
  const uint16_t c = site_.fleet.cohort[m];
  const int64_t next = schedule_at(m, sc.start + t.seconds()).next_change;
  return next != kNever && next - sc.start + sc.cohorts[c].power.jitter < when.seconds();
}

void PowerBilling::apply(uint32_t m, const PowerStep& step, SimTime t, int64_t next_change_at) {
  FleetStore& f = site_.fleet;
  const Scenario& sc = site_.scenario;
  if (step.next != f.power[m]) set_state(m, step.next, t);
  if (step.follow_up == PowerEvent::None) return;
  // An Offline machine that its schedule powers on again within 45 days never expires. Scheduling the expiry
  // anyway left one stale 45-day entry per nightly shutdown in the calendar (210 MiB at 1M machines x 365 d).
  if (step.follow_up == PowerEvent::ArcExpiry && powers_on_before(m, t, t + step.delay.max)) return;
  // A follow-up that only renames the state (Stopping -> Stopped, Offline -> Expired: behaves_alike) is applied
  // now: until it would have fired, nothing can tell the two names apart but the end-of-run state, so only a
  // follow-up due after the end keeps the first name. A sixth of the bench fleet's events were these.
  const uint8_t renamed = renamed_by_follow_up_[static_cast<size_t>(step.next)][static_cast<size_t>(step.follow_up)];
  const bool rename_only = renamed != kPowerStateCount;
  if (rename_only && t + step.delay.max < site_.end()) {
    f.power[m] = static_cast<PowerState>(renamed);
    return;
  }
  rng::Stream stream = rng::Stream::AzureTransition;
  if (step.follow_up == PowerEvent::ArcHeartbeat) stream = rng::Stream::ArcConnect;
  if (step.follow_up == PowerEvent::ArcOfflineDetected) stream = rng::Stream::ArcOffline;
  const int64_t delay =
      rng::uniform_seconds(step.delay.min, step.delay.max, site_.seed, m, stream, static_cast<uint64_t>(t.seconds()));
  const SimTime when = t + delay;
  if (when >= site_.end()) return;  // after the end of the run
  if (rename_only) {
    f.power[m] = static_cast<PowerState>(renamed);
    return;
  }
  if (next_change_at != kUnknownNext && folds_arc_follow_up(m, t, when, next_change_at))
    return apply(m, fleettwin::on_follow_up(f.power[m], step.follow_up, sc.power), when);
  site_.events.schedule(follow_up_kind_[static_cast<size_t>(step.follow_up)], when, m, f.epoch[m]);
}

// Arc's first heartbeat after a power-on and its Offline after a power-off, done at the schedule change instead of
// as events of their own (a quarter of the bench fleet's events). Connecting and Connected, Connected-powered-off
// and Offline, differ in billing alone: both run the operating system, or neither, so the sensor, the health
// monitor, threats and vulnerabilities see no difference (they read is_os_running). The meters take an open or a
// close ahead of the clock exactly (BillableIntegral sums in any order within a period; PeriodPresence reads only
// the machine's own mark and the interval's ends), so long as it falls in the hour being drained, before the roll
// that reads them. What else could touch this machine's power or billing between the change at t and w:
//  - its next schedule change: it must come after w (the same second would order by kind);
//  - a lifecycle action (a plan change, a move, a cohort removed; an extension deleted or an integration
//    enabled, whose redeployment can find the SSM agent missing): none may fall in [t, w];
//  - a deployment attempt that finds an AWS machine's SSM agent missing (set_no_arc): not for such a machine
//    unless it has already lost Arc (then it bills nothing, and nothing changes).
// Otherwise the follow-up keeps its event. The end of the run was checked by the caller (w < end).
bool PowerBilling::folds_arc_follow_up(uint32_t m, SimTime t, SimTime w, int64_t next_change_at) const {
  const PowerState s = site_.fleet.power[m];
  if (s != PowerState::ArcConnecting && s != PowerState::ArcConnectedOff) return false;
  if (w.seconds() >= (t.seconds() / 3600 + 1) * 3600) return false;  // the meters roll at every clock hour
  if (next_change_at <= w.seconds()) return false;
  const auto action = std::lower_bound(action_times_.begin(), action_times_.end(), t.seconds());
  if (action != action_times_.end() && *action <= w.seconds()) return false;
  if (any_ssm_missing_ && !(site_.fleet.agent_flags[m] & kNoArc)) {
    const Scenario& sc = site_.scenario;
    const CohortSpec& cohort = site_.cohort_of(m);
    if (cohort.environment == Environment::Aws &&
        missing_prerequisite(cohort.install_failures, site_.fleet.os_of(m), cohort.environment, sc.seed, m) ==
            Issue::SsmAgentMissing)
      return false;
  }
  return true;
}

void PowerBilling::set_state(uint32_t m, PowerState next, SimTime t) {
  FleetStore& f = site_.fleet;
  const int g = meter_group_of(m);
  const bool was = g >= 0 && is_billable(f.power[m]);
  const bool now = g >= 0 && is_billable(next);
  const bool os_was = is_os_running(f.power[m]);
  f.power[m] = next;
  if (os_was != is_os_running(next)) health_.on_os_running_changed(m, !os_was, t);
  if (was == now) return;
  if (now)
    open_billing(m, g, t);
  else
    close_billing(m, g, t);
}

void PowerBilling::open_billing(uint32_t m, int g, SimTime t) {
  FleetStore& f = site_.fleet;
  billable_[g].open(t.seconds());
  subscription_billable_[f.subscription[m] * size_t{kBilledPlanCount} + static_cast<size_t>(g / kEnvironmentCount)].open(t.seconds());
  if (g / kEnvironmentCount == 1) cohort_p2_billable_[f.cohort[m]].open(t.seconds());
  hour_presence_[g].open(f.hour_mark[m]);
  month_presence_[g].open(f.month_mark[m]);
  f.billable_since[m] = t;
}

void PowerBilling::close_billing(uint32_t m, int g, SimTime t) {
  FleetStore& f = site_.fleet;
  const SimTime since = f.billable_since[m];
  billable_[g].close(t.seconds());
  subscription_billable_[f.subscription[m] * size_t{kBilledPlanCount} + static_cast<size_t>(g / kEnvironmentCount)].close(t.seconds());
  if (g / kEnvironmentCount == 1) cohort_p2_billable_[f.cohort[m]].close(t.seconds());
  hour_presence_[g].close(t.seconds(), since.seconds(), f.hour_mark[m]);
  month_presence_[g].close(t.seconds(), since.seconds(), f.month_mark[m]);
  f.billed_seconds[m] += static_cast<uint32_t>(t - since);
}

int64_t PowerBilling::jittered(uint32_t m, int64_t next_change_utc) const {
  const Scenario& sc = site_.scenario;
  const int64_t jitter = rng::uniform_seconds(0, site_.cohort_of(m).power.jitter, site_.seed, m,
                                              rng::Stream::ScheduleJitter, static_cast<uint64_t>(next_change_utc));
  return next_change_utc - sc.start + jitter;
}

void PowerBilling::schedule_change_at(uint32_t m, int64_t when) {
  if (when >= site_.scenario.duration) return;  // kNever too
  if (carry_start(m, when)) return;
  site_.events.schedule(schedule_change_kind_, SimTime::at(when), m);
}

void PowerBilling::change_plan(uint32_t m, Plan plan, SimTime t) {
  FleetStore& f = site_.fleet;
  if (plan == f.plan[m]) return;
  const int old_group = meter_group_of(m);
  const bool billing = is_billable(f.power[m]);
  if (old_group >= 0 && billing) close_billing(m, old_group, t);
  f.plan[m] = plan;
  const int new_group = meter_group_of(m);
  if (new_group >= 0 && billing) open_billing(m, new_group, t);
}

void PowerBilling::set_no_arc(uint32_t m, SimTime t) {
  FleetStore& f = site_.fleet;
  if (f.agent_flags[m] & kNoArc) return;
  const int g = meter_group_of(m);
  if (g >= 0 && is_billable(f.power[m])) close_billing(m, g, t);
  f.agent_flags[m] |= kNoArc;
}

HourUsage PowerBilling::close_hour(SimTime boundary) {
  HourUsage usage;
  bool marks_expired = false;  // the groups roll together: all or none
  for (int g = 0; g < kMeterGroups; ++g) {
    usage.billable_seconds[g] = billable_[g].roll(boundary.seconds());
    const auto rolled = hour_presence_[g].roll(boundary.seconds());
    usage.machines_billed[g] = rolled.machines;
    marks_expired = rolled.marks_expired;
  }
  if (marks_expired) site_.for_each_machine([&](uint32_t m) { site_.fleet.hour_mark[m] = 0; });
  usage.subscription_seconds.resize(subscription_billable_.size());
  for (size_t i = 0; i < subscription_billable_.size(); ++i)
    usage.subscription_seconds[i] = subscription_billable_[i].roll(boundary.seconds());
  usage.cohort_p2_seconds.resize(cohort_p2_billable_.size());
  for (size_t i = 0; i < cohort_p2_billable_.size(); ++i)
    usage.cohort_p2_seconds[i] = cohort_p2_billable_[i].roll(boundary.seconds());
  return usage;
}

GroupCounts PowerBilling::close_month(SimTime boundary) {
  GroupCounts seats{};
  bool marks_expired = false;
  for (int g = 0; g < kMeterGroups; ++g) {
    const auto rolled = month_presence_[g].roll(boundary.seconds());
    seats[g] = rolled.machines;
    marks_expired = rolled.marks_expired;
  }
  if (marks_expired) site_.for_each_machine([&](uint32_t m) { site_.fleet.month_mark[m] = 0; });
  return seats;
}

void PowerBilling::finish(SimTime end) {
  FleetStore& f = site_.fleet;
  site_.for_each_machine([&](uint32_t m) {
    if (meter_group_of(m) >= 0 && is_billable(f.power[m])) f.billed_seconds[m] += static_cast<uint32_t>(end - f.billable_since[m]);
  });
}

}  // namespace fleettwin
