#include "sim/engine/site.hpp"

#include "models/health/health_evaluation.hpp"
#include "sim/engine/scratch_vector.hpp"

namespace fleettwin {

Site::Site(const Scenario& scenario, const std::vector<PowerSchedule>& schedules, FleetStore& fleet, SitePlan plan)
    : location_(plan.location),
      shard_(plan.shard),
      ctx_{scenario, schedules, fleet, std::move(plan.machines), {}},
      health_(ctx_),
      power_(ctx_, health_),
      agent_(ctx_, power_, health_),
      actions_(ctx_, power_, agent_, health_),
      threats_(ctx_, agent_),
      vulns_(ctx_, health_) {
  if (vulns_.enabled()) threats_.set_vulnerabilities(&vulns_);
}

size_t Site::machine_count() const {
  size_t n = 0;
  for (const auto& r : ctx_.machines) n += r.count;
  return n;
}

const SiteReport& Site::start() {
  health_.set_initialising(true);
  actions_.initialise();
  ctx_.for_each_machine([&](uint32_t m) {
    if (ctx_.cohort_of(m).added > 0) {  // scale-out later in the run: nothing exists yet
      agent_.mark_absent_at_start(m);
      return;
    }
    power_.initialise_machine(m);
    agent_.initialise_machine(m);
  });
  health_.set_initialising(false);
  threats_.initialise();
  vulns_.initialise();
  for (auto& r : reports_) r.location = location_;
  SiteReport& r = reports_[current_];
  r.evaluated = true;
  r.evaluation = 0;
  health_.evaluate_start(r.counts, r.sensor, r.changes);
  current_ ^= 1;
  return r;
}

const SiteReport* Site::run_window(SimTime from, SimTime to, bool uplink_up) {
  const int64_t interval = ctx_.scenario.defender.heartbeat_interval;
  const SiteReport* closed = nullptr;
  const int64_t first = (from.seconds() + interval - 1) / interval * interval;
  for (SimTime t = SimTime::at(first); t < to; t = t + interval) {
    if (t > SimTime()) {
      const SiteReport& r = tick(t);
      if (r.any()) closed = &r;
    }
    heartbeat_batch_result(t, uplink_up);
    // Each tick's reporting sensors stand for the heartbeat interval that follows it.
    const auto day = static_cast<size_t>((ctx_.scenario.start + t.seconds()) / 86400 - ctx_.scenario.start / 86400);
    if (reporting_days_.size() <= day) reporting_days_.resize(day + 1);
    const auto& by_geo = reporting_by_geo();
    for (size_t g = 0; g < by_geo.size(); ++g) reporting_days_[day][g] += by_geo[g] * interval;
  }
  advance_to(to);
  return closed;
}

const SiteReport& Site::finish_run() {
  const SiteReport& r = tick(ctx_.end());
  power_.finish(ctx_.end());
  return r;
}

void Site::sample_memory() {
  MemoryUse now{};
  now[static_cast<size_t>(MemoryPart::Calendar)] = ctx_.events.calendar().capacity_bytes();
  size_t changes = 0;
  for (const SiteReport& r : reports_) changes += bytes_of(r.changes);
  now[static_cast<size_t>(MemoryPart::Health)] = health_.bytes() + changes;
  now[static_cast<size_t>(MemoryPart::Threats)] = threats_.bytes();
  now[static_cast<size_t>(MemoryPart::Vulnerabilities)] = vulns_.bytes();
  keep_high_water(memory_, now);
}

const SiteReport& Site::tick(SimTime t) {
  const Scenario& sc = ctx_.scenario;
  events_ += ctx_.events.run_until(t);
  SiteReport& r = reports_[current_];
  r.time = t;
  r.hour_closed = r.month_closed = r.evaluated = false;
  clear_scratch(r.changes);  // evaluation 0's list held every machine
  if (is_multiple_of(t, 3600)) {
    r.hour_closed = true;
    r.hour = t.seconds() / 3600 - 1;
    r.usage = power_.close_hour(t);
    const auto hours_per_month = static_cast<int64_t>(sc.billing.hours_per_month);
    if ((r.hour + 1) % hours_per_month == 0 || t >= ctx_.end()) {
      r.month_closed = true;
      r.month = r.hour / hours_per_month;
      r.hours_in_month = r.hour + 1 - r.month * hours_per_month;
      r.seats = power_.close_month(t);
    }
  }
  if ((sc.start + t.seconds()) % kEvaluationPeriod == 0) {
    r.evaluated = true;
    r.evaluation = next_evaluation_++;
    health_.evaluate(r.evaluation, t, r.counts, r.sensor, r.changes);
    sample_memory();
  }
  vulns_.tick(t, r.evaluated ? &r.counts : nullptr);
  r.events = events_;
  if (r.any()) current_ ^= 1;
  return r;
}

}  // namespace fleettwin
