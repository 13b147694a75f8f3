#include "sim/engine/health_monitor.hpp"

#include <algorithm>
#include <cassert>

#include "models/health/health_evaluation.hpp"

namespace fleettwin {

HealthMonitor::HealthMonitor(SiteContext& site)
    : site_(site),
      heartbeat_interval_(site.scenario.defender.heartbeat_interval),
      first_evaluation_(kEvaluationPeriod - site.scenario.start % kEvaluationPeriod),
      recheck_(site.machines, kRecheckSlots) {
  for (const auto& sub : site.scenario.subscriptions)
    geo_by_subscription_.push_back(static_cast<uint8_t>(site.scenario.tenants[sub.tenant].geo));
}

bool HealthMonitor::can_report(uint32_t m) const {
  return site_.fleet.agent[m] == AgentState::Running && is_os_running(site_.fleet.power[m]) && link_up_;
}

void HealthMonitor::assume_reported_before_start(uint32_t m) {
  const SimTime before = SimTime::at(-heartbeat_interval_);
  ReportTicks& r = site_.fleet.ticks[m];
  r.seen.last = before;
  if (r.os_on.last.is_none()) r.os_on.last = before;
}

void HealthMonitor::set_reporting(uint32_t m, bool reporting, SimTime t) {
  TickTrack& s = site_.fleet.ticks[m].seen;
  if (reporting == s.holds()) return;
  if (reporting) {
    s.begin(t);
    ++reporting_by_geo_[geo_of(m)];
  } else {
    s.end(t, heartbeat_interval_);
    --reporting_by_geo_[geo_of(m)];
  }
  if (observer_) observer_->reporting_changed(m, reporting, t);
}

void HealthMonitor::on_os_running_changed(uint32_t m, bool running, SimTime t) {
  TickTrack& os_on = site_.fleet.ticks[m].os_on;
  if (running)
    os_on.begin(t);
  else
    os_on.end(t, heartbeat_interval_);
  set_reporting(m, can_report(m), t);
  recheck(m, t);
  if (observer_) observer_->os_running_changed(m, running, t);
}

int64_t HealthMonitor::evaluation_after(SimTime t) const {
  if (t.seconds() < first_evaluation_) return 1;
  return (t.seconds() - first_evaluation_) / kEvaluationPeriod + 2;
}

void HealthMonitor::queue_at(uint32_t m, int64_t evaluation) {
  assert(evaluation >= next_evaluation_ && evaluation - next_evaluation_ < static_cast<int64_t>(kRecheckSlots));
  recheck_.mark(m, evaluation);
}

// The evaluations a change at t can affect: the next one, the one after (when the last heartbeat leaves the
// window), and the one at which the last heartbeat turns seven days old (Inactive).
void HealthMonitor::recheck(uint32_t m, SimTime t) {
  if (initialising_) return;
  const int64_t k = evaluation_after(t);
  queue_at(m, k);
  queue_at(m, k + 1);
  const TickTrack& s = site_.fleet.ticks[m].seen;
  if (!s.holds() && !s.last.is_none()) {
    const int64_t k7 = evaluation_after(s.last + kInactiveAfter);
    if (k7 > k + 1) queue_at(m, k7);
  }
}

std::pair<HealthClass, Issue> HealthMonitor::classify(uint32_t m, SimTime time) const {
  const FleetStore& f = site_.fleet;
  if (f.agent[m] == AgentState::Absent) return {HealthClass::Absent, Issue::NotDeployed};
  if (!(f.agent_flags[m] & kCovered)) return {HealthClass::NotCovered, Issue::NoPlan};
  switch (f.agent[m]) {
    case AgentState::NotApplicable: return {HealthClass::NotApplicable, f.cause[m]};
    case AgentState::NotDeployed:
    case AgentState::Pending: return {HealthClass::Provisioning, Issue::AwaitingDeployment};
    case AgentState::InstallFailed: return {HealthClass::InstallationIssue, f.cause[m]};
    default: break;
  }
  const ReportTicks& ticks = f.ticks[m];
  switch (judge_window(ticks.seen, ticks.os_on, time, heartbeat_interval_)) {
    case WindowVerdict::NeverReported: return {HealthClass::Provisioning, Issue::AwaitingFirstReport};
    case WindowVerdict::Reported: {
      const auto mis = static_cast<Misconfiguration>((f.agent_flags[m] >> kMisconfigShift) & 3);
      if (mis == Misconfiguration::None) return {HealthClass::Healthy, Issue::None};
      return {HealthClass::HeartbeatIssue,
              mis == Misconfiguration::ImpairedCommunication ? Issue::ImpairedCommunications : Issue::NoSensorData};
    }
    case WindowVerdict::Silent:
      if (f.agent[m] == AgentState::Running && !link_up_) return {HealthClass::HeartbeatIssue, Issue::SiteUnreachable};
      return {HealthClass::HeartbeatIssue, Issue::AgentNotReporting};
    case WindowVerdict::PoweredOff: break;
  }
  // Off at every tick of the window: not expected to report, the previous evaluation stands.
  return {f.health[m], f.health_issue[m]};
}

uint8_t HealthMonitor::sensor_state(uint32_t m, SimTime time) const {
  const FleetStore& f = site_.fleet;
  const bool ever = f.agent_flags[m] & kEverOnboarded;
  const auto mis = static_cast<Misconfiguration>((f.agent_flags[m] >> kMisconfigShift) & 3);
  return static_cast<uint8_t>(sensor_health(ever, f.ticks[m].seen.last_before(time, heartbeat_interval_), time, mis));
}

void HealthMonitor::evaluate_start(ClassCounts& counts, SensorCounts& sensor, std::vector<HealthChange>& changes) {
  FleetStore& f = site_.fleet;
  changes.clear();
  size_t machines = 0;
  for (const auto& r : site_.machines) machines += r.count;
  changes.reserve(machines);
  site_.for_each_machine([&](uint32_t m) {
    const auto [cls, issue] = classify(m, SimTime());
    f.health[m] = cls;
    f.health_issue[m] = issue;
    f.sensor[m] = sensor_state(m, SimTime());
    ++class_counts_[static_cast<size_t>(cls)];
    ++sensor_counts_[f.sensor[m]];
    changes.push_back({m, cls, issue});
  });
  std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.machine < b.machine; });
  counts = class_counts_;
  sensor = sensor_counts_;
}

void HealthMonitor::evaluate(int64_t index, SimTime time, ClassCounts& counts, SensorCounts& sensor,
                             std::vector<HealthChange>& changes) {
  assert(index == next_evaluation_);
  FleetStore& f = site_.fleet;
  changes.clear();
  // In machine order (the ring's), so that the control plane only merges the sites' lists.
  recheck_.drain(index, [&](uint32_t m) {
    const auto [cls, issue] = classify(m, time);
    const uint8_t state = sensor_state(m, time);
    if (state != f.sensor[m]) {
      --sensor_counts_[f.sensor[m]];
      ++sensor_counts_[state];
      f.sensor[m] = state;
    }
    if (cls == f.health[m] && issue == f.health_issue[m]) return;
    --class_counts_[static_cast<size_t>(f.health[m])];
    ++class_counts_[static_cast<size_t>(cls)];
    f.health[m] = cls;
    f.health_issue[m] = issue;
    changes.push_back({m, cls, issue});
  });
  ++next_evaluation_;
  counts = class_counts_;
  sensor = sensor_counts_;
}

void HealthMonitor::heartbeat_batch_result(SimTime t, bool delivered) {
  FleetStore& f = site_.fleet;
  if (delivered) {
    for (const int64_t n : reporting_by_geo_) heartbeats_delivered_ += static_cast<uint64_t>(n);
    if (link_up_) return;
    link_up_ = true;
    site_.for_each_machine([&](uint32_t m) {
      if (can_report(m)) {
        set_reporting(m, true, t);
        recheck(m, t);
      }
    });
    return;
  }
  ++batches_lost_;
  if (!link_up_) return;
  link_up_ = false;
  site_.for_each_machine([&](uint32_t m) {
    if (f.ticks[m].seen.holds()) {
      set_reporting(m, false, t);
      recheck(m, t);
    }
  });
}

}  // namespace fleettwin
