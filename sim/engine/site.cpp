#include "sim/engine/site.hpp"

#include "models/health/health_evaluation.hpp"

namespace fleettwin {

Site::Site(const Scenario& scenario, const std::vector<PowerSchedule>& schedules, FleetStore& fleet, SitePlan plan)
    : location_(plan.location),
      shard_(plan.shard),
      ctx_{scenario, schedules, fleet, std::move(plan.machines), {}},
      health_(ctx_),
      power_(ctx_, health_),
      agent_(ctx_, power_, health_),
      actions_(ctx_, power_, agent_, health_) {}

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
  report_ = SiteReport{};
  report_.location = location_;
  report_.evaluated = true;
  report_.evaluation = 0;
  health_.evaluate_start(report_.counts, report_.sensor, report_.changes);
  return report_;
}

const SiteReport& Site::tick(SimTime t) {
  const Scenario& sc = ctx_.scenario;
  events_ += ctx_.events.run_until(t);
  report_.time = t;
  report_.hour_closed = report_.month_closed = report_.evaluated = false;
  report_.changes.clear();
  if (is_multiple_of(t, 3600)) {
    report_.hour_closed = true;
    report_.hour = t.seconds() / 3600 - 1;
    report_.usage = power_.close_hour(t);
    const auto hours_per_month = static_cast<int64_t>(sc.billing.hours_per_month);
    if ((report_.hour + 1) % hours_per_month == 0 || t >= ctx_.end()) {
      report_.month_closed = true;
      report_.month = report_.hour / hours_per_month;
      report_.hours_in_month = report_.hour + 1 - report_.month * hours_per_month;
      report_.seats = power_.close_month(t);
    }
  }
  if ((sc.start + t.seconds()) % kEvaluationPeriod == 0) {
    report_.evaluated = true;
    report_.evaluation = next_evaluation_++;
    health_.evaluate(report_.evaluation, t, report_.counts, report_.sensor, report_.changes);
  }
  report_.events = events_;
  return report_;
}

}  // namespace fleettwin
