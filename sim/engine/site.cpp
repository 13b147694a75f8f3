#include "sim/engine/site.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>

#include "models/common/random.hpp"

namespace fleettwin {

HourUsage& HourUsage::operator+=(const HourUsage& o) {
  for (int g = 0; g < kMeterGroups; ++g) {
    billable_seconds[g] += o.billable_seconds[g];
    machines_billed[g] += o.machines_billed[g];
  }
  return *this;
}

HealthCollector::HealthCollector(size_t sites, Sink sink) : sites_(sites), sink_(std::move(sink)) {
  pending_.index = 0;
  pending_.counts.resize(sites);
  pending_.sensor.resize(sites);
}

void HealthCollector::report(size_t site, HealthReport&& r) {
  if (r.evaluation != pending_.index) throw std::logic_error("health collector: evaluation reported out of order");
  pending_.time = r.time;
  pending_.counts[site] = r.counts;
  pending_.sensor[site] = r.sensor;
  pending_.changes.insert(pending_.changes.end(), r.changes.begin(), r.changes.end());
  if (++reports_ < sites_) return;
  std::sort(pending_.changes.begin(), pending_.changes.end(),
            [](const HealthChange& a, const HealthChange& b) { return a.machine < b.machine; });
  sink_(pending_);
  pending_.changes.clear();
  reports_ = 0;
  ++pending_.index;
}

UsageCollector::UsageCollector(size_t sites, HourSink on_hour, MonthSink on_month)
    : sites_(sites), on_hour_(std::move(on_hour)), on_month_(std::move(on_month)) {}

void UsageCollector::report_hour(int64_t hour, const HourUsage& usage) {
  // Every site closes hour h at the same simulated instant, before any of them can close h + 1.
  if (hour != hour_) throw std::logic_error("usage collector: hour reported out of order");
  hour_sum_ += usage;
  if (++hour_reports_ < sites_) return;
  on_hour_(hour_, hour_sum_);
  hour_sum_ = {};
  hour_reports_ = 0;
  ++hour_;
}

void UsageCollector::report_month(int64_t month, int64_t hours_in_month, const GroupCounts& seats) {
  if (month != month_) throw std::logic_error("usage collector: month reported out of order");
  for (int g = 0; g < kMeterGroups; ++g) month_sum_[g] += seats[g];
  if (++month_reports_ < sites_) return;
  on_month_(month_, hours_in_month, month_sum_);
  month_sum_ = {};
  month_reports_ = 0;
  ++month_;
}

Site::Site(const Scenario& scenario, const std::vector<PowerSchedule>& schedules, FleetStore& fleet,
           std::vector<MachineRange> machines)
    : sc_(scenario),
      schedules_(schedules),
      fleet_(fleet),
      machines_(std::move(machines)),
      hours_per_month_(static_cast<int64_t>(scenario.billing.hours_per_month)),
      heartbeat_interval_(scenario.defender.heartbeat_interval),
      first_evaluation_(kEvaluationPeriod - scenario.start % kEvaluationPeriod) {}

size_t Site::machine_count() const {
  size_t n = 0;
  for (const auto& r : machines_) n += r.count;
  return n;
}

uint32_t Site::rank(uint32_t m) const { return m - sc_.cohorts[fleet_.cohort[m]].first_machine; }

void Site::initialise() {
  initialising_ = true;
  initialise_health_state();
  for (const auto& range : machines_) {
    const CohortSpec& cohort = sc_.cohorts[fleet_.cohort[range.first]];
    const PowerSchedule& schedule = schedules_[fleet_.cohort[range.first]];
    const bool arc = is_arc_environment(cohort.environment);
    for (uint32_t m = range.first; m < range.first + range.count; ++m) {
      if (cohort.added > 0) {  // scale-out later in the run: nothing exists yet
        fleet_.agent[m] = AgentState::Absent;
        fleet_.health[m] = HealthClass::Absent;
        fleet_.health_issue[m] = Issue::NotDeployed;
        continue;
      }
      const PowerChange now = schedule.at(sc_.start, rank(m));
      const PowerState s0 = initial_power_state(arc, now.on, cohort.power.off_action);
      fleet_.power[m] = PowerState::Deallocated;  // not billable: set_state opens the meter if s0 is billable
      set_state(m, s0, 0);
      apply(m, initial_follow_up(s0, sc_.power), 0);
      schedule_change(m, now.next_change);
      initialise_agent(m);
    }
  }
  initialising_ = false;
}

void Site::advance_to(uint32_t until) {
  events_ += calendar_.drain_until(until, [this](const CalendarEntry& e) { handle(e); });
}

void Site::handle(const CalendarEntry& e) {
  const uint32_t m = e.machine;
  if (e.kind >= kDeployAttempt) {
    handle_agent(e);
    return;
  }
  if (e.kind == kScheduleChange) {
    if (fleet_.agent[m] == AgentState::Absent) return;  // scaled in: its schedule stops
    const uint16_t c = fleet_.cohort[m];
    const PowerChange now = schedules_[c].at(sc_.start + e.time, rank(m));
    const PowerStep step = on_schedule_change(fleet_.power[m], now.on, sc_.cohorts[c].power.off_action, sc_.power);
    // A real change cancels the follow-ups still pending from the previous one.
    if (step.next != fleet_.power[m]) ++fleet_.epoch[m];
    apply(m, step, e.time);
    schedule_change(m, now.next_change);
    return;
  }
  if (e.epoch != fleet_.epoch[m]) return;  // stale: overtaken by a schedule change
  apply(m, on_follow_up(fleet_.power[m], static_cast<PowerEvent>(e.kind), sc_.power), e.time);
}

bool Site::powers_on_before(uint32_t m, uint32_t t, int64_t when) const {
  const uint16_t c = fleet_.cohort[m];
  const int64_t next = schedules_[c].at(sc_.start + t, rank(m)).next_change;
  return next != kNever && next - sc_.start + sc_.cohorts[c].power.jitter < when;
}

void Site::apply(uint32_t m, const PowerStep& step, uint32_t t) {
  if (step.next != fleet_.power[m]) set_state(m, step.next, t);
  if (step.follow_up == PowerEvent::None) return;
  // An Offline machine that its schedule powers on again within 45 days never expires. Scheduling the expiry
  // anyway left one stale 45-day entry per nightly shutdown in the calendar (210 MiB at 1M machines x 365 d).
  if (step.follow_up == PowerEvent::ArcExpiry && powers_on_before(m, t, t + step.delay.max)) return;
  rng::Stream stream = rng::Stream::AzureTransition;
  if (step.follow_up == PowerEvent::ArcHeartbeat) stream = rng::Stream::ArcConnect;
  if (step.follow_up == PowerEvent::ArcOfflineDetected) stream = rng::Stream::ArcOffline;
  const int64_t delay = rng::uniform_seconds(step.delay.min, step.delay.max, sc_.seed, m, stream, t);
  const int64_t when = t + delay;
  if (when >= sc_.duration) return;  // after the end of the run
  calendar_.push({static_cast<uint32_t>(when), m, static_cast<uint8_t>(step.follow_up), fleet_.epoch[m]});
}

void Site::set_state(uint32_t m, PowerState next, uint32_t t) {
  const int g = meter_group_of(m);
  const bool was = g >= 0 && is_billable(fleet_.power[m]);
  const bool now = g >= 0 && is_billable(next);
  const bool os_was = is_os_running(fleet_.power[m]);
  fleet_.power[m] = next;
  if (os_was != is_os_running(next)) on_os_running_changed(m, !os_was, t);
  if (was == now) return;
  if (now)
    open_billing(m, g, t);
  else
    close_billing(m, g, t);
}

void Site::open_billing(uint32_t m, int g, uint32_t t) {
  billable_[g].open(t);
  hour_presence_[g].open(fleet_.hour_mark[m]);
  month_presence_[g].open(fleet_.month_mark[m]);
  fleet_.billable_since[m] = t;
}

void Site::close_billing(uint32_t m, int g, uint32_t t) {
  const uint32_t since = fleet_.billable_since[m];
  billable_[g].close(t);
  hour_presence_[g].close(t, since, fleet_.hour_mark[m]);
  month_presence_[g].close(t, since, fleet_.month_mark[m]);
  fleet_.billed_seconds[m] += t - since;
}

void Site::schedule_change(uint32_t m, int64_t next_change_utc) {
  if (next_change_utc == kNever) return;
  const CohortSpec& cohort = sc_.cohorts[fleet_.cohort[m]];
  const int64_t jitter = rng::uniform_seconds(0, cohort.power.jitter, sc_.seed, m, rng::Stream::ScheduleJitter,
                                              static_cast<uint64_t>(next_change_utc));
  const int64_t when = next_change_utc - sc_.start + jitter;
  if (when >= sc_.duration) return;
  calendar_.push({static_cast<uint32_t>(when), m, kScheduleChange, 0});
}

void Site::roll_hour(int64_t hour, uint32_t boundary, UsageCollector& collector) {
  HourUsage usage;
  for (int g = 0; g < kMeterGroups; ++g) {
    usage.billable_seconds[g] = billable_[g].roll(boundary);
    usage.machines_billed[g] = hour_presence_[g].roll(boundary);
  }
  collector.report_hour(hour, usage);
  const bool month_end = (hour + 1) % hours_per_month_ == 0;
  const bool run_end = boundary >= sc_.duration;
  if (month_end || run_end) {
    GroupCounts seats{};
    for (int g = 0; g < kMeterGroups; ++g) seats[g] = month_presence_[g].roll(boundary);
    const int64_t month = hour / hours_per_month_;
    collector.report_month(month, hour + 1 - month * hours_per_month_, seats);
  }
}

void Site::finish(uint32_t end) {
  for (const auto& range : machines_)
    for (uint32_t m = range.first; m < range.first + range.count; ++m)
      if (meter_group_of(m) >= 0 && is_billable(fleet_.power[m]))
        fleet_.billed_seconds[m] += end - fleet_.billable_since[m];
}

}  // namespace fleettwin
